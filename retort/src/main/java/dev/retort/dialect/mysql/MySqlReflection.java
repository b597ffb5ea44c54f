package dev.retort.dialect.mysql;

import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.BINARY;
import static dev.retort.sql.types.SqlTypes.BOOLEAN;
import static dev.retort.sql.types.SqlTypes.DATE;
import static dev.retort.sql.types.SqlTypes.DOUBLE;
import static dev.retort.sql.types.SqlTypes.FLOAT;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.JSON;
import static dev.retort.sql.types.SqlTypes.SMALLINT;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static dev.retort.sql.types.SqlTypes.TIME;
import static dev.retort.sql.types.SqlTypes.TIMESTAMP;
import static dev.retort.sql.types.SqlTypes.UUID;

import dev.retort.dialect.ReflectedType;
import dev.retort.dialect.internal.ReflectedTypes;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.schema.TableDescription.ColumnDescription;
import dev.retort.sql.schema.TableDescription.ForeignKeyDescription;
import dev.retort.sql.schema.TableDescription.IndexDescription;
import dev.retort.sql.schema.TableDescription.KeyDescription;
import dev.retort.sql.types.SqlType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reflection details of MySQL and MariaDB: their type names, UNIQUE keys, the indexes InnoDB adds
 * for foreign keys, and MariaDB's JSON (a LONGTEXT with a {@code json_valid} check).
 */
final class MySqlReflection {
  private static final Pattern JSON_CHECK =
      Pattern.compile("json_valid\\(`((?:[^`]|``)+)`\\)", Pattern.CASE_INSENSITIVE);

  private MySqlReflection() {}

  /** Types by Connector/J's names, which carry UNSIGNED; others by JDBC type code. */
  static Optional<SqlType<?>> type(ReflectedType type) {
    SqlType<?> mapped =
        switch (type.upperName()) {
          case "TINYINT", "TINYINT UNSIGNED", "SMALLINT" -> SMALLINT;
          case "SMALLINT UNSIGNED", "MEDIUMINT", "MEDIUMINT UNSIGNED", "INT", "INTEGER" -> INTEGER;
          case "INT UNSIGNED", "INTEGER UNSIGNED", "BIGINT" -> BIGINT;
          case "BIGINT UNSIGNED" -> ReflectedTypes.numeric(20, 0);
          case "BOOLEAN", "BOOL" -> BOOLEAN;
          case "VARCHAR" -> ReflectedTypes.varchar(type.size());
          // Retort's DDL stores a UUID as CHAR(36), and nothing else as CHAR.
          case "CHAR" -> type.size() == 36 ? UUID : ReflectedTypes.varchar(type.size());
          case "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT" -> TEXT;
          case "JSON" -> JSON;
          case "DECIMAL", "DECIMAL UNSIGNED" -> ReflectedTypes.numeric(type.size(), type.scale());
          case "FLOAT", "FLOAT UNSIGNED" -> FLOAT;
          case "DOUBLE", "DOUBLE UNSIGNED" -> DOUBLE;
          case "DATE" -> DATE;
          case "TIME" -> TIME;
          case "DATETIME", "TIMESTAMP" -> TIMESTAMP;
          case "UUID" -> UUID;
          case "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "BINARY", "VARBINARY" -> BINARY;
          default -> ReflectedTypes.byJdbcType(type).orElse(null);
        };
    return Optional.ofNullable(mapped);
  }

  /**
   * Reports every UNIQUE key as a unique constraint (the server does not record whether it was made
   * by a constraint or by CREATE UNIQUE INDEX), drops the index InnoDB makes by itself for a
   * foreign key, forgets the primary key's fixed name PRIMARY, and on MariaDB turns a text column
   * checked by {@code json_valid} back into JSON.
   */
  static TableDescription refine(
      java.sql.Connection connection, String schema, TableDescription t, boolean mariaDb)
      throws SQLException {
    List<KeyDescription> uniques = new ArrayList<>();
    List<IndexDescription> indexes = new ArrayList<>();
    for (IndexDescription index : t.indexes()) {
      if (index.unique()) {
        uniques.add(new KeyDescription(index.name(), index.columns()));
      } else if (!madeForForeignKey(index, t.foreignKeys())) {
        indexes.add(index);
      }
    }
    TableDescription refined = t.withUniqueConstraintsAndIndexes(uniques, indexes);
    if (refined.primaryKey() != null && "PRIMARY".equals(refined.primaryKey().name())) {
      refined = refined.withPrimaryKey(new KeyDescription(null, refined.primaryKey().columns()));
    }
    if (mariaDb && refined.columns().stream().anyMatch(c -> c.type().equals(TEXT))) {
      refined = withJsonColumns(connection, schema, refined);
    }
    return refined;
  }

  /** InnoDB names the index it adds for a foreign key after the constraint, or its column. */
  private static boolean madeForForeignKey(
      IndexDescription index, List<ForeignKeyDescription> fks) {
    for (ForeignKeyDescription fk : fks) {
      if (index.columns().equals(fk.columns())
          && (index.name().equals(fk.name()) || index.name().equals(fk.columns().get(0)))) {
        return true;
      }
    }
    return false;
  }

  private static TableDescription withJsonColumns(
      java.sql.Connection connection, String schema, TableDescription t) throws SQLException {
    Set<String> json = new HashSet<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")) {
      ps.setString(1, schema);
      ps.setString(2, t.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = JSON_CHECK.matcher(rs.getString(1).strip());
          if (m.matches()) {
            json.add(m.group(1).replace("``", "`"));
          }
        }
      }
    }
    List<ColumnDescription> columns = new ArrayList<>();
    for (ColumnDescription c : t.columns()) {
      columns.add(json.contains(c.name()) && c.type().equals(TEXT) ? c.withType(JSON) : c);
    }
    return t.withColumns(columns);
  }
}
