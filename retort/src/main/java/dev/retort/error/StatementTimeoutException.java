package dev.retort.error;

import java.sql.SQLException;
import java.time.Duration;

/**
 * A statement ran longer than its timeout: it was cancelled on the server and the transaction it
 * ran in was rolled back. Not retryable as such: a statement that is too slow stays too slow.
 */
public class StatementTimeoutException extends OperationalException {
  private final Duration timeout;

  /** Creates the exception; {@code cause} is the driver's report of the cancellation, if any. */
  public StatementTimeoutException(
      String message, SQLException cause, String sql, Duration timeout) {
    super(message, cause, sql, false, false);
    this.timeout = timeout;
  }

  /** The timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}
