package dev.retort.error;

import java.sql.SQLException;

/**
 * The database rejected a statement or failed to run it. Carries the SQLSTATE, the vendor error
 * code and the SQL that failed; {@link #isRetryable()} tells whether running the whole transaction
 * again may succeed (serialization failure, deadlock, lock wait timeout).
 */
public class DatabaseException extends RetortException {
  private final ErrorKind kind;
  private final String sqlState;
  private final int vendorCode;
  private final String sql;
  private final boolean retryable;
  private final boolean disconnect;

  /** Creates the exception; prefer {@link #of} which picks the subclass for the kind. */
  protected DatabaseException(
      ErrorKind kind,
      String message,
      SQLException cause,
      String sql,
      boolean retryable,
      boolean disconnect) {
    super(describe(kind, message, cause, sql, retryable), cause);
    this.kind = kind;
    this.sqlState = cause == null ? null : cause.getSQLState();
    this.vendorCode = cause == null ? 0 : cause.getErrorCode();
    this.sql = sql;
    this.retryable = retryable;
    this.disconnect = disconnect;
  }

  /** Creates the exception subclass that matches {@code kind}. */
  public static DatabaseException of(
      ErrorKind kind,
      String message,
      SQLException cause,
      String sql,
      boolean retryable,
      boolean disconnect) {
    return switch (kind) {
      case INTEGRITY -> new IntegrityException(message, cause, sql);
      case DATA -> new DataException(message, cause, sql);
      case PROGRAMMING -> new ProgrammingException(message, cause, sql);
      case OPERATIONAL -> new OperationalException(message, cause, sql, retryable, disconnect);
      case NOT_SUPPORTED -> new NotSupportedException(message, cause, sql);
      case INTERNAL -> new InternalException(message, cause, sql);
    };
  }

  private static String describe(
      ErrorKind kind, String message, SQLException cause, String sql, boolean retryable) {
    StringBuilder text = new StringBuilder(message);
    if (cause != null) {
      text.append(" [SQLSTATE ").append(cause.getSQLState());
      text.append(", vendor code ").append(cause.getErrorCode()).append(']');
    }
    if (retryable) {
      text.append(" (retryable: run the transaction again)");
    }
    if (sql != null) {
      text.append("\n[SQL: ").append(sql).append(']');
    }
    return text.toString();
  }

  /** The category of the failure. */
  public ErrorKind kind() {
    return kind;
  }

  /** The five-character SQLSTATE the driver reported, or null when it reported none. */
  public String sqlState() {
    return sqlState;
  }

  /** The database vendor's own error code, or 0 when there is none. */
  public int vendorCode() {
    return vendorCode;
  }

  /** The SQL that failed, or null when the failure was not caused by a statement. */
  public String sql() {
    return sql;
  }

  /** Whether running the whole transaction again may succeed. */
  public boolean isRetryable() {
    return retryable;
  }

  /** Whether the failure means the connection is gone and must not be reused. */
  public boolean isDisconnect() {
    return disconnect;
  }
}
