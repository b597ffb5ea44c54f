package dev.retort.engine;

import dev.retort.engine.internal.Timers;
import dev.retort.error.ArgumentException;
import dev.retort.error.DatabaseException;
import dev.retort.error.OperationalException;
import dev.retort.error.StatementTimeoutException;
import dev.retort.error.TransactionTimeoutException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The safety state of one {@link Connection}: its statement and transaction timeouts, whether the
 * server connection was lost, and its entry in the engine's checkout tracking. Timers fire on other
 * threads; everything else runs on the connection's owner thread.
 *
 * <p>A statement timeout cancels the statement ({@link Statement#cancel()}); the owner then sees
 * the statement fail, ends the transaction and throws {@link StatementTimeoutException}. A
 * transaction deadline cancels the statement running at that moment, or, when none runs, aborts the
 * connection, which makes the server roll the transaction back at once rather than when the owner
 * comes back; the owner then throws {@link TransactionTimeoutException}.
 */
final class ConnectionGuard {
  private final Connection connection;
  private final Lease lease;
  // Serializes ending the transaction (owner) with expiring it (timer): the timer must never
  // abort a connection whose transaction just committed, nor one already back in the pool.
  private final ReentrantLock endLock = new ReentrantLock();
  private volatile Duration statementTimeout;
  private volatile Duration transactionTimeout;
  private ScheduledFuture<?> statementTimer;
  private ScheduledFuture<?> deadline;
  private volatile Statement timedOut;
  private volatile Transaction expired;
  private volatile boolean closedByTimeout;
  private DatabaseException lost;
  // Cancels under way from other threads. Some drivers cancel by sending a command on another
  // connection (MariaDB: KILL QUERY), which lands on whatever the session runs when it arrives:
  // the next statement must wait until the cancel is done, or it may be the one killed.
  private final AtomicInteger cancelling = new AtomicInteger();
  private final ReentrantLock cancelLock = new ReentrantLock();
  private final Condition cancelsDone = cancelLock.newCondition();
  private final Duration cancelWait;

  ConnectionGuard(Connection connection, Lease lease, EngineOptions options) {
    this.connection = connection;
    this.lease = lease;
    this.statementTimeout = options.statementTimeout();
    this.transactionTimeout = options.transactionTimeout();
    this.cancelWait = options.validationTimeout();
  }

  Lease lease() {
    return lease;
  }

  // ---- settings ----

  void setStatementTimeout(Duration timeout) {
    statementTimeout = checked("statement timeout", timeout);
  }

  Duration statementTimeout() {
    return statementTimeout;
  }

  void setTransactionTimeout(Duration timeout) {
    transactionTimeout = checked("transaction timeout", timeout);
  }

  Duration transactionTimeout() {
    return transactionTimeout;
  }

  private static Duration checked(String what, Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new ArgumentException(what + " must be zero (none) or positive, was " + timeout);
    }
    return timeout;
  }

  // ---- statements ----

  void statementStarted(Statement statement) {
    lease.statementStarted();
    Duration limit = statementTimeout;
    if (!limit.isZero()) {
      statementTimer = Timers.schedule(limit, () -> timeOut(statement));
    }
  }

  void statementEnded() {
    lease.statementEnded();
    if (statementTimer != null) {
      statementTimer.cancel(false);
      statementTimer = null;
    }
  }

  private void timeOut(Statement statement) {
    cancelling.incrementAndGet();
    try {
      if (connection.runningStatement() == statement) {
        timedOut = statement;
        cancelQuietly(statement);
      }
    } finally {
      cancelEnded();
    }
  }

  /** Cancels the statement running now, if any; any thread. */
  void cancelRunning() {
    // Counted before reading which statement runs: an owner that waits for no cancel to be
    // under way then cannot start a statement that this cancel might still reach.
    cancelling.incrementAndGet();
    try {
      Statement statement = connection.runningStatement();
      if (statement != null) {
        cancelQuietly(statement);
      }
    } finally {
      cancelEnded();
    }
  }

  private void cancelEnded() {
    if (cancelling.decrementAndGet() == 0) {
      cancelLock.lock();
      try {
        cancelsDone.signalAll();
      } finally {
        cancelLock.unlock();
      }
    }
  }

  /**
   * Waits until no cancel is under way on this connection; false when one is still going after the
   * validation timeout (the connection's state is then unknown).
   */
  boolean awaitCancels() {
    if (cancelling.get() == 0) {
      return true;
    }
    cancelLock.lock();
    try {
      long nanos = cancelWait.toNanos();
      while (cancelling.get() > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = cancelsDone.awaitNanos(nanos);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      cancelLock.unlock();
    }
  }

  /**
   * Turns the failure of the statement {@code running} into the timeout that caused it, ending the
   * transaction; any other failure is returned as it is.
   */
  DatabaseException explain(
      DatabaseException error, SQLException cause, String sql, Statement running) {
    Transaction late = expired;
    if (late != null && late.isActive()) {
      connection.endTransactionQuietly();
      return transactionTimedOut(cause, sql);
    }
    if (running != null && running == timedOut) {
      timedOut = null;
      boolean hadTransaction = connection.inTransaction();
      connection.endTransactionQuietly();
      Duration limit = statementTimeout;
      return new StatementTimeoutException(
          "("
              + connection.engine().dialect().name()
              + ") The statement ran longer than its "
              + limit.toMillis()
              + " ms timeout and was cancelled on the server"
              + (hadTransaction ? "; its transaction was rolled back" : "")
              + ". Raise statement_timeout (or Connection.setStatementTimeout) if it must run"
              + " longer",
          cause,
          sql,
          limit);
    }
    return error;
  }

  // ---- transactions ----

  void transactionBegan(Transaction root) {
    lease.transactionBegan();
    Duration limit = transactionTimeout;
    if (!limit.isZero()) {
      deadline = Timers.schedule(limit, () -> expire(root));
    }
  }

  void transactionEnded() {
    lease.transactionEnded();
    expired = null;
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  /** Runs on a timer thread when the transaction's deadline passes. */
  private void expire(Transaction root) {
    endLock.lock();
    try {
      if (!root.isActive() || connection.isClosed()) {
        return; // it ended in time, just
      }
      expired = root;
      cancelling.incrementAndGet();
      Statement statement;
      try {
        statement = connection.runningStatement();
        if (statement != null) {
          cancelQuietly(statement);
        }
      } finally {
        cancelEnded();
      }
      if (statement == null) {
        // Idle in transaction: closing the connection is the only way to end the transaction
        // (and free its locks) from this thread. The owner finds out on its next call.
        closedByTimeout = true;
        try {
          connection.jdbc().abort(Timers::runVirtual);
        } catch (SQLException | RuntimeException e) {
          // Cannot abort (SQLite): the owner rolls back on its next call instead.
        }
      }
    } finally {
      endLock.unlock();
    }
  }

  /** Whether {@code root} passed its deadline and has not been ended since. */
  boolean isExpired(Transaction root) {
    return expired == root && root.isActive();
  }

  /** Throws the transaction timeout, after ending the transaction, if its deadline passed. */
  void checkDeadline() {
    Transaction late = expired;
    if (late != null && late.isActive()) {
      connection.endTransactionQuietly();
      throw transactionTimedOut(null, null);
    }
  }

  TransactionTimeoutException transactionTimedOut(SQLException cause, String sql) {
    Duration limit = transactionTimeout;
    return new TransactionTimeoutException(
        "("
            + connection.engine().dialect().name()
            + ") The transaction ran longer than its "
            + limit.toMillis()
            + " ms timeout and was rolled back"
            + (closedByTimeout
                ? " (it was idle, so its connection was closed)"
                : " (the statement running was cancelled)")
            + ". Keep transactions short, or raise transaction_timeout (or"
            + " Connection.setTransactionTimeout)",
        cause,
        sql,
        limit);
  }

  void lockEnd() {
    endLock.lock();
  }

  void unlockEnd() {
    endLock.unlock();
  }

  // ---- lost connections ----

  /** Records the first failure that showed the server connection is gone. */
  void lost(DatabaseException error) {
    if (lost == null) {
      lost = error;
    }
  }

  /** The error for a call on a connection that can no longer be used. */
  OperationalException lostError() {
    String why =
        closedByTimeout
            ? "it was closed when its transaction timed out"
            : lost != null
                ? "it was lost: " + firstLine(lost.getMessage())
                : "its state is unknown";
    return new OperationalException(
        "("
            + connection.engine().dialect().name()
            + ") This connection cannot be used any more: "
            + why
            + ". Close it (it will not go back to the pool) and check out another one",
        null,
        null,
        false,
        true);
  }

  /** The connection was closed: stop its timers and its leak watch. */
  void released() {
    if (statementTimer != null) {
      statementTimer.cancel(false);
    }
    if (deadline != null) {
      deadline.cancel(false);
    }
    lease.release();
  }

  private static void cancelQuietly(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException | RuntimeException e) {
      // The statement finished meanwhile, or the driver cannot cancel: nothing left to do.
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
