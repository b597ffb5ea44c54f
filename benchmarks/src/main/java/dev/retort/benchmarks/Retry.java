package dev.retort.benchmarks;

import dev.retort.error.DatabaseException;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which failures mean "run the transaction again" (serialization failures, deadlocks, lock
 * timeouts, SQLite's busy database), the same for every contender, and how many retries a run
 * needed (reported beside its result).
 */
public final class Retry {
  /** Attempts per transaction before its failure counts. */
  public static final int MAX_ATTEMPTS = 100;

  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");
  // MariaDB deadlock and lock wait timeout; SQLite BUSY, LOCKED and their extended codes.
  private static final Set<Integer> RETRYABLE_CODES = Set.of(1213, 1205, 5, 6, 261, 517, 262);
  private static final LongAdder RETRIES = new LongAdder();

  private Retry() {}

  /** Whether the failure, or any of its causes, is one a retry can cure. */
  public static boolean isRetryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DatabaseException e && e.isRetryable()) {
        return true;
      }
      if (t instanceof SQLException e
          && ((e.getSQLState() != null && RETRYABLE_STATES.contains(e.getSQLState()))
              || RETRYABLE_CODES.contains(e.getErrorCode())
              || String.valueOf(e.getMessage()).contains("SQLITE_BUSY"))) {
        return true;
      }
      if (t instanceof PgException e
          && e.getSqlState() != null
          && RETRYABLE_STATES.contains(e.getSqlState())) {
        return true;
      }
      if (t instanceof MySQLException e && RETRYABLE_CODES.contains(e.getErrorCode())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Runs a blocking transaction, again while it fails retryably. */
  public static <T> T run(Callable<T> transaction) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.call();
      } catch (Exception e) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
          throw e;
        }
        debug(e);
        count();
        Thread.sleep(backoffMillis(attempt));
      }
    }
  }

  /**
   * How long to wait before attempt {@code attempt + 1}: a random time up to 2^attempt ms, at most
   * 50 ms, so transactions that collided do not collide again in step.
   */
  public static long backoffMillis(int attempt) {
    long ceiling = Math.min(50, 1L << Math.min(attempt, 6));
    return java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  /** Counts one retry. */
  static void count() {
    RETRIES.increment();
  }

  /** Prints a retried failure when {@code -Dbench.debug=true}. */
  static void debug(Throwable failure) {
    if (Boolean.getBoolean("bench.debug")) {
      System.out.println("    retrying after: " + failure);
    }
  }

  /** Returns the retries counted since the last call, and starts counting again. */
  public static long takeCount() {
    return RETRIES.sumThenReset();
  }
}
