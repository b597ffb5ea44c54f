package dev.retort.dialect.sqlite;

import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.BINARY;
import static dev.retort.sql.types.SqlTypes.BOOLEAN;
import static dev.retort.sql.types.SqlTypes.DATE;
import static dev.retort.sql.types.SqlTypes.DOUBLE;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.JSON;
import static dev.retort.sql.types.SqlTypes.SMALLINT;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static dev.retort.sql.types.SqlTypes.TIME;
import static dev.retort.sql.types.SqlTypes.TIMESTAMP;
import static dev.retort.sql.types.SqlTypes.TIMESTAMPTZ;
import static dev.retort.sql.types.SqlTypes.UUID;

import dev.retort.dialect.ReflectedType;
import dev.retort.dialect.internal.ReflectedTypes;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.schema.TableDescription.ColumnDescription;
import dev.retort.sql.schema.TableDescription.ForeignKeyDescription;
import dev.retort.sql.schema.TableDescription.IndexDescription;
import dev.retort.sql.schema.TableDescription.KeyDescription;
import dev.retort.sql.types.SqlType;
import dev.retort.sql.types.SqlTypes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reflection details of SQLite: types from declared type names (by SQLite's affinity rules when the
 * name is not one Retort writes), and what only the PRAGMAs and the table's CREATE statement tell:
 * which indexes back UNIQUE constraints, their names, and decimal precision.
 */
final class SqliteReflection {
  /** A quoted or plain SQLite identifier. */
  private static final String IDENTIFIER =
      "(?:\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|\\[[^\\]]+]|'(?:[^']|'')+'|[A-Za-z_][\\w$]*)";

  private static final Pattern NAMED_UNIQUE =
      Pattern.compile(
          "CONSTRAINT\\s+(" + IDENTIFIER + ")\\s+UNIQUE\\s*\\(([^)]*)\\)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NAMED_FOREIGN_KEY =
      Pattern.compile(
          "CONSTRAINT\\s+("
              + IDENTIFIER
              + ")\\s+FOREIGN\\s+KEY\\s*\\(([^)]*)\\)\\s*REFERENCES\\s+("
              + IDENTIFIER
              + ")",
          Pattern.CASE_INSENSITIVE);

  /**
   * A column definition naming its foreign key: {@code parent INTEGER CONSTRAINT fk REFERENCES}.
   */
  private static final Pattern NAMED_COLUMN_REFERENCE =
      Pattern.compile(
          "[(,]\\s*("
              + IDENTIFIER
              + ")\\s(?:[^,()]|\\([^)]*\\))*?\\bCONSTRAINT\\s+("
              + IDENTIFIER
              + ")\\s+REFERENCES\\s+("
              + IDENTIFIER
              + ")",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern LEADING_IDENTIFIER = Pattern.compile("\\s*(" + IDENTIFIER + ")");

  private static final Pattern TYPE_ARGUMENTS =
      Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

  /** Precision and scale of a NUMERIC declared without them; SQLite ignores both anyway. */
  private static final SqlType<?> UNSIZED_NUMERIC = SqlTypes.numeric(38, 10);

  private SqliteReflection() {}

  /**
   * The type of a declared type name. Every name maps to something, as every name has an affinity;
   * the precision of a NUMERIC is corrected by {@link #refine} from the declaration.
   */
  static SqlType<?> type(ReflectedType type) {
    String name = type.upperName();
    return switch (name) {
      case "SMALLINT", "TINYINT", "INT2" -> SMALLINT;
      case "INTEGER", "INT", "MEDIUMINT" -> INTEGER;
      case "BIGINT", "INT8", "UNSIGNED BIG INT" -> BIGINT;
      // Retort's DDL stores a UUID as CHAR(36), and nothing else as CHAR.
      case "CHAR" -> type.size() == 36 ? UUID : ReflectedTypes.varchar(type.size());
      case "VARCHAR", "CHARACTER VARYING", "VARYING CHARACTER", "NVARCHAR", "NCHAR", "CHARACTER" ->
          ReflectedTypes.varchar(type.size());
      case "TEXT", "CLOB" -> TEXT;
      case "BOOLEAN", "BOOL" -> BOOLEAN;
      // SQLite stores every floating-point value in 8 bytes.
      case "REAL", "FLOAT", "DOUBLE", "DOUBLE PRECISION" -> DOUBLE;
      case "NUMERIC", "DECIMAL" -> UNSIZED_NUMERIC;
      case "DATE" -> DATE;
      case "TIME" -> TIME;
      case "TIMESTAMP", "DATETIME" -> TIMESTAMP;
      case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> TIMESTAMPTZ;
      case "UUID" -> UUID;
      case "JSON" -> JSON;
      case "BLOB", "" -> BINARY;
      default -> byAffinity(name);
    };
  }

  /** SQLite's own rules for a type name it does not know (section 3.1 of its datatype page). */
  private static SqlType<?> byAffinity(String name) {
    if (name.contains("INT")) {
      return BIGINT;
    }
    if (name.contains("CHAR") || name.contains("CLOB") || name.contains("TEXT")) {
      return TEXT;
    }
    if (name.contains("BLOB")) {
      return BINARY;
    }
    if (name.contains("REAL") || name.contains("FLOA") || name.contains("DOUB")) {
      return DOUBLE;
    }
    return UNSIZED_NUMERIC;
  }

  /**
   * Moves the indexes behind UNIQUE constraints to the unique constraints (named as in the CREATE
   * TABLE statement), drops the primary key's and partial indexes, reads decimal precision from the
   * declarations, and makes an AUTOINCREMENT key BIGINT: it aliases the 64-bit rowid, whatever
   * integer type Retort's DDL started from.
   */
  static TableDescription refine(java.sql.Connection connection, TableDescription t)
      throws SQLException {
    Map<String, String> origins = new HashMap<>(); // index name -> 'c', 'u', 'pk'; null if partial
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA main.index_list(" + quote(t.name()) + ")")) {
      while (rs.next()) {
        origins.put(
            rs.getString("name"), rs.getInt("partial") == 0 ? rs.getString("origin") : null);
      }
    }
    String createSql = createStatement(connection, t.name());
    List<KeyDescription> uniques = new ArrayList<>();
    List<IndexDescription> indexes = new ArrayList<>();
    for (IndexDescription index : t.indexes()) {
      String origin = origins.get(index.name());
      if ("u".equals(origin)) {
        uniques.add(new KeyDescription(uniqueName(createSql, index.columns()), index.columns()));
      } else if ("c".equals(origin)) {
        indexes.add(index);
      }
    }
    Map<String, String> declared = declaredTypes(connection, t.name());
    List<ColumnDescription> columns = new ArrayList<>();
    for (ColumnDescription c : t.columns()) {
      if (c.autoincrement() && c.type().isInteger()) {
        // The rowid alias: the driver calls it nullable, but a NULL there makes a new rowid.
        columns.add(new ColumnDescription(c.name(), BIGINT, false, true, c.serverDefault()));
      } else if (c.type() instanceof SqlType.Numeric) {
        columns.add(c.withType(numeric(declared.get(c.name()))));
      } else {
        columns.add(c);
      }
    }
    // sqlite-jdbc pairs FK_NAME with the wrong key when named and unnamed keys are mixed.
    List<ForeignKeyDescription> foreignKeys = new ArrayList<>();
    for (ForeignKeyDescription fk : t.foreignKeys()) {
      foreignKeys.add(
          new ForeignKeyDescription(
              foreignKeyName(createSql, fk),
              fk.columns(),
              fk.targetSchema(),
              fk.targetTable(),
              fk.targetColumns(),
              fk.onDelete(),
              fk.onUpdate()));
    }
    return t.withUniqueConstraintsAndIndexes(uniques, indexes)
        .withColumns(columns)
        .withForeignKeys(foreignKeys);
  }

  private static String createStatement(java.sql.Connection connection, String table)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }

  private static Map<String, String> declaredTypes(java.sql.Connection connection, String table)
      throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA main.table_info(" + quote(table) + ")")) {
      while (rs.next()) {
        types.put(rs.getString("name"), rs.getString("type"));
      }
    }
    return types;
  }

  private static SqlType<?> numeric(String declared) {
    Matcher m = TYPE_ARGUMENTS.matcher(declared == null ? "" : declared);
    if (!m.find()) {
      return UNSIZED_NUMERIC;
    }
    int precision = Integer.parseInt(m.group(1));
    int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    SqlType<?> sized = ReflectedTypes.numeric(precision, scale);
    return sized != null ? sized : UNSIZED_NUMERIC;
  }

  /** The name a CONSTRAINT clause gives the UNIQUE constraint over these columns, if any. */
  private static String uniqueName(String createSql, List<String> columns) {
    Matcher m = NAMED_UNIQUE.matcher(createSql);
    while (m.find()) {
      if (sameNames(columnList(m.group(2)), columns)) {
        return unquote(m.group(1));
      }
    }
    return null;
  }

  /** The name a CONSTRAINT clause gives the foreign key from these columns to its table. */
  private static String foreignKeyName(String createSql, ForeignKeyDescription fk) {
    Matcher m = NAMED_FOREIGN_KEY.matcher(createSql);
    while (m.find()) {
      if (sameNames(columnList(m.group(2)), fk.columns())
          && unquote(m.group(3)).equalsIgnoreCase(fk.targetTable())) {
        return unquote(m.group(1));
      }
    }
    Matcher c = NAMED_COLUMN_REFERENCE.matcher(createSql);
    while (c.find()) {
      if (sameNames(List.of(unquote(c.group(1))), fk.columns())
          && unquote(c.group(3)).equalsIgnoreCase(fk.targetTable())) {
        return unquote(c.group(2));
      }
    }
    return null;
  }

  private static List<String> columnList(String list) {
    List<String> names = new ArrayList<>();
    for (String part : list.split(",")) {
      Matcher column = LEADING_IDENTIFIER.matcher(part);
      names.add(column.lookingAt() ? unquote(column.group(1)) : part.strip());
    }
    return names;
  }

  /** SQLite compares identifiers without regard to case. */
  private static boolean sameNames(List<String> a, List<String> b) {
    return lowerCase(a).equals(lowerCase(b));
  }

  private static List<String> lowerCase(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  private static String unquote(String identifier) {
    char first = identifier.charAt(0);
    return switch (first) {
      case '"', '`', '\'' -> {
        String q = String.valueOf(first);
        yield identifier.substring(1, identifier.length() - 1).replace(q + q, q);
      }
      case '[' -> identifier.substring(1, identifier.length() - 1);
      default -> identifier;
    };
  }

  private static String quote(String name) {
    return "'" + name.replace("'", "''") + "'";
  }
}
