package dev.retort.sql.schema;

import dev.retort.error.ArgumentException;
import dev.retort.sql.schema.TableDescription.ColumnDescription;
import dev.retort.sql.schema.TableDescription.ForeignKeyDescription;
import dev.retort.sql.schema.TableDescription.IndexDescription;
import dev.retort.sql.schema.TableDescription.KeyDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads table descriptions for {@link MetaData#reflect(SchemaReader)}, with the tables their
 * foreign keys refer to, and turns them into {@link Table}s through the ordinary {@link
 * TableBuilder}, so reflected tables obey the same rules as defined ones.
 */
final class TableReflector {
  private final MetaData metadata;

  TableReflector(MetaData metadata) {
    this.metadata = metadata;
  }

  /**
   * Describes the asked-for tables that the metadata does not define yet, plus, transitively, the
   * undefined tables their foreign keys refer to; in foreign-key order, referenced tables first.
   */
  List<TableDescription> describe(SchemaReader reader, String schema, Set<String> tableNames) {
    Map<String, TableDescription> found = new LinkedHashMap<>();
    if (tableNames.isEmpty()) {
      addUndefined(found, reader.describeTables(schema, Set.of()));
    } else {
      String prefix = schema == null ? "" : schema + ".";
      Set<String> wanted = new LinkedHashSet<>();
      for (String name : tableNames) {
        if (metadata.findTable(prefix + name).isEmpty()) {
          wanted.add(name);
        }
      }
      if (!wanted.isEmpty()) {
        addUndefined(found, reader.describeTables(schema, wanted));
      }
    }
    Set<String> requested = new HashSet<>();
    while (true) {
      // Schema (null for the current one) -> referenced tables neither defined nor read yet.
      Map<String, Set<String>> missing = new LinkedHashMap<>();
      for (TableDescription table : found.values()) {
        for (ForeignKeyDescription fk : table.foreignKeys()) {
          String target = fk.targetFullName();
          if (!found.containsKey(target)
              && metadata.findTable(target).isEmpty()
              && requested.add(target)) {
            missing.computeIfAbsent(fk.targetSchema(), s -> new LinkedHashSet<>());
            missing.get(fk.targetSchema()).add(fk.targetTable());
          }
        }
      }
      if (missing.isEmpty()) {
        return dependencyOrder(found);
      }
      missing.forEach((s, names) -> addUndefined(found, describeTargets(reader, s, names)));
    }
  }

  private static List<TableDescription> describeTargets(
      SchemaReader reader, String schema, Set<String> names) {
    try {
      return reader.describeTables(schema, names);
    } catch (ArgumentException e) {
      throw new ArgumentException(
          "Cannot reflect the tables that foreign keys refer to: " + e.getMessage(), e);
    }
  }

  private void addUndefined(Map<String, TableDescription> found, List<TableDescription> tables) {
    for (TableDescription table : tables) {
      if (metadata.findTable(table.fullName()).isEmpty()) {
        found.put(table.fullName(), table);
      }
    }
  }

  /** Referenced tables first; tables in a foreign-key cycle keep the database's order. */
  private static List<TableDescription> dependencyOrder(Map<String, TableDescription> found) {
    List<TableDescription> remaining = new ArrayList<>(found.values());
    List<TableDescription> ordered = new ArrayList<>(remaining.size());
    Set<String> placed = new HashSet<>();
    while (!remaining.isEmpty()) {
      TableDescription next =
          remaining.stream()
              .filter(t -> placed.containsAll(pendingTargets(t, found)))
              .findFirst()
              .orElse(remaining.get(0));
      remaining.remove(next);
      placed.add(next.fullName());
      ordered.add(next);
    }
    return ordered;
  }

  private static Set<String> pendingTargets(
      TableDescription table, Map<String, TableDescription> found) {
    Set<String> targets = new HashSet<>();
    for (ForeignKeyDescription fk : table.foreignKeys()) {
      String target = fk.targetFullName();
      if (found.containsKey(target) && !target.equals(table.fullName())) {
        targets.add(target);
      }
    }
    return targets;
  }

  /** Builds the table a description describes, not yet registered in the metadata. */
  Table build(TableDescription description) {
    TableBuilder t = new TableBuilder(description.name());
    if (description.schema() != null) {
      t.schema(description.schema());
    }
    KeyDescription primaryKey = description.primaryKey();
    List<String> keyColumns = primaryKey == null ? List.of() : primaryKey.columns();
    for (ColumnDescription c : description.columns()) {
      TableBuilder.ColumnBuilder<?> column = t.column(c.name(), c.type());
      if (!c.nullable()) {
        column.notNull();
      }
      // Retort's autoincrement is the identity of a single-column integer primary key; any other
      // generated column keeps the default the database reports (e.g. a serial's nextval(...)).
      if (c.autoincrement() && keyColumns.equals(List.of(c.name())) && c.type().isInteger()) {
        column.autoincrement();
      } else if (c.serverDefault() != null) {
        column.serverDefaultSql(c.serverDefault());
      }
    }
    if (primaryKey != null) {
      t.primaryKey(keyColumns.toArray(String[]::new));
      t.primaryKeyName = primaryKey.name();
    }
    for (KeyDescription unique : description.uniqueConstraints()) {
      TableBuilder.ConstraintBuilder u = t.unique(unique.columns().toArray(String[]::new));
      if (unique.name() != null) {
        u.name(unique.name());
      }
    }
    for (ForeignKeyDescription fk : description.foreignKeys()) {
      TableBuilder.ForeignKeyBuilder f =
          t.foreignKey(fk.columns().toArray(String[]::new))
              .references(fk.targetFullName(), fk.targetColumns().toArray(String[]::new))
              .onDelete(fk.onDelete())
              .onUpdate(fk.onUpdate());
      if (fk.name() != null) {
        f.name(fk.name());
      }
    }
    for (IndexDescription index : description.indexes()) {
      TableBuilder.IndexBuilder ix = t.index(index.name(), index.columns().toArray(String[]::new));
      if (index.unique()) {
        ix.unique();
      }
    }
    return new Table(metadata, t);
  }
}
