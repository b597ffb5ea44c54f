package dev.retort.dialect;

import dev.retort.dialect.internal.Conversions;
import dev.retort.dialect.internal.ReflectedTypes;
import dev.retort.error.ErrorKind;
import dev.retort.sql.Executable;
import dev.retort.sql.TextClause;
import dev.retort.sql.compile.Compiled;
import dev.retort.sql.compile.DdlCompiler;
import dev.retort.sql.compile.SqlCompiler;
import dev.retort.sql.compile.SqlDialect;
import dev.retort.sql.compile.TextCompiler;
import dev.retort.sql.compile.TextSyntax;
import dev.retort.sql.ddl.DdlStatement;
import dev.retort.sql.expr.Statement;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Everything Retort knows about one database: capability flags that core code asks instead of
 * testing which database it is, how to connect, how values are bound and read, how errors are
 * classified, and how statements compile. One instance per engine: {@link #initialize} may refine
 * the capabilities once it has seen the server.
 */
public abstract class Dialect implements SqlDialect {
  /**
   * Words reserved in standard SQL and by every supported database; identifiers spelled like them
   * are quoted in DDL.
   */
  protected static final Set<String> COMMON_RESERVED_WORDS =
      Set.of(
          "all",
          "and",
          "any",
          "as",
          "asc",
          "between",
          "by",
          "case",
          "check",
          "column",
          "constraint",
          "create",
          "cross",
          "current_date",
          "current_time",
          "current_timestamp",
          "default",
          "delete",
          "desc",
          "distinct",
          "drop",
          "else",
          "end",
          "exists",
          "false",
          "for",
          "foreign",
          "from",
          "full",
          "grant",
          "group",
          "having",
          "in",
          "index",
          "inner",
          "insert",
          "intersect",
          "into",
          "is",
          "join",
          "key",
          "left",
          "like",
          "limit",
          "natural",
          "not",
          "null",
          "offset",
          "on",
          "or",
          "order",
          "outer",
          "primary",
          "references",
          "right",
          "select",
          "set",
          "table",
          "then",
          "to",
          "true",
          "union",
          "unique",
          "update",
          "user",
          "using",
          "values",
          "when",
          "where",
          "with");

  private final TextCompiler textCompiler = new TextCompiler(textSyntax());
  private final DdlCompiler ddlCompiler = new DdlCompiler(this);

  /** The dialect's name as used in URLs, e.g. {@code "postgresql"}. */
  public abstract String name();

  /**
   * Called once with the engine's first connection, so the dialect can read the server's version
   * and refine its capabilities (MariaDB versus MySQL, say).
   */
  public void initialize(java.sql.Connection connection) throws SQLException {}

  /**
   * Whether every use of this database must share one connection: an in-memory SQLite database
   * exists only inside the connection that created it.
   */
  public boolean sharesSingleConnection(ConnectSpec spec) {
    return false;
  }

  // ---- capabilities ----

  /** Whether nested transactions can use SAVEPOINTs. */
  public boolean supportsSavepoints() {
    return true;
  }

  /** Whether INSERT and DELETE ... RETURNING are available. */
  @Override
  public abstract boolean supportsReturning();

  /** Whether DDL statements take part in transactions and roll back with them. */
  public abstract boolean supportsTransactionalDdl();

  /** The largest number of bound parameters one statement may carry. */
  public abstract int maxParameters();

  /**
   * Whether the driver runs native code that holds a carrier thread for the whole call; if so the
   * async layer runs the dialect's work on platform threads so virtual threads are not starved.
   */
  public boolean driverPinsCarrierThreads() {
    return false;
  }

  /**
   * Whether the driver returns the generated keys of every row of a batch; if not, an executemany
   * that asks for keys runs row by row.
   */
  public boolean supportsBatchGeneratedKeys() {
    return true;
  }

  /**
   * Whether an executemany INSERT reports how many rows it inserted; if not, its {@code rowCount()}
   * is -1.
   */
  public boolean supportsBatchInsertRowCount() {
    return true;
  }

  /** Whether a connection can stream a large result through a cursor with a fetch size. */
  public boolean supportsStreaming() {
    return true;
  }

  /**
   * Called when a transaction's first statement locks rows ({@code SELECT ... FOR UPDATE}), before
   * it runs: a database that locks on write rather than on read can start the transaction as a
   * writer here. Does nothing by default.
   */
  public void beginLockingTransaction(java.sql.Connection connection) throws SQLException {}

  /** Whether the database accepts this isolation level. */
  public boolean supportsIsolationLevel(IsolationLevel level) {
    return true;
  }

  /** The lexical rules for finding {@code :name} parameters in plain SQL. */
  protected TextSyntax textSyntax() {
    return TextSyntax.STANDARD;
  }

  // ---- connecting ----

  /** The JDBC driver class. */
  public abstract String driverClassName();

  /** The JDBC URL for a parsed database URL. */
  public abstract String jdbcUrl(ConnectSpec spec);

  /**
   * Driver properties: the dialect's defaults (e.g. batch rewriting) overlaid with the URL's own
   * driver options, which win.
   */
  public Properties driverProperties(ConnectSpec spec) {
    Properties props = new Properties();
    props.putAll(defaultDriverOptions());
    props.putAll(spec.driverOptions());
    return props;
  }

  /** The driver options the dialect sets unless the URL overrides them. */
  protected Map<String, String> defaultDriverOptions() {
    return Map.of();
  }

  /** Quotes an identifier for use in SQL. */
  @Override
  public String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  // ---- DDL hooks ----

  /** The common reserved words plus a dialect's own. */
  protected static Set<String> commonReservedWordsAnd(String... more) {
    Set<String> all = new java.util.HashSet<>(COMMON_RESERVED_WORDS);
    all.addAll(Set.of(more));
    return Set.copyOf(all);
  }

  /** The standard SQL reserved words; dialects add their own. */
  @Override
  public Set<String> reservedWords() {
    return COMMON_RESERVED_WORDS;
  }

  /** Standard SQL type names; dialects override what differs. */
  @Override
  public String typeName(SqlType<?> type) {
    return switch (type) {
      case SqlType.SmallInt t -> "SMALLINT";
      case SqlType.Int t -> "INTEGER";
      case SqlType.BigInt t -> "BIGINT";
      case SqlType.Varchar t -> "VARCHAR(" + t.length() + ")";
      case SqlType.Text t -> "TEXT";
      case SqlType.Bool t -> "BOOLEAN";
      case SqlType.Numeric t -> "NUMERIC(" + t.precision() + ", " + t.scale() + ")";
      case SqlType.Real t -> "REAL";
      case SqlType.DoublePrecision t -> "DOUBLE PRECISION";
      case SqlType.Date t -> "DATE";
      case SqlType.Time t -> "TIME(6)";
      case SqlType.Timestamp t -> "TIMESTAMP(6)";
      case SqlType.TimestampTz t -> "TIMESTAMP(6) WITH TIME ZONE";
      case SqlType.Uuid t -> "UUID";
      case SqlType.Json t -> "JSON";
      case SqlType.EnumName<?> t -> "VARCHAR(" + t.length() + ")";
      case SqlType.Binary t -> "BLOB";
    };
  }

  /** The standard SQL identity column: {@code <type> GENERATED BY DEFAULT AS IDENTITY}. */
  @Override
  public String identityColumn(SqlType<?> type) {
    return typeName(type) + " GENERATED BY DEFAULT AS IDENTITY";
  }

  /**
   * Renders strings, numbers, booleans, enums, UUIDs and java.time values; dialects override how
   * they store what standard SQL does not have.
   */
  @Override
  public String literal(Object value, SqlType<?> type) {
    return switch (value) {
      case Boolean b -> b ? "TRUE" : "FALSE";
      case BigDecimal d -> d.toPlainString();
      case Integer n -> n.toString();
      case Long n -> n.toString();
      case Short n -> n.toString();
      case Double n when Double.isFinite(n) -> n.toString();
      case Float n when Float.isFinite(n) -> n.toString();
      case String s -> quoteString(s);
      case Enum<?> e -> quoteString(e.name());
      case UUID u -> quoteString(u.toString());
      case LocalDate d -> quoteString(d.toString());
      case LocalTime t -> quoteString(Conversions.SQLITE_TIME.format(t));
      case LocalDateTime t -> quoteString(Conversions.SQLITE_DATE_TIME.format(t));
      case OffsetDateTime t ->
          quoteString(
              Conversions.SQLITE_DATE_TIME.format(t)
                  + t.getOffset().getId().replace("Z", "+00:00"));
      default ->
          throw new dev.retort.error.ArgumentException(
              "The "
                  + name()
                  + " dialect has no literal for a "
                  + value.getClass().getName()
                  + " server default; use serverDefaultSql(...) with a SQL expression");
    };
  }

  /** A string literal: single quotes, embedded quotes doubled. */
  protected String quoteString(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  // ---- reflection ----

  /**
   * The schema that unqualified table names resolve to on this connection, or null when there is
   * none; reflection reports tables of this schema without a schema.
   */
  public String currentSchema(java.sql.Connection connection) throws SQLException {
    String schema = connection.getSchema();
    return schema != null ? schema : connection.getCatalog();
  }

  /**
   * The Retort type whose DDL this dialect renders as the reported column type: the inverse of
   * {@link #typeName}, plus the database's other types that have an exact Retort counterpart. Empty
   * when Retort has no type for it (arrays, intervals, bit strings, ...).
   */
  public Optional<SqlType<?>> reflectedType(ReflectedType type) {
    return ReflectedTypes.standard(type);
  }

  /**
   * Completes a table described from standard JDBC metadata with what only the database's own
   * catalog knows. The description it gets has every unique index among the indexes and no unique
   * constraints; dialects move the indexes that back UNIQUE constraints, drop indexes the database
   * made by itself and correct types the metadata cannot tell apart.
   *
   * @param schema the table's schema as the database names it (never null)
   */
  public TableDescription refineReflectedTable(
      java.sql.Connection connection, String schema, TableDescription table) throws SQLException {
    return table;
  }

  // ---- compiling ----

  /**
   * Compiles a statement for this dialect.
   *
   * @throws dev.retort.error.ArgumentException when the dialect cannot render the statement
   */
  public Compiled compile(Executable statement) {
    return compile(statement, false);
  }

  /**
   * Compiles a statement, with schema names as {@link dev.retort.sql.compile.SchemaTokens} when
   * {@code schemaTokens} is set (expression-language statements only; plain SQL is left as is).
   */
  public Compiled compile(Executable statement, boolean schemaTokens) {
    if (statement instanceof TextClause text) {
      return textCompiler.compile(text);
    }
    if (statement instanceof DdlStatement ddl) {
      return ddlCompiler.compile(ddl);
    }
    if (statement instanceof Statement expression) {
      return SqlCompiler.compile(this, expression, schemaTokens);
    }
    throw new dev.retort.error.ArgumentException(
        "The "
            + name()
            + " dialect cannot compile a "
            + statement.getClass().getName()
            + "; pass a statement built with dev.retort.sql.Sql");
  }

  // ---- values ----

  /**
   * Binds a value whose SQL type the statement knows (an expression-language bind); by default the
   * same as {@link #bind(PreparedStatement, int, Object)}.
   *
   * @param type the value's SQL type, or null when unknown
   */
  public void bind(PreparedStatement ps, int index, Object value, SqlType<?> type)
      throws SQLException {
    bind(ps, index, value);
  }

  /** Binds a Java value to a placeholder; null binds SQL NULL. */
  public void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    switch (value) {
      case null -> ps.setNull(index, Types.NULL);
      case String s -> ps.setString(index, s);
      case Integer i -> ps.setInt(index, i);
      case Long l -> ps.setLong(index, l);
      case Short s -> ps.setShort(index, s);
      case Byte b -> ps.setByte(index, b);
      case BigDecimal d -> ps.setBigDecimal(index, d);
      case BigInteger b -> ps.setBigDecimal(index, new BigDecimal(b));
      case Boolean b -> ps.setBoolean(index, b);
      case Double d -> ps.setDouble(index, d);
      case Float f -> ps.setFloat(index, f);
      case byte[] bytes -> ps.setBytes(index, bytes);
      case Instant instant ->
          ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      case Enum<?> e -> ps.setString(index, e.name());
      case UUID uuid -> ps.setObject(index, uuid);
      default -> ps.setObject(index, value);
    }
  }

  /**
   * Chooses how to read a result column as its natural Java value (java.time for temporal columns),
   * once per result.
   */
  public ColumnReader columnReader(ResultSetMetaData meta, int column) throws SQLException {
    return rs -> rs.getObject(column);
  }

  /**
   * The type whose typed getter reads every value of a column of this JDBC type exactly: {@code
   * long.class} ({@code getLong}), {@code double.class} ({@code getDouble}) or {@code String.class}
   * ({@code getString}); null when only {@link #columnReader} reads it faithfully. Typed reads into
   * records ({@code Connection.fetch}) use it to skip {@code getObject}, boxing and conversion.
   */
  public Class<?> typedGetter(int jdbcType) {
    return switch (jdbcType) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> long.class;
      case Types.DOUBLE, Types.FLOAT -> double.class;
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR ->
          String.class;
      default -> null;
    };
  }

  /**
   * Converts a value read from this database to the Java type a caller asked for.
   *
   * @throws IllegalArgumentException when the value cannot represent the type exactly
   */
  public <T> T convert(Object value, Class<T> type) {
    return Conversions.convert(value, type);
  }

  // ---- errors ----

  /** Classifies a driver error by its SQLSTATE and vendor code. */
  public ErrorClassification classify(SQLException e) {
    return classifySqlState(e.getSQLState());
  }

  /** Classifies an error by SQLSTATE alone, the way standard SQL defines the classes. */
  protected static ErrorClassification classifySqlState(String state) {
    if (state == null || state.length() < 2) {
      return new ErrorClassification(ErrorKind.OPERATIONAL, false, false);
    }
    if (state.equals("40001") || state.equals("40P01")) {
      return new ErrorClassification(ErrorKind.OPERATIONAL, true, false);
    }
    return switch (state.substring(0, 2)) {
      case "23" -> new ErrorClassification(ErrorKind.INTEGRITY, false, false);
      case "22" -> new ErrorClassification(ErrorKind.DATA, false, false);
      case "42", "07", "26", "2B", "34", "3D", "3F", "44" ->
          new ErrorClassification(ErrorKind.PROGRAMMING, false, false);
      case "0A" -> new ErrorClassification(ErrorKind.NOT_SUPPORTED, false, false);
      case "08" -> new ErrorClassification(ErrorKind.OPERATIONAL, false, true);
      case "XX" -> new ErrorClassification(ErrorKind.INTERNAL, false, false);
      default -> new ErrorClassification(ErrorKind.OPERATIONAL, false, false);
    };
  }

  /** Reads a column the standard JDBC 4.2 way: java.time types for temporal columns. */
  protected static ColumnReader standardReader(int jdbcType, int column) {
    return switch (jdbcType) {
      case Types.DATE -> rs -> rs.getObject(column, java.time.LocalDate.class);
      case Types.TIME -> rs -> rs.getObject(column, java.time.LocalTime.class);
      case Types.TIMESTAMP -> rs -> rs.getObject(column, java.time.LocalDateTime.class);
      case Types.TIMESTAMP_WITH_TIMEZONE -> rs -> rs.getObject(column, OffsetDateTime.class);
      default -> rs -> rs.getObject(column);
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
