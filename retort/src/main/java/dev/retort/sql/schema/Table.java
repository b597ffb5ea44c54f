package dev.retort.sql.schema;

import dev.retort.error.ArgumentException;
import dev.retort.sql.expr.FromSource;
import dev.retort.sql.expr.TableAlias;
import dev.retort.sql.schema.TableBuilder.ColumnBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table definition: columns, primary key, constraints and indexes, registered in a {@link
 * MetaData}. Defined with {@link MetaData#table(String, java.util.function.Consumer)}; immutable
 * afterwards and safe to share. Two tables are equal only if they are the same object.
 */
public final class Table implements FromSource {
  private final MetaData metadata;
  private final String name;
  private final String schema;
  private final Map<String, Column<?>> columns = new LinkedHashMap<>();
  private volatile List<Column<?>> columnList;
  private final PrimaryKey primaryKey;
  private final List<UniqueConstraint> uniqueConstraints = new ArrayList<>();
  private final List<CheckConstraint> checkConstraints = new ArrayList<>();
  private final List<ForeignKey> foreignKeys = new ArrayList<>();
  private final List<Index> indexes = new ArrayList<>();

  Table(MetaData metadata, TableBuilder def) {
    this.metadata = metadata;
    this.name = def.name;
    this.schema = def.schema;
    if (def.columns.isEmpty()) {
      throw new ArgumentException("Table '" + fullName() + "' has no columns");
    }
    Set<String> keyNames = Set.copyOf(def.primaryKey);
    for (ColumnBuilder<?> c : def.columns) {
      if (columns.containsKey(c.name)) {
        throw new ArgumentException(
            "Table '" + fullName() + "' defines column '" + c.name + "' twice");
      }
      columns.put(c.name, newColumn(c, keyNames.contains(c.name)));
    }
    this.primaryKey =
        def.primaryKey.isEmpty()
            ? null
            : new PrimaryKey(this, def.primaryKeyName, resolve(def.primaryKey));
    checkAutoincrement();
    for (TableBuilder.ConstraintBuilder u : def.uniques) {
      uniqueConstraints.add(new UniqueConstraint(this, u.name, resolve(u.columns)));
    }
    for (TableBuilder.ConstraintBuilder c : def.checks) {
      checkConstraints.add(new CheckConstraint(this, c.name, c.condition));
    }
    for (TableBuilder.ForeignKeyBuilder fk : def.foreignKeys) {
      if (fk.targetTable == null) {
        throw new ArgumentException(
            "Table '" + fullName() + "': the foreign key " + fk.columns + " needs references(...)");
      }
      foreignKeys.add(
          new ForeignKey(
              this,
              fk.name,
              resolve(fk.columns),
              fk.targetTable,
              fk.targetColumns,
              fk.onDelete,
              fk.onUpdate));
    }
    for (TableBuilder.IndexBuilder ix : def.indexes) {
      indexes.add(new Index(this, ix.name, resolve(ix.columns), ix.unique));
    }
  }

  private <T> Column<T> newColumn(ColumnBuilder<T> c, boolean inPrimaryKey) {
    if (c.serverDefault instanceof ServerDefault.Value v && c.autoincrement) {
      throw new ArgumentException(
          "Column '"
              + fullName()
              + "."
              + c.name
              + "' is autoincrement and cannot also have a server default "
              + v);
    }
    return new Column<>(
        this,
        c.name,
        c.type,
        !(c.notNull || inPrimaryKey),
        inPrimaryKey,
        c.autoincrement,
        c.serverDefault);
  }

  private void checkAutoincrement() {
    for (Column<?> c : columns.values()) {
      if (!c.autoincrement()) {
        continue;
      }
      if (!c.type().isInteger()) {
        throw new ArgumentException(
            "Column '"
                + c
                + "' is autoincrement but its type "
                + c.type()
                + " is not an integer type");
      }
      if (primaryKey == null
          || primaryKey.columns().size() != 1
          || primaryKey.columns().get(0) != c) {
        throw new ArgumentException(
            "Column '"
                + c
                + "' is autoincrement, which needs it to be the table's whole primary key"
                + " (call primaryKey() on it); the primary key is "
                + (primaryKey == null ? "not declared" : primaryKey.columns()));
      }
    }
  }

  private List<Column<?>> resolve(List<String> names) {
    List<Column<?>> resolved = new ArrayList<>(names.size());
    for (String n : names) {
      Column<?> c = column(n);
      if (resolved.contains(c)) {
        throw new ArgumentException("Column '" + n + "' is listed twice in " + names);
      }
      resolved.add(c);
    }
    return resolved;
  }

  /** The metadata the table is registered in. */
  public MetaData metadata() {
    return metadata;
  }

  /** The table's name, without schema. */
  public String name() {
    return name;
  }

  /** The schema the table lives in, if one was given (otherwise the connection's default). */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /**
   * The name the metadata knows the table by: {@code schema.name}, or {@code name} without schema.
   */
  public String fullName() {
    return schema == null ? name : schema + "." + name;
  }

  /** The columns in definition order. */
  @Override
  public List<Column<?>> columns() {
    List<Column<?>> list = columnList;
    if (list == null) {
      list = List.copyOf(columns.values());
      columnList = list; // the columns never change once the table is built
    }
    return list;
  }

  /**
   * The named column, whatever its type.
   *
   * @throws ArgumentException naming the table's columns when there is no such column
   */
  public Column<?> column(String name) {
    Column<?> c = columns.get(name);
    if (c == null) {
      throw new ArgumentException(
          "Table '"
              + fullName()
              + "' has no column '"
              + name
              + "'; its columns are "
              + columns.keySet());
    }
    return c;
  }

  /**
   * The named column typed by the Java class of its values, e.g. {@code column("name",
   * String.class)}.
   *
   * @throws ArgumentException when there is no such column or its values are of another class
   */
  @SuppressWarnings("unchecked")
  public <T> Column<T> column(String name, Class<T> javaType) {
    Column<?> c = column(name);
    if (c.javaType() != javaType) {
      throw new ArgumentException(
          "Column '"
              + c
              + "' holds "
              + c.javaType().getName()
              + " values ("
              + c.type()
              + "), not "
              + javaType.getName());
    }
    return (Column<T>) c;
  }

  /** The table under another name, for self-joins: {@code users AS u}. */
  public TableAlias as(String alias) {
    return new TableAlias(this, alias);
  }

  /** The primary key, if declared. */
  public Optional<PrimaryKey> primaryKey() {
    return Optional.ofNullable(primaryKey);
  }

  /** The UNIQUE constraints, in definition order. */
  public List<UniqueConstraint> uniqueConstraints() {
    return List.copyOf(uniqueConstraints);
  }

  /** The CHECK constraints, in definition order. */
  public List<CheckConstraint> checkConstraints() {
    return List.copyOf(checkConstraints);
  }

  /** The foreign keys, in definition order. */
  public List<ForeignKey> foreignKeys() {
    return List.copyOf(foreignKeys);
  }

  /** The indexes, in definition order. */
  public List<Index> indexes() {
    return List.copyOf(indexes);
  }

  /** The other tables this table's foreign keys refer to, in definition order. */
  public Set<Table> dependencies() {
    return foreignKeys.stream()
        .map(ForeignKey::targetTable)
        .filter(t -> t != this)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  @Override
  public String toString() {
    return fullName();
  }
}
