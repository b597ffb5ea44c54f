package dev.retort.sql.schema;

import dev.retort.error.ArgumentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A collection of table definitions that belong together, in definition order, and the unit that
 * schema creation works on. Tables are usually defined once, in static initializers; defining and
 * reading may happen from any thread.
 */
public final class MetaData {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** Creates empty metadata. */
  public MetaData() {}

  /**
   * Defines a table and registers it here.
   *
   * <pre>{@code
   * Table users = metadata.table("users", t -> {
   *   t.column("id", BIGINT).primaryKey().autoincrement();
   *   t.column("name", string(100)).notNull();
   * });
   * }</pre>
   *
   * @throws ArgumentException when the definition is invalid or a table of the same full name is
   *     already defined
   */
  public Table table(String name, Consumer<TableBuilder> definition) {
    TableBuilder builder = new TableBuilder(name);
    definition.accept(builder);
    Table table = new Table(this, builder);
    lock.lock();
    try {
      if (tables.containsKey(table.fullName())) {
        throw new ArgumentException(
            "Table '" + table.fullName() + "' is already defined in this MetaData");
      }
      tables.put(table.fullName(), table);
    } finally {
      lock.unlock();
    }
    return table;
  }

  /**
   * Defines a table for every table of the reader's current schema (for a connection: the
   * PostgreSQL {@code current_schema()}, the MariaDB database, SQLite's {@code main}), with its
   * columns, types, nullability, autoincrement, server defaults, primary and foreign keys, unique
   * constraints and indexes. Reflected tables of the current schema have no explicit schema.
   *
   * <p>Tables already defined here are left as they are and not returned. Tables are defined in
   * foreign-key order, all or none: on failure the metadata is unchanged. What a database cannot
   * tell back is documented with each dialect's {@code reflectedType}; CHECK constraints, views,
   * and indexes on expressions or partial indexes are not reflected.
   *
   * @return the tables defined, referenced tables first
   * @throws dev.retort.error.NotSupportedException when a column has a type Retort cannot
   *     represent; reflect the other tables by name
   */
  public List<Table> reflect(SchemaReader reader) {
    return reflectTables(reader, null, Set.of());
  }

  /**
   * Defines a table for every table of a named schema (a PostgreSQL schema, a MariaDB database);
   * the tables get that schema, unless it is the reader's current one. See {@link
   * #reflect(SchemaReader)}.
   */
  public List<Table> reflect(SchemaReader reader, String schema) {
    return reflectTables(reader, TableBuilder.requireName(schema, "schema"), Set.of());
  }

  /**
   * Defines tables for the named tables of the reader's current schema, and for the tables their
   * foreign keys refer to, so that every reference resolves. See {@link #reflect(SchemaReader)}.
   *
   * @throws ArgumentException when no name is given, or naming the tables that do not exist
   */
  public List<Table> reflect(SchemaReader reader, Collection<String> tableNames) {
    return reflectTables(reader, null, requireTableNames(tableNames));
  }

  /**
   * Defines tables for the named tables of a named schema, and for the tables their foreign keys
   * refer to. See {@link #reflect(SchemaReader, Collection)}.
   */
  public List<Table> reflect(SchemaReader reader, String schema, Collection<String> tableNames) {
    return reflectTables(
        reader, TableBuilder.requireName(schema, "schema"), requireTableNames(tableNames));
  }

  private static Set<String> requireTableNames(Collection<String> tableNames) {
    if (tableNames.isEmpty()) {
      throw new ArgumentException(
          "Name at least one table to reflect, or call reflect(reader) for every table");
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : tableNames) {
      names.add(TableBuilder.requireName(name, "table"));
    }
    return names;
  }

  private List<Table> reflectTables(SchemaReader reader, String schema, Set<String> tableNames) {
    TableReflector reflector = new TableReflector(this);
    List<Table> built = new ArrayList<>();
    for (TableDescription description : reflector.describe(reader, schema, tableNames)) {
      built.add(reflector.build(description));
    }
    lock.lock();
    try {
      for (Table table : built) {
        if (tables.containsKey(table.fullName())) {
          throw new ArgumentException(
              "Table '" + table.fullName() + "' was defined in this MetaData while reflecting");
        }
      }
      for (Table table : built) {
        tables.put(table.fullName(), table);
      }
    } finally {
      lock.unlock();
    }
    return List.copyOf(built);
  }

  /**
   * The table of this full name ({@code schema.name} or {@code name}).
   *
   * @throws ArgumentException naming the defined tables when there is none
   */
  public Table table(String fullName) {
    return findTable(fullName)
        .orElseThrow(
            () ->
                new ArgumentException(
                    "No table '" + fullName + "' is defined; defined tables: " + names(tables())));
  }

  /** The table of this full name, if defined. */
  public Optional<Table> findTable(String fullName) {
    lock.lock();
    try {
      return Optional.ofNullable(tables.get(fullName));
    } finally {
      lock.unlock();
    }
  }

  /** The tables in definition order. */
  public List<Table> tables() {
    lock.lock();
    try {
      return List.copyOf(tables.values());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The tables ordered so that every table comes after the tables its foreign keys refer to (a
   * table referring to itself is fine); otherwise in definition order. Create in this order, drop
   * in reverse.
   *
   * @throws CircularDependencyException naming the tables when foreign keys form a cycle
   * @throws ArgumentException when a foreign key refers to a table not defined here
   */
  public List<Table> sortedTables() {
    List<Table> remaining = new ArrayList<>(tables());
    Map<Table, Set<Table>> dependencies = new LinkedHashMap<>();
    for (Table t : remaining) {
      dependencies.put(t, t.dependencies());
    }
    List<Table> sorted = new ArrayList<>(remaining.size());
    Set<Table> done = new LinkedHashSet<>();
    while (!remaining.isEmpty()) {
      Table next = null;
      for (Table t : remaining) {
        if (done.containsAll(dependencies.get(t))) {
          next = t;
          break;
        }
      }
      if (next == null) {
        throw new CircularDependencyException(findCycle(remaining, dependencies));
      }
      remaining.remove(next);
      done.add(next);
      sorted.add(next);
    }
    return sorted;
  }

  /** Follows unsatisfied dependencies from the first remaining table until one repeats. */
  private static List<String> findCycle(
      List<Table> remaining, Map<Table, Set<Table>> dependencies) {
    List<Table> path = new ArrayList<>();
    Table current = remaining.get(0);
    while (!path.contains(current)) {
      path.add(current);
      current =
          dependencies.get(current).stream().filter(remaining::contains).findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(names(path.subList(path.indexOf(current), path.size())));
    cycle.add(current.fullName());
    return cycle;
  }

  private static List<String> names(List<Table> tables) {
    return tables.stream().map(Table::fullName).toList();
  }

  @Override
  public String toString() {
    return "MetaData" + names(tables());
  }
}
