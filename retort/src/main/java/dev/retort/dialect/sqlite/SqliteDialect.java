package dev.retort.dialect.sqlite;

import dev.retort.dialect.ColumnReader;
import dev.retort.dialect.ConnectSpec;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.ErrorClassification;
import dev.retort.dialect.IsolationLevel;
import dev.retort.dialect.ReflectedType;
import dev.retort.dialect.internal.Conversions;
import dev.retort.error.ErrorKind;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * SQLite through xerial's sqlite-jdbc. SQLite has no native date, time, UUID or decimal types, so
 * they are stored as sortable text (date-times as {@code yyyy-MM-dd HH:mm:ss.ffffff}, with offsets
 * normalized to UTC) and converted back on typed access. File databases run in WAL mode with a busy
 * timeout; an in-memory database lives in one shared connection.
 */
public class SqliteDialect extends Dialect {
  @Override
  public String name() {
    return "sqlite";
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
    return 32766;
  }

  /** sqlite-jdbc runs SQLite itself through JNI, which holds the carrier for the whole call. */
  @Override
  public boolean driverPinsCarrierThreads() {
    return true;
  }

  /** sqlite-jdbc reports only the last row's key after a batch. */
  @Override
  public boolean supportsBatchGeneratedKeys() {
    return false;
  }

  @Override
  public boolean supportsIsolationLevel(IsolationLevel level) {
    return level == IsolationLevel.SERIALIZABLE
        || level == IsolationLevel.READ_UNCOMMITTED
        || level == IsolationLevel.AUTOCOMMIT;
  }

  @Override
  public boolean sharesSingleConnection(ConnectSpec spec) {
    return spec.database() == null;
  }

  @Override
  public String driverClassName() {
    return "org.sqlite.JDBC";
  }

  @Override
  public String jdbcUrl(ConnectSpec spec) {
    return spec.database() == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + spec.database();
  }

  @Override
  protected Map<String, String> defaultDriverOptions() {
    // WAL lets readers run beside a writer; the busy timeout makes a writer wait for a lock
    // instead of failing at once; foreign keys are off in SQLite unless asked for.
    return Map.of(
        "journal_mode", "WAL",
        "synchronous", "NORMAL",
        "busy_timeout", "10000",
        "foreign_keys", "true");
  }

  /**
   * A decimal bound for a numeric expression goes as a number when a double holds it exactly (up to
   * 15 digits), so it compares as a number even where no column gives the comparison numeric
   * affinity ({@code sum(total) > ?}); longer ones, and decimals in plain SQL, go as text, which a
   * NUMERIC column still rounds to 15 significant digits.
   */
  @Override
  public void bind(PreparedStatement ps, int index, Object value, SqlType<?> type)
      throws SQLException {
    if (value instanceof BigDecimal d && type instanceof SqlType.Numeric && d.precision() <= 15) {
      ps.setDouble(index, d.doubleValue());
    } else {
      bind(ps, index, value);
    }
  }

  @Override
  public void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    switch (value) {
      case LocalDate d -> ps.setString(index, d.toString());
      case LocalTime t -> ps.setString(index, Conversions.SQLITE_TIME.format(t));
      case LocalDateTime t -> ps.setString(index, Conversions.SQLITE_DATE_TIME.format(t));
      case OffsetDateTime t -> ps.setString(index, utcText(t.toInstant()));
      case Instant t -> ps.setString(index, utcText(t));
      case UUID u -> ps.setString(index, u.toString());
      case BigDecimal d -> ps.setString(index, d.toPlainString());
      case BigInteger b -> ps.setString(index, b.toString());
      case Boolean b -> ps.setInt(index, b ? 1 : 0);
      case null, default -> super.bind(ps, index, value);
    }
  }

  private static String utcText(Instant instant) {
    return Conversions.SQLITE_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC)) + "+00:00";
  }

  @Override
  public ColumnReader columnReader(ResultSetMetaData meta, int column) throws SQLException {
    // Values keep SQLite's storage class: dates are the text they were stored as, so typed access
    // (row.get(i, LocalDate.class)) converts them exactly.
    String declared = String.valueOf(meta.getColumnTypeName(column)).toUpperCase(Locale.ROOT);
    if (declared.contains("DATE") || declared.contains("TIME")) {
      return rs -> rs.getString(column);
    }
    return rs -> rs.getObject(column);
  }

  /**
   * SQLite's REAL is an 8-byte float, read exactly by {@code getDouble}. A value stored with
   * another storage class in a typed column (SQLite allows it) reads with SQLite's own conversion,
   * as with JDBC's typed getters; NULL, zero and text that is not a number take the exact path.
   */
  @Override
  public Class<?> typedGetter(int jdbcType) {
    return jdbcType == java.sql.Types.REAL ? double.class : super.typedGetter(jdbcType);
  }

  @Override
  public ErrorClassification classify(SQLException e) {
    int primary = e.getErrorCode() & 0xFF;
    return switch (primary) {
      case 19 -> new ErrorClassification(ErrorKind.INTEGRITY, false, false); // CONSTRAINT
      case 18, 20 -> new ErrorClassification(ErrorKind.DATA, false, false); // TOOBIG, MISMATCH
      case 1, 21, 25 -> new ErrorClassification(ErrorKind.PROGRAMMING, false, false);
      case 5, 6 -> new ErrorClassification(ErrorKind.OPERATIONAL, true, false); // BUSY, LOCKED
      case 2, 11, 26 -> new ErrorClassification(ErrorKind.INTERNAL, false, false);
      default -> new ErrorClassification(ErrorKind.OPERATIONAL, false, false);
    };
  }

  // ---- DDL ----

  private static final Set<String> RESERVED_WORDS =
      commonReservedWordsAnd(
          "abort",
          "action",
          "autoincrement",
          "collate",
          "commit",
          "conflict",
          "deferrable",
          "escape",
          "except",
          "glob",
          "ignore",
          "isnull",
          "notnull",
          "pragma",
          "raise",
          "regexp",
          "replace",
          "rollback",
          "transaction",
          "vacuum");

  @Override
  public Set<String> reservedWords() {
    return RESERVED_WORDS;
  }

  /**
   * Names chosen for SQLite's type affinity: decimals, UUIDs and JSON get TEXT affinity so the text
   * the dialect stores keeps every digit (NUMERIC affinity would turn {@code 1.50} into a float);
   * dates and times are declared DATE / TIME / TIMESTAMP, whose ISO text never looks like a number,
   * and which {@link #columnReader} recognizes.
   */
  @Override
  public String typeName(SqlType<?> type) {
    return switch (type) {
      // NUMERIC affinity so decimals compare, sort and sum as numbers. SQLite has no decimal type:
      // it keeps 15 significant digits (a longer value is rounded when stored).
      case SqlType.Numeric t -> "NUMERIC(" + t.precision() + ", " + t.scale() + ")";
      case SqlType.Real t -> "REAL";
      case SqlType.DoublePrecision t -> "REAL";
      case SqlType.Time t -> "TIME";
      case SqlType.Timestamp t -> "TIMESTAMP";
      case SqlType.TimestampTz t -> "TIMESTAMPTZ";
      case SqlType.Uuid t -> "CHAR(36)";
      case SqlType.Json t -> "TEXT";
      default -> super.typeName(type);
    };
  }

  /** Only an {@code INTEGER PRIMARY KEY} column aliases the rowid, whatever the integer width. */
  @Override
  public String identityColumn(SqlType<?> type) {
    return "INTEGER PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  public boolean identityDeclaresPrimaryKey() {
    return true;
  }

  /** Literals in the same text forms {@link #bind} stores. */
  @Override
  public String literal(Object value, SqlType<?> type) {
    return switch (value) {
      case Boolean b -> b ? "1" : "0";
      case BigDecimal d -> quoteString(d.toPlainString());
      case OffsetDateTime t -> quoteString(utcText(t.toInstant()));
      default -> super.literal(value, type);
    };
  }

  /** SQLite names an index in an attached database {@code schema.index ON table}. */
  @Override
  public boolean schemaQualifiesIndexName() {
    return true;
  }

  // ---- expression-language hooks ----

  /**
   * A transaction that reads rows to update them (FOR UPDATE) starts as {@code BEGIN IMMEDIATE}: it
   * takes the write lock at once, waiting for other writers within the busy timeout. Begun as usual
   * (deferred), it would read under a snapshot and then fail with a busy error the moment it writes
   * after another writer committed.
   */
  @Override
  public void beginLockingTransaction(java.sql.Connection connection) throws SQLException {
    SQLiteConnectionConfig config = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
    SQLiteConfig.TransactionMode before = config.getTransactionMode();
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    try {
      connection.rollback(); // ends the empty deferred transaction; the driver begins IMMEDIATE
    } finally {
      config.setTransactionMode(before);
    }
  }

  /**
   * SQLite locks the whole database on write: FOR UPDATE is not written; a transaction that begins
   * with it begins IMMEDIATE instead (see {@link #beginLockingTransaction}).
   */
  @Override
  public boolean supportsRowLocks() {
    return false;
  }

  @Override
  public String limitForOffsetOnly() {
    return "LIMIT -1";
  }

  /** Casts to the storage class Retort keeps each type in (dates, UUIDs, decimals as text). */
  @Override
  public String castTypeName(SqlType<?> type) {
    return switch (type) {
      case SqlType.SmallInt t -> "INTEGER";
      case SqlType.Int t -> "INTEGER";
      case SqlType.BigInt t -> "INTEGER";
      case SqlType.Bool t -> "INTEGER";
      case SqlType.Real t -> "REAL";
      case SqlType.DoublePrecision t -> "REAL";
      case SqlType.Binary t -> "BLOB";
      case SqlType.Numeric t -> "NUMERIC";
      default -> "TEXT";
    };
  }

  // ---- reflection ----

  /** The {@code main} database; attached databases cannot be reflected. */
  @Override
  public String currentSchema(java.sql.Connection connection) {
    return "main";
  }

  /**
   * The inverse of {@link #typeName} where the declared type keeps it apart: JSON columns, declared
   * TEXT, come back as TEXT, and REAL (which SQLite stores in 8 bytes) as DOUBLE. An AUTOINCREMENT
   * key comes back as BIGINT. Type names Retort does not write map by SQLite's affinity rules, so
   * every column has a type.
   */
  @Override
  public Optional<SqlType<?>> reflectedType(ReflectedType type) {
    return Optional.of(SqliteReflection.type(type));
  }

  @Override
  public TableDescription refineReflectedTable(
      java.sql.Connection connection, String schema, TableDescription table) throws SQLException {
    return SqliteReflection.refine(connection, table);
  }
}
