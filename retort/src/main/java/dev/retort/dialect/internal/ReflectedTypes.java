package dev.retort.dialect.internal;

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
import dev.retort.sql.types.SqlType;
import dev.retort.sql.types.SqlTypes;
import java.sql.Types;
import java.util.Optional;

/**
 * Maps a reported column type back to a Retort type: first by the standard SQL names Retort's own
 * DDL uses (and their common aliases), then by JDBC type code for anything else.
 */
public final class ReflectedTypes {
  /** The longest VARCHAR any supported database accepts; longer reported sizes mean unbounded. */
  private static final int MAX_VARCHAR = 10_485_760;

  private ReflectedTypes() {}

  /** The type for a standard SQL name, or else for the JDBC type code. */
  public static Optional<SqlType<?>> standard(ReflectedType type) {
    SqlType<?> mapped =
        switch (type.upperName()) {
          case "SMALLINT", "INT2", "TINYINT" -> SMALLINT;
          case "INTEGER", "INT", "INT4", "MEDIUMINT" -> INTEGER;
          case "BIGINT", "INT8" -> BIGINT;
          case "VARCHAR", "CHARACTER VARYING", "NVARCHAR", "CHAR", "CHARACTER", "NCHAR" ->
              varchar(type.size());
          case "TEXT", "CLOB" -> TEXT;
          case "BOOLEAN", "BOOL" -> BOOLEAN;
          case "NUMERIC", "DECIMAL" -> numeric(type.size(), type.scale());
          case "REAL", "FLOAT4" -> FLOAT;
          case "DOUBLE PRECISION", "DOUBLE", "FLOAT8", "FLOAT" -> DOUBLE;
          case "DATE" -> DATE;
          case "TIME" -> TIME;
          case "TIMESTAMP" -> TIMESTAMP;
          case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> TIMESTAMPTZ;
          case "UUID" -> UUID;
          case "JSON" -> JSON;
          case "BLOB", "BINARY LARGE OBJECT" -> BINARY;
          default -> null;
        };
    return mapped != null ? Optional.of(mapped) : byJdbcType(type);
  }

  /** The type for the JDBC type code alone, if it has one. */
  public static Optional<SqlType<?>> byJdbcType(ReflectedType type) {
    SqlType<?> mapped =
        switch (type.jdbcType()) {
          case Types.BIT -> type.size() <= 1 ? BOOLEAN : null;
          case Types.BOOLEAN -> BOOLEAN;
          case Types.TINYINT, Types.SMALLINT -> SMALLINT;
          case Types.INTEGER -> INTEGER;
          case Types.BIGINT -> BIGINT;
          case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> varchar(type.size());
          case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> TEXT;
          case Types.NUMERIC, Types.DECIMAL -> numeric(type.size(), type.scale());
          case Types.REAL -> FLOAT;
          case Types.FLOAT, Types.DOUBLE -> DOUBLE;
          case Types.DATE -> DATE;
          case Types.TIME -> TIME;
          case Types.TIMESTAMP -> TIMESTAMP;
          case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMPTZ;
          case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
          default -> null;
        };
    return Optional.ofNullable(mapped);
  }

  /** A VARCHAR of the size, or TEXT when the size is unknown or beyond any VARCHAR. */
  public static SqlType<String> varchar(int size) {
    return size >= 1 && size <= MAX_VARCHAR ? SqlTypes.string(size) : TEXT;
  }

  /** A NUMERIC of the precision and scale, or null when they are not a valid pair. */
  public static SqlType<?> numeric(int precision, int scale) {
    return precision >= 1 && scale >= 0 && scale <= precision
        ? SqlTypes.numeric(precision, scale)
        : null;
  }
}
