package dev.retort.dialect.postgresql;

import dev.retort.dialect.ColumnReader;
import dev.retort.dialect.ConnectSpec;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.ErrorClassification;
import dev.retort.dialect.ReflectedType;
import dev.retort.error.ErrorKind;
import dev.retort.sql.compile.TextSyntax;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.types.SqlType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** PostgreSQL through pgjdbc; also the base for wire-compatible engines such as CockroachDB. */
public class PostgresDialect extends Dialect {
  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public boolean supportsReturning() {
    return true;
  }

  @Override
  public boolean supportsTransactionalDdl() {
    return true;
  }

  @Override
  public int maxParameters() {
    return 32767;
  }

  /**
   * pgjdbc's reWriteBatchedInserts (on by default here) answers SUCCESS_NO_INFO for the rows of a
   * rewritten INSERT batch and exposes no total.
   */
  @Override
  public boolean supportsBatchInsertRowCount() {
    return false;
  }

  @Override
  protected TextSyntax textSyntax() {
    return TextSyntax.POSTGRESQL;
  }

  @Override
  public String driverClassName() {
    return "org.postgresql.Driver";
  }

  @Override
  public String jdbcUrl(ConnectSpec spec) {
    String host = spec.host() == null ? "localhost" : spec.host();
    int port = spec.port() == null ? 5432 : spec.port();
    String database = spec.database() == null ? "" : spec.database();
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  protected Map<String, String> defaultDriverOptions() {
    // Rewrites a batch of single-row INSERTs into multi-row ones: executemany at full speed.
    return Map.of("reWriteBatchedInserts", "true", "ApplicationName", "retort");
  }

  @Override
  public ColumnReader columnReader(ResultSetMetaData meta, int column) throws SQLException {
    return switch (meta.getColumnTypeName(column)) {
      case "timestamptz" -> rs -> rs.getObject(column, OffsetDateTime.class);
      case "timestamp" -> rs -> rs.getObject(column, LocalDateTime.class);
      case "date" -> rs -> rs.getObject(column, LocalDate.class);
      case "time" -> rs -> rs.getObject(column, LocalTime.class);
      case "timetz" -> rs -> rs.getObject(column, OffsetTime.class);
      case "json", "jsonb" -> rs -> rs.getString(column);
      default -> rs -> rs.getObject(column);
    };
  }

  @Override
  public ErrorClassification classify(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      switch (state) {
        case "57P01", "57P02", "57P03" -> {
          return new ErrorClassification(ErrorKind.OPERATIONAL, false, true);
        }
        case "25P02" -> {
          return new ErrorClassification(ErrorKind.INTERNAL, false, false);
        }
        default -> {}
      }
    }
    return classifySqlState(state);
  }

  // ---- DDL ----

  private static final Set<String> RESERVED_WORDS =
      commonReservedWordsAnd(
          "analyse",
          "analyze",
          "array",
          "asymmetric",
          "both",
          "cast",
          "collate",
          "current_role",
          "current_user",
          "deferrable",
          "do",
          "except",
          "fetch",
          "grant",
          "initially",
          "lateral",
          "leading",
          "localtime",
          "localtimestamp",
          "only",
          "placing",
          "returning",
          "session_user",
          "some",
          "symmetric",
          "trailing",
          "variadic",
          "window");

  @Override
  public Set<String> reservedWords() {
    return RESERVED_WORDS;
  }

  @Override
  public String typeName(SqlType<?> type) {
    return switch (type) {
      case SqlType.TimestampTz t -> "TIMESTAMPTZ(6)";
      case SqlType.Json t -> "JSONB";
      case SqlType.Binary t -> "BYTEA";
      default -> super.typeName(type);
    };
  }

  // ---- expression-language hooks ----

  @Override
  public boolean supportsIlike() {
    return true;
  }

  /** JSON values are sent as text, which PostgreSQL does not turn into jsonb by itself. */
  @Override
  public String placeholder(SqlType<?> type) {
    return type instanceof SqlType.Json ? "CAST(? AS JSONB)" : "?";
  }

  // ---- reflection ----

  /** {@code current_schema()}, usually {@code public}. */
  @Override
  public String currentSchema(java.sql.Connection connection) throws SQLException {
    return connection.getSchema();
  }

  /**
   * The inverse of {@link #typeName}; serials come back as their integer types, {@code json} and
   * {@code jsonb} as JSON, {@code char(n)} as VARCHAR(n). An unconstrained {@code numeric}, {@code
   * timetz}, intervals, arrays and enum types have no Retort type.
   */
  @Override
  public Optional<SqlType<?>> reflectedType(ReflectedType type) {
    return PostgresReflection.type(type);
  }

  @Override
  public TableDescription refineReflectedTable(
      java.sql.Connection connection, String schema, TableDescription table) throws SQLException {
    return PostgresReflection.refine(connection, schema, table);
  }
}
