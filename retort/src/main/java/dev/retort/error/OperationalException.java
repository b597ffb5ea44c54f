package dev.retort.error;

import java.sql.SQLException;

/**
 * The database or the connection failed independently of the statement's text: a lost connection, a
 * timeout, a deadlock or a serialization failure. See {@link #isRetryable()} and {@link
 * #isDisconnect()}.
 */
public class OperationalException extends DatabaseException {
  /** Creates the exception. */
  public OperationalException(
      String message, SQLException cause, String sql, boolean retryable, boolean disconnect) {
    super(ErrorKind.OPERATIONAL, message, cause, sql, retryable, disconnect);
  }
}
