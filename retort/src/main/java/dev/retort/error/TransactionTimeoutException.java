package dev.retort.error;

import java.sql.SQLException;
import java.time.Duration;

/**
 * A transaction lasted longer than its timeout: the statement running at the deadline was cancelled
 * (or the idle connection closed) and the transaction was rolled back. The transaction is over when
 * this is thrown: the connection can run a new one, unless the timeout had to close it, in which
 * case its next call says so.
 */
public class TransactionTimeoutException extends OperationalException {
  private final Duration timeout;

  /** Creates the exception; {@code cause} is the driver's report of the cancellation, if any. */
  public TransactionTimeoutException(
      String message, SQLException cause, String sql, Duration timeout) {
    super(message, cause, sql, false, false);
    this.timeout = timeout;
  }

  /** The timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}
