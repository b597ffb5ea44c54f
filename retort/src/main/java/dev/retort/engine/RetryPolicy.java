package dev.retort.engine;

import dev.retort.error.ArgumentException;
import dev.retort.error.DatabaseException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how often a transaction function runs again after a failure, for {@link
 * Engine#inTransaction(RetryPolicy, ConnectionCallback)} and its async twin. A failed attempt is
 * retried only when the database says running it again may succeed ({@link
 * DatabaseException#isRetryable()}: serialization failure 40001, deadlock 40P01 / MySQL 1213, lock
 * wait timeout 1205, SQLITE_BUSY), and never when the connection was lost during COMMIT, whose
 * outcome is then unknown. Between attempts it waits with exponential backoff and jitter: after the
 * n-th failure, a random time between half and all of {@code min(maxBackoff, initialBackoff *
 * 2^(n-1))}. Immutable.
 *
 * @param maxAttempts the most times the work runs, the first included (1 means no retry)
 * @param initialBackoff the base wait after the first failure
 * @param maxBackoff the cap on the base wait
 * @param retryOnDisconnect whether a lost connection before COMMIT was sent is retried too (on a
 *     fresh connection); the work then runs again from the start
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, boolean retryOnDisconnect) {

  /** Checks the values. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new ArgumentException("max attempts must be at least 1, was " + maxAttempts);
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new ArgumentException("initial backoff must not be negative, was " + initialBackoff);
    }
    if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ArgumentException(
          "max backoff must be at least the initial backoff ("
              + initialBackoff
              + "), was "
              + maxBackoff);
    }
  }

  /** Five attempts, backoff from 20 ms up to 1 s, lost connections not retried. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(20), Duration.ofSeconds(1), false);
  }

  /** Returns a copy that runs the work at most {@code maxAttempts} times. */
  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retryOnDisconnect);
  }

  /** Returns a copy with this base wait after the first failure and this cap. */
  public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retryOnDisconnect);
  }

  /** Returns a copy that also retries (or not) when the connection is lost before COMMIT. */
  public RetryPolicy withRetryOnDisconnect(boolean retryOnDisconnect) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retryOnDisconnect);
  }

  /**
   * Whether an attempt that failed with {@code failure} is run again.
   *
   * @param attempt the number of the attempt that failed, from 1
   * @param duringCommit whether it failed while committing
   */
  public boolean shouldRetry(Throwable failure, int attempt, boolean duringCommit) {
    if (attempt >= maxAttempts) {
      return false;
    }
    DatabaseException error = databaseCause(failure);
    if (error == null) {
      return false;
    }
    if (error.isDisconnect()) {
      // A lost COMMIT may have been applied: running the work again could apply it twice.
      return retryOnDisconnect && !duringCommit;
    }
    return error.isRetryable();
  }

  /** How long to wait after the {@code attempt}-th failure (from 1), jitter included. */
  public Duration backoff(int attempt) {
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    long base = initial;
    for (int i = 1; i < attempt && base < cap; i++) {
      base = base > cap / 2 ? cap : base * 2;
    }
    base = Math.min(base, cap);
    long half = base / 2;
    // Jitter spreads the retries of transactions that failed together, so they do not collide
    // again at the same instant.
    return Duration.ofNanos(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
  }

  /** The database error behind a failure: the failure itself or one of its causes. */
  static DatabaseException databaseCause(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 10; depth++) {
      if (t instanceof DatabaseException e) {
        return e;
      }
      t = t.getCause();
    }
    return null;
  }
}
