package dev.retort.engine.internal;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.ReflectedType;
import dev.retort.error.ArgumentException;
import dev.retort.error.NotSupportedException;
import dev.retort.sql.schema.ReferentialAction;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.schema.TableDescription.ColumnDescription;
import dev.retort.sql.schema.TableDescription.ForeignKeyDescription;
import dev.retort.sql.schema.TableDescription.IndexDescription;
import dev.retort.sql.schema.TableDescription.KeyDescription;
import dev.retort.sql.types.SqlType;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Describes tables through JDBC {@link DatabaseMetaData} (tables, columns, primary keys, imported
 * keys, index info), then lets the dialect refine each description with its own catalog queries.
 * Runs on the caller's JDBC connection, inside its transaction.
 */
public final class JdbcSchemaReader {
  private static final int MAX_LISTED = 30;

  private final java.sql.Connection jdbc;
  private final Dialect dialect;
  private final BiFunction<SQLException, String, ? extends RuntimeException> failure;

  /**
   * Creates a reader on a JDBC connection; {@code failure} turns a driver error (and the SQL, if
   * known) into the exception to throw.
   */
  public JdbcSchemaReader(
      java.sql.Connection jdbc,
      Dialect dialect,
      BiFunction<SQLException, String, ? extends RuntimeException> failure) {
    this.jdbc = jdbc;
    this.dialect = dialect;
    this.failure = failure;
  }

  /** See {@link dev.retort.sql.schema.SchemaReader#describeTables}. */
  public List<TableDescription> describeTables(String schema, Set<String> tableNames) {
    try {
      return describe(schema, tableNames);
    } catch (SQLException e) {
      throw failure.apply(e, null);
    }
  }

  private List<TableDescription> describe(String schema, Set<String> tableNames)
      throws SQLException {
    DatabaseMetaData meta = jdbc.getMetaData();
    Scope scope = scope(meta, schema);
    Set<String> present = tableNames(meta, scope);
    Set<String> names = new TreeSet<>(tableNames.isEmpty() ? present : tableNames);
    List<String> missing = names.stream().filter(n -> !present.contains(n)).toList();
    if (!missing.isEmpty()) {
      List<String> listed = present.stream().limit(MAX_LISTED).toList();
      throw new ArgumentException(
          "No table "
              + String.join(", ", missing.stream().map(n -> "'" + n + "'").toList())
              + " in schema '"
              + scope.target
              + "'; its tables are "
              + listed
              + (present.size() > MAX_LISTED
                  ? " and " + (present.size() - MAX_LISTED) + " more"
                  : ""));
    }
    List<TableDescription> tables = new ArrayList<>(names.size());
    for (String name : names) {
      tables.add(
          dialect.refineReflectedTable(jdbc, scope.target, describeTable(meta, scope, name)));
    }
    return tables;
  }

  /**
   * Where a schema goes in JDBC metadata calls: PostgreSQL calls it a schema, MariaDB a catalog,
   * and SQLite's driver knows only the main database.
   */
  private record Scope(String target, String currentSchema, String catalog, String schema) {
    boolean current() {
      return target.equals(currentSchema);
    }

    boolean holds(String tableCatalog, String tableSchema) {
      return (catalog == null || catalog.equals(tableCatalog))
          && (schema == null || schema.equals(tableSchema));
    }

    /** The schema to report for a table in {@code tableCatalog}/{@code tableSchema}. */
    String report(String tableCatalog, String tableSchema) {
      String name = catalog != null ? tableCatalog : schema != null ? tableSchema : null;
      return name == null || name.isBlank() || name.equals(currentSchema) ? null : name;
    }
  }

  private Scope scope(DatabaseMetaData meta, String schema) throws SQLException {
    String currentSchema = dialect.currentSchema(jdbc);
    String target = schema != null ? schema : currentSchema;
    if (target == null) {
      throw new ArgumentException(
          "The connection has no current schema to reflect (does the URL name a database?);"
              + " name the schema");
    }
    if (meta.supportsSchemasInTableDefinitions()) {
      return new Scope(target, currentSchema, null, target);
    }
    if (meta.supportsCatalogsInTableDefinitions()) {
      return new Scope(target, currentSchema, target, null);
    }
    if (!target.equals(currentSchema)) {
      throw new NotSupportedException(
          "The "
              + dialect.name()
              + " driver describes only the current schema '"
              + currentSchema
              + "', not '"
              + target
              + "'",
          null,
          null);
    }
    return new Scope(target, currentSchema, null, null);
  }

  private Set<String> tableNames(DatabaseMetaData meta, Scope scope) throws SQLException {
    Set<String> names = new TreeSet<>();
    // Names are passed unescaped (an underscore matches any character), so rows are filtered.
    try (ResultSet rs = meta.getTables(scope.catalog, scope.schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        if (scope.holds(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"))) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return names;
  }

  private TableDescription describeTable(DatabaseMetaData meta, Scope scope, String table)
      throws SQLException {
    List<ColumnDescription> columns = columns(meta, scope, table);
    KeyDescription primaryKey = primaryKey(meta, scope, table);
    List<ForeignKeyDescription> foreignKeys = foreignKeys(meta, scope, table);
    Set<String> columnNames = new HashSet<>();
    columns.forEach(c -> columnNames.add(c.name()));
    List<IndexDescription> indexes = indexes(meta, scope, table, columnNames, primaryKey);
    return new TableDescription(
        table,
        scope.current() ? null : scope.target,
        columns,
        primaryKey,
        List.of(),
        foreignKeys,
        indexes);
  }

  private List<ColumnDescription> columns(DatabaseMetaData meta, Scope scope, String table)
      throws SQLException {
    Map<Integer, ColumnDescription> columns = new TreeMap<>();
    try (ResultSet rs = meta.getColumns(scope.catalog, scope.schema, table, "%")) {
      while (rs.next()) {
        if (!table.equals(rs.getString("TABLE_NAME"))
            || !scope.holds(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"))) {
          continue;
        }
        String name = rs.getString("COLUMN_NAME");
        ReflectedType reported =
            new ReflectedType(
                rs.getString("TYPE_NAME"),
                rs.getInt("DATA_TYPE"),
                rs.getInt("COLUMN_SIZE"),
                rs.getInt("DECIMAL_DIGITS"));
        SqlType<?> type =
            dialect
                .reflectedType(reported)
                .orElseThrow(() -> unsupported(scope, table, name, reported));
        String serverDefault = rs.getString("COLUMN_DEF");
        if (serverDefault != null
            && (serverDefault.isBlank() || serverDefault.strip().equalsIgnoreCase("NULL"))) {
          serverDefault = null; // MariaDB reports a column without default as DEFAULT NULL
        }
        columns.put(
            rs.getInt("ORDINAL_POSITION"),
            new ColumnDescription(
                name,
                type,
                rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")),
                serverDefault == null ? null : serverDefault.strip()));
      }
    }
    return List.copyOf(columns.values());
  }

  private NotSupportedException unsupported(
      Scope scope, String table, String column, ReflectedType reported) {
    return new NotSupportedException(
        "Cannot reflect column "
            + (scope.current() ? "" : scope.target + ".")
            + table
            + "."
            + column
            + ": Retort has no type for the "
            + dialect.name()
            + " type '"
            + reported.name()
            + "' (JDBC type "
            + reported.jdbcType()
            + ", size "
            + reported.size()
            + "); reflect the other tables by name, or define this one in code",
        null,
        null);
  }

  private static KeyDescription primaryKey(DatabaseMetaData meta, Scope scope, String table)
      throws SQLException {
    Map<Integer, String> columns = new TreeMap<>();
    String name = null;
    try (ResultSet rs = meta.getPrimaryKeys(scope.catalog, scope.schema, table)) {
      while (rs.next()) {
        columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        name = blankToNull(rs.getString("PK_NAME"));
      }
    }
    return columns.isEmpty() ? null : new KeyDescription(name, List.copyOf(columns.values()));
  }

  /** One foreign key's rows while they are collected. */
  private record ForeignKeyRows(
      String name,
      String targetSchema,
      String targetTable,
      Map<Integer, String[]> columns, // key seq -> {column, target column}
      short onDelete,
      short onUpdate) {}

  private static List<ForeignKeyDescription> foreignKeys(
      DatabaseMetaData meta, Scope scope, String table) throws SQLException {
    Map<String, ForeignKeyRows> keys = new LinkedHashMap<>();
    int unnamed = 0;
    try (ResultSet rs = meta.getImportedKeys(scope.catalog, scope.schema, table)) {
      while (rs.next()) {
        String name = blankToNull(rs.getString("FK_NAME"));
        String targetTable = rs.getString("PKTABLE_NAME");
        int seq = rs.getInt("KEY_SEQ");
        // An unnamed key (SQLite) is told apart by its target and its rows starting at KEY_SEQ 1.
        if (name == null && seq == 1) {
          unnamed++;
        }
        String key = name != null ? "n:" + name : "u:" + unnamed + ":" + targetTable;
        ForeignKeyRows fk = keys.get(key);
        if (fk == null) {
          fk =
              new ForeignKeyRows(
                  name,
                  scope.report(rs.getString("PKTABLE_CAT"), rs.getString("PKTABLE_SCHEM")),
                  targetTable,
                  new TreeMap<>(),
                  rs.getShort("DELETE_RULE"),
                  rs.getShort("UPDATE_RULE"));
          keys.put(key, fk);
        }
        fk.columns.put(
            seq, new String[] {rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")});
      }
    }
    List<ForeignKeyDescription> result = new ArrayList<>(keys.size());
    for (ForeignKeyRows fk : keys.values()) {
      result.add(
          new ForeignKeyDescription(
              fk.name,
              fk.columns.values().stream().map(c -> c[0]).toList(),
              fk.targetSchema,
              fk.targetTable,
              fk.columns.values().stream().map(c -> c[1]).toList(),
              action(fk.onDelete),
              action(fk.onUpdate)));
    }
    return result;
  }

  private static ReferentialAction action(short rule) {
    return switch (rule) {
      case DatabaseMetaData.importedKeyCascade -> ReferentialAction.CASCADE;
      case DatabaseMetaData.importedKeySetNull -> ReferentialAction.SET_NULL;
      case DatabaseMetaData.importedKeySetDefault -> ReferentialAction.SET_DEFAULT;
      case DatabaseMetaData.importedKeyRestrict -> ReferentialAction.RESTRICT;
      default -> ReferentialAction.NO_ACTION;
    };
  }

  /** One index's rows while they are collected. */
  private static final class IndexRows {
    final Map<Integer, String> columns = new TreeMap<>();
    boolean unique;
    boolean representable = true;
  }

  /**
   * The indexes over plain columns, except the primary key's. Indexes on expressions and partial
   * indexes have no Retort form and are left out.
   */
  private static List<IndexDescription> indexes(
      DatabaseMetaData meta,
      Scope scope,
      String table,
      Set<String> columnNames,
      KeyDescription primaryKey)
      throws SQLException {
    Map<String, IndexRows> indexes = new LinkedHashMap<>();
    try (ResultSet rs = meta.getIndexInfo(scope.catalog, scope.schema, table, false, true)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic || name == null) {
          continue;
        }
        IndexRows index = indexes.computeIfAbsent(name, n -> new IndexRows());
        index.unique = !rs.getBoolean("NON_UNIQUE");
        String column = rs.getString("COLUMN_NAME");
        index.columns.put(rs.getInt("ORDINAL_POSITION"), column);
        if (column == null
            || !columnNames.contains(column)
            || blankToNull(rs.getString("FILTER_CONDITION")) != null) {
          index.representable = false;
        }
      }
    }
    List<IndexDescription> result = new ArrayList<>();
    indexes.forEach(
        (name, index) -> {
          if (index.representable && (primaryKey == null || !name.equals(primaryKey.name()))) {
            result.add(
                new IndexDescription(name, List.copyOf(index.columns.values()), index.unique));
          }
        });
    result.sort(Comparator.comparing(IndexDescription::name));
    return result;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
