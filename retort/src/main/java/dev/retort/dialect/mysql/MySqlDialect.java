package dev.retort.dialect.mysql;

import dev.retort.dialect.ColumnReader;
import dev.retort.dialect.ConnectSpec;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.ErrorClassification;
import dev.retort.dialect.ReflectedType;
import dev.retort.error.ErrorKind;
import dev.retort.sql.compile.TextSyntax;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.types.SqlType;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * MySQL and MariaDB through MariaDB Connector/J. Which server it is, and so whether RETURNING is
 * available, is read from the first connection. Offset date-times are stored as UTC {@code
 * DATETIME} values, since neither server keeps an offset.
 */
public class MySqlDialect extends Dialect {
  private volatile boolean mariaDb;

  /** Creates the dialect; {@code mariaDb} is the guess until the server is seen. */
  public MySqlDialect(boolean mariaDb) {
    this.mariaDb = mariaDb;
  }

  @Override
  public String name() {
    return mariaDb ? "mariadb" : "mysql";
  }

  @Override
  public void initialize(java.sql.Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    mariaDb =
        meta.getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT).contains("maria")
            || meta.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("maria");
  }

  /** Whether the server is MariaDB rather than MySQL. */
  public boolean isMariaDb() {
    return mariaDb;
  }

  /** MariaDB has INSERT/DELETE ... RETURNING since 10.5; MySQL has none. */
  @Override
  public boolean supportsReturning() {
    return mariaDb;
  }

  @Override
  public boolean supportsTransactionalDdl() {
    return false;
  }

  @Override
  public int maxParameters() {
    return 65535;
  }

  @Override
  protected TextSyntax textSyntax() {
    return TextSyntax.MYSQL;
  }

  @Override
  public String quoteIdentifier(String name) {
    return '`' + name.replace("`", "``") + '`';
  }

  @Override
  public String driverClassName() {
    return "org.mariadb.jdbc.Driver";
  }

  @Override
  public String jdbcUrl(ConnectSpec spec) {
    String host = spec.host() == null ? "localhost" : spec.host();
    int port = spec.port() == null ? 3306 : spec.port();
    String database = spec.database() == null ? "" : spec.database();
    return "jdbc:mariadb://" + host + ":" + port + "/" + database;
  }

  @Override
  protected Map<String, String> defaultDriverOptions() {
    // Bulk protocol: an executemany is one round trip instead of one per row.
    return Map.of("useBulkStmts", "true");
  }

  @Override
  public void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    switch (value) {
      case OffsetDateTime t ->
          ps.setObject(index, t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
      case Instant t -> ps.setObject(index, t.atOffset(ZoneOffset.UTC).toLocalDateTime());
      case UUID u -> ps.setString(index, u.toString());
      case null, default -> super.bind(ps, index, value);
    }
  }

  @Override
  public ColumnReader columnReader(ResultSetMetaData meta, int column) throws SQLException {
    return standardReader(meta.getColumnType(column), column);
  }

  @Override
  public ErrorClassification classify(SQLException e) {
    return switch (e.getErrorCode()) {
      case 1213, 1205 -> new ErrorClassification(ErrorKind.OPERATIONAL, true, false);
      case 1062, 1048, 1451, 1452, 1216, 1217, 1557, 1586, 3819, 4025 ->
          new ErrorClassification(ErrorKind.INTEGRITY, false, false);
      case 2002, 2003, 2006, 2013, 1053, 1927, 1152, 1184 ->
          new ErrorClassification(ErrorKind.OPERATIONAL, false, true);
      case 1317 -> new ErrorClassification(ErrorKind.OPERATIONAL, false, false);
      default -> classifySqlState(e.getSQLState());
    };
  }

  // ---- DDL ----

  private static final Set<String> RESERVED_WORDS =
      commonReservedWordsAnd(
          "change",
          "database",
          "databases",
          "describe",
          "div",
          "explain",
          "force",
          "ignore",
          "interval",
          "keys",
          "kill",
          "lock",
          "match",
          "mod",
          "option",
          "range",
          "read",
          "regexp",
          "rename",
          "replace",
          "require",
          "rlike",
          "schema",
          "show",
          "sql",
          "usage",
          "write",
          "xor");

  @Override
  public Set<String> reservedWords() {
    return RESERVED_WORDS;
  }

  /**
   * UUIDs as CHAR(36) text, which MySQL and every MariaDB version can hold; offset date-times as
   * UTC DATETIME(6), as {@link #bind} stores them.
   */
  @Override
  public String typeName(SqlType<?> type) {
    return switch (type) {
      case SqlType.Text t -> "LONGTEXT";
      case SqlType.Numeric t -> "DECIMAL(" + t.precision() + ", " + t.scale() + ")";
      case SqlType.Real t -> "FLOAT";
      case SqlType.DoublePrecision t -> "DOUBLE";
      case SqlType.Timestamp t -> "DATETIME(6)";
      case SqlType.TimestampTz t -> "DATETIME(6)";
      case SqlType.Uuid t -> "CHAR(36)";
      case SqlType.Binary t -> "LONGBLOB";
      default -> super.typeName(type);
    };
  }

  @Override
  public String identityColumn(SqlType<?> type) {
    return typeName(type) + " NOT NULL AUTO_INCREMENT";
  }

  /** Offset date-times are stored as UTC; backslashes escape in string literals. */
  @Override
  public String literal(Object value, SqlType<?> type) {
    if (value instanceof OffsetDateTime t) {
      return super.literal(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), type);
    }
    return super.literal(value, type);
  }

  @Override
  protected String quoteString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  @Override
  public boolean dropIndexNamesTable() {
    return true;
  }

  // ---- expression-language hooks ----

  /** MariaDB has INSERT and DELETE ... RETURNING but no UPDATE ... RETURNING. */
  @Override
  public boolean supportsUpdateReturning() {
    return false;
  }

  @Override
  public boolean supportsFullJoin() {
    return false;
  }

  /** NULLS FIRST / LAST are emulated with a leading CASE sort key. */
  @Override
  public boolean supportsNullsOrdering() {
    return false;
  }

  /** The documented way to say "all remaining rows". */
  @Override
  public String limitForOffsetOnly() {
    return "LIMIT 18446744073709551615";
  }

  @Override
  public boolean upsertOnDuplicateKey() {
    return true;
  }

  @Override
  public String insertDefaultValues() {
    return "() VALUES ()";
  }

  /**
   * CURRENT_TIMESTAMP is the session time zone's wall time, but offset date-times are read back as
   * UTC DATETIME values: UTC_TIMESTAMP is the same instant whatever the session's time zone.
   */
  @Override
  public String keyword(String keyword) {
    return keyword.equals("CURRENT_TIMESTAMP") ? "UTC_TIMESTAMP(6)" : keyword;
  }

  /** CAST takes only a few type names here (SIGNED, CHAR, DECIMAL, DATETIME, ...). */
  @Override
  public String castTypeName(SqlType<?> type) {
    return switch (type) {
      case SqlType.SmallInt t -> "SIGNED";
      case SqlType.Int t -> "SIGNED";
      case SqlType.BigInt t -> "SIGNED";
      case SqlType.Bool t -> "SIGNED";
      case SqlType.Numeric t -> "DECIMAL(" + t.precision() + ", " + t.scale() + ")";
      case SqlType.Real t -> "FLOAT";
      case SqlType.DoublePrecision t -> "DOUBLE";
      case SqlType.Date t -> "DATE";
      case SqlType.Time t -> "TIME(6)";
      case SqlType.Timestamp t -> "DATETIME(6)";
      case SqlType.TimestampTz t -> "DATETIME(6)";
      case SqlType.Binary t -> "BINARY";
      default -> "CHAR";
    };
  }

  // ---- reflection ----

  /** The current database, which MySQL and MariaDB call a schema. */
  @Override
  public String currentSchema(java.sql.Connection connection) throws SQLException {
    return connection.getCatalog();
  }

  /**
   * The inverse of {@link #typeName}, except that a DATETIME(6) comes back as TIMESTAMP even when
   * it was a TIMESTAMPTZ (the server stores no offset either way). {@code CHAR(36)} is a UUID;
   * {@code TINYINT(1)} is BOOLEAN; unsigned integers get the next wider type.
   */
  @Override
  public Optional<SqlType<?>> reflectedType(ReflectedType type) {
    return MySqlReflection.type(type);
  }

  @Override
  public TableDescription refineReflectedTable(
      java.sql.Connection connection, String schema, TableDescription table) throws SQLException {
    return MySqlReflection.refine(connection, schema, table, mariaDb);
  }
}
