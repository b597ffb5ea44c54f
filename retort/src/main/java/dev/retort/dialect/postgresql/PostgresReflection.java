package dev.retort.dialect.postgresql;

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
import static dev.retort.sql.types.SqlTypes.TIMESTAMPTZ;
import static dev.retort.sql.types.SqlTypes.UUID;

import dev.retort.dialect.ReflectedType;
import dev.retort.dialect.internal.ReflectedTypes;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.schema.TableDescription.IndexDescription;
import dev.retort.sql.schema.TableDescription.KeyDescription;
import dev.retort.sql.types.SqlType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reflection details of PostgreSQL: its type names, and unique constraints from pg_constraint. */
final class PostgresReflection {
  private PostgresReflection() {}

  /** Types by pgjdbc's names (serials are their integer types); others by JDBC type code. */
  static Optional<SqlType<?>> type(ReflectedType type) {
    SqlType<?> mapped =
        switch (type.name()) {
          case "int2", "smallserial" -> SMALLINT;
          case "int4", "serial" -> INTEGER;
          case "int8", "bigserial" -> BIGINT;
          case "varchar", "bpchar" -> ReflectedTypes.varchar(type.size());
          case "text" -> TEXT;
          case "bool" -> BOOLEAN;
          // An unconstrained numeric has no precision, which a Retort NUMERIC needs: unsupported.
          case "numeric" -> ReflectedTypes.numeric(type.size(), type.scale());
          case "float4" -> FLOAT;
          case "float8" -> DOUBLE;
          case "date" -> DATE;
          case "time" -> TIME;
          case "timestamp" -> TIMESTAMP;
          case "timestamptz" -> TIMESTAMPTZ;
          case "uuid" -> UUID;
          case "json", "jsonb" -> JSON;
          case "bytea" -> BINARY;
          case "timetz" -> null; // reported as TIME, but a LocalTime would drop the offset
          default -> ReflectedTypes.byJdbcType(type).orElse(null);
        };
    return Optional.ofNullable(mapped);
  }

  private static final String CONSTRAINTS =
      """
      SELECT c.contype, c.conname, i.relname, a.attname
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_class i ON i.oid = c.conindid
      CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE c.contype IN ('p', 'u', 'x') AND n.nspname = ? AND t.relname = ?
      ORDER BY c.conname, k.position""";

  /**
   * Moves the indexes that back UNIQUE constraints to the unique constraints, and drops those that
   * back the primary key or an exclusion constraint.
   */
  static TableDescription refine(java.sql.Connection connection, String schema, TableDescription t)
      throws SQLException {
    Map<String, List<String>> uniques = new LinkedHashMap<>();
    Set<String> backingIndexes = new HashSet<>();
    try (PreparedStatement ps = connection.prepareStatement(CONSTRAINTS)) {
      ps.setString(1, schema);
      ps.setString(2, t.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          backingIndexes.add(rs.getString(3));
          if ("u".equals(rs.getString(1))) {
            uniques.computeIfAbsent(rs.getString(2), n -> new ArrayList<>()).add(rs.getString(4));
          }
        }
      }
    }
    List<KeyDescription> constraints = new ArrayList<>();
    uniques.forEach((name, columns) -> constraints.add(new KeyDescription(name, columns)));
    List<IndexDescription> indexes =
        t.indexes().stream().filter(ix -> !backingIndexes.contains(ix.name())).toList();
    return t.withUniqueConstraintsAndIndexes(constraints, indexes);
  }
}
