package dev.retort.async;

import dev.retort.async.internal.CancellableFuture;
import dev.retort.async.internal.Lane;
import dev.retort.async.internal.LaneFuture;
import dev.retort.async.internal.OperationName;
import dev.retort.dialect.IsolationLevel;
import dev.retort.engine.Connection;
import dev.retort.engine.ConnectionCallback;
import dev.retort.engine.Result;
import dev.retort.error.InvalidRequestException;
import dev.retort.sql.Executable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The async face of a {@link Connection}: every method returns a future and runs on a worker
 * thread. A connection runs one operation at a time: calling a method while another is still
 * running throws {@link IllegalStateException} at once, naming both operations. Give each
 * concurrent task its own connection.
 *
 * <p>Cancelling a returned future, or completing it yourself (with {@code orTimeout}, say), cancels
 * the statement on the server and rolls back the transaction; the connection stays usable. A commit
 * already sent is not stopped: its outcome stands although the future reports the cancellation.
 * Always {@link #close()} the connection, which returns it to the pool.
 *
 * <p>Callbacks attached to its futures normally run on the connection's worker thread, and an
 * operation called from such a callback (a {@code thenCompose} chain) runs right after the callback
 * returns, on that same thread: a chain of operations wakes no other thread. Keep callbacks short;
 * a callback that blocks on a later operation of this connection runs it itself rather than
 * deadlocking.
 */
public final class AsyncConnection {
  private final Connection connection;
  private final Lane lane;

  /** The operation running, or null; its name is rendered only for a message. */
  private final AtomicReference<Object> inFlight = new AtomicReference<>();

  private final CompletableFuture<Void> closed;
  private volatile boolean closeRequested;
  private volatile AsyncResult openStream;

  AsyncConnection(Connection connection, Lane lane) {
    this.connection = connection;
    this.lane = lane;
    this.closed = new LaneFuture<>(lane);
  }

  /** Runs a statement without parameters; see {@link #execute(Executable, Map)}. */
  public CompletableFuture<Result> execute(Executable statement) {
    return execute(statement, Map.of());
  }

  /**
   * Runs a statement and completes with its result, all rows in memory (no I/O when reading it).
   *
   * @throws IllegalStateException at once when another operation is running on this connection
   */
  public CompletableFuture<Result> execute(Executable statement, Map<String, ?> parameters) {
    return submitNamed(
        OperationName.of(() -> "execute(" + describe(statement) + ")"),
        c -> c.execute(statement, parameters));
  }

  /** Reads every row of a query straight into {@code type}; see {@link Connection#fetch}. */
  public <R> CompletableFuture<List<R>> fetch(Executable statement, Class<R> type) {
    return fetch(statement, Map.of(), type);
  }

  /**
   * Runs a query and completes with every row read straight into {@code type} (a record, or the
   * first column); see {@link Connection#fetch(Executable, Map, Class)}.
   */
  public <R> CompletableFuture<List<R>> fetch(
      Executable statement, Map<String, ?> parameters, Class<R> type) {
    return submitNamed(
        OperationName.of(() -> "fetch(" + describe(statement) + ")"),
        c -> c.fetch(statement, parameters, type));
  }

  /** Reads the only row of a query into {@code type}; see {@link Connection#fetchOne}. */
  public <R> CompletableFuture<R> fetchOne(Executable statement, Class<R> type) {
    return fetchOne(statement, Map.of(), type);
  }

  /**
   * Runs a query and completes with its only row read into {@code type}; fails with {@code
   * NoResultException} or {@code MultipleResultsException} otherwise. See {@link
   * Connection#fetchOne(Executable, Map, Class)}.
   */
  public <R> CompletableFuture<R> fetchOne(
      Executable statement, Map<String, ?> parameters, Class<R> type) {
    return submitNamed(
        OperationName.of(() -> "fetchOne(" + describe(statement) + ")"),
        c -> c.fetchOne(statement, parameters, type));
  }

  /** Runs a statement once per parameter map as one batch; see {@link Connection#executeMany}. */
  public CompletableFuture<Result> executeMany(
      Executable statement, List<? extends Map<String, ?>> parameterSets) {
    return submitNamed(
        OperationName.of(() -> "executeMany(" + describe(statement) + ")"),
        c -> c.executeMany(statement, parameterSets));
  }

  /** Streams a query's rows; see {@link #stream(Executable, Map, int)}. */
  public CompletableFuture<AsyncResult> stream(Executable statement, Map<String, ?> parameters) {
    return stream(statement, parameters, Connection.DEFAULT_FETCH_SIZE);
  }

  /**
   * Runs a query and completes with a result that fetches rows through a cursor as they are
   * consumed. The connection stays busy until the result is read to the end or closed.
   */
  public CompletableFuture<AsyncResult> stream(
      Executable statement, Map<String, ?> parameters, int fetchSize) {
    OperationName operation = OperationName.of(() -> "stream(" + describe(statement) + ")");
    CancellableFuture<AsyncResult> future = new CancellableFuture<>(lane, connection::cancel);
    enter(operation);
    run(
        future,
        () -> {
          Result result = connection.stream(statement, parameters, fetchSize);
          // The operation stays in flight until the AsyncResult finishes.
          AsyncResult stream = new AsyncResult(this, result, operation);
          openStream = stream;
          return stream;
        },
        false);
    return future;
  }

  /** Begins the root transaction; see {@link Connection#begin()}. */
  public CompletableFuture<AsyncTransaction> begin() {
    return submit("begin()", c -> new AsyncTransaction(this, c.begin()));
  }

  /**
   * Begins the root transaction at an isolation level; see {@link
   * Connection#begin(IsolationLevel)}.
   */
  public CompletableFuture<AsyncTransaction> begin(IsolationLevel isolation) {
    return submit("begin(" + isolation + ")", c -> new AsyncTransaction(this, c.begin(isolation)));
  }

  /** Begins a nested transaction (a SAVEPOINT); see {@link Connection#beginNested()}. */
  public CompletableFuture<AsyncTransaction> beginNested() {
    return submit("beginNested()", c -> new AsyncTransaction(this, c.beginNested()));
  }

  /** Commits the root transaction, if one is going. */
  public CompletableFuture<Void> commit() {
    return submit(
        "commit()",
        c -> {
          c.commit();
          return null;
        });
  }

  /** Rolls back the root transaction, if one is going. */
  public CompletableFuture<Void> rollback() {
    return submit(
        "rollback()",
        c -> {
          c.rollback();
          return null;
        });
  }

  /** Sets the connection's isolation level; see {@link Connection#setIsolationLevel}. */
  public CompletableFuture<Void> setIsolationLevel(IsolationLevel level) {
    return submit(
        "setIsolationLevel(" + level + ")",
        c -> {
          c.setIsolationLevel(level);
          return null;
        });
  }

  /**
   * Sets how long each statement on this connection may run from its next operation on; see {@link
   * Connection#setStatementTimeout}. A timed-out statement fails its future with {@link
   * dev.retort.error.StatementTimeoutException} after the transaction was rolled back.
   */
  public void setStatementTimeout(Duration timeout) {
    connection.setStatementTimeout(timeout);
  }

  /**
   * Maps schema names for this connection's expression-language statements from its next operation
   * on, e.g. {@code Map.of("", "tenant_42")}; see {@link Connection#setSchemaTranslation}.
   */
  public void setSchemaTranslation(Map<String, String> schemas) {
    connection.setSchemaTranslation(schemas);
  }

  /**
   * Sets how long transactions that begin on this connection from now on may last; see {@link
   * Connection#setTransactionTimeout}.
   */
  public void setTransactionTimeout(Duration timeout) {
    connection.setTransactionTimeout(timeout);
  }

  /**
   * Runs {@code work} in a transaction: begins, lets it compose operations on this connection,
   * commits when its stage completes normally and rolls back when it fails or the returned future
   * is cancelled. Begins a SAVEPOINT when a transaction is already going.
   */
  public <T> CompletableFuture<T> inTransaction(
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    return inTransaction(work, new AtomicBoolean());
  }

  /** Like {@link #inTransaction(Function)}; sets {@code committing} when the commit starts. */
  <T> CompletableFuture<T> inTransaction(
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work,
      AtomicBoolean committing) {
    CompletableFuture<AsyncTransaction> begun =
        submit(
            "inTransaction()",
            c -> new AsyncTransaction(this, c.inTransaction() ? c.beginNested() : c.begin()));
    CancellableFuture<T> result = new CancellableFuture<>(lane, connection::cancel);
    begun.whenComplete(
        (tx, beginFailure) -> {
          if (beginFailure != null) {
            result.fail(unwrap(beginFailure));
            return;
          }
          stageOf(work, this)
              .whenComplete(
                  (value, failure) -> {
                    if (failure == null && !result.isDone()) {
                      committing.set(true);
                      tx.commit()
                          .whenComplete(
                              (v, commitFailure) -> {
                                if (commitFailure != null) {
                                  result.fail(unwrap(commitFailure));
                                } else {
                                  result.settle(value);
                                }
                              });
                    } else {
                      Throwable cause =
                          failure != null
                              ? unwrap(failure)
                              : new java.util.concurrent.CancellationException();
                      rollbackAfterFailure(tx)
                          .whenComplete(
                              (v, rollbackFailure) -> {
                                if (rollbackFailure != null) {
                                  cause.addSuppressed(unwrap(rollbackFailure));
                                }
                                result.fail(cause);
                              });
                    }
                  });
        });
    return result;
  }

  private CompletableFuture<Void> rollbackAfterFailure(AsyncTransaction tx) {
    // The failed stage may still hold the connection (e.g. it was cancelled and the worker is
    // cleaning up); wait for it rather than failing with "busy".
    return whenIdle()
        .thenCompose(x -> tx.isActive() ? tx.rollback() : CompletableFuture.completedFuture(null));
  }

  /**
   * Runs blocking code with the sync {@link Connection} on this connection's worker, the way
   * SQLAlchemy's {@code run_sync} does. The code must not close the connection or keep it.
   */
  public <T> CompletableFuture<T> runSync(ConnectionCallback<T, ? extends Exception> work) {
    return submit("runSync()", work::apply);
  }

  /** Whether an operation (or an open stream) is running on this connection. */
  public boolean isBusy() {
    return inFlight.get() != null;
  }

  /**
   * Rolls back anything uncommitted and returns the connection to the pool. When an operation is
   * still running (one being cancelled, say), the connection closes as soon as it ends. Idempotent.
   */
  public CompletableFuture<Void> close() {
    closeRequested = true;
    if (inFlight.compareAndSet(null, "close()")) {
      runClose();
    } else {
      AsyncResult stream = openStream;
      if (stream != null) {
        stream.close(); // an open stream would keep the connection busy forever
      }
    }
    return closed.copy();
  }

  /** Whether the connection has been closed and returned to the pool. */
  public boolean isClosed() {
    return closed.isDone();
  }

  // ---- the one-operation-at-a-time machinery ----

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws Exception;
  }

  <T> CompletableFuture<T> submit(String operation, Work<T> work) {
    return submitNamed(operation, work);
  }

  /** Like {@link #submit}, for an operation whose name is costly to spell out: an OperationName. */
  private <T> CompletableFuture<T> submitNamed(Object operation, Work<T> work) {
    CancellableFuture<T> future = new CancellableFuture<>(lane, connection::cancel);
    enter(operation);
    run(future, () -> work.run(connection), true);
    return future;
  }

  private void enter(Object operation) {
    if (closeRequested) {
      throw new InvalidRequestException(
          "This AsyncConnection is closed; "
              + operation
              + " needs a new one from engine.connect()");
    }
    Object running = inFlight.compareAndExchange(null, operation);
    if (running != null) {
      throw new IllegalStateException(
          "AsyncConnection is busy: "
              + operation
              + " was called while "
              + running
              + " is still running. A connection runs one operation at a time: wait for the"
              + " previous future (thenCompose) before the next call, or give each concurrent task"
              + " its own connection from engine.connect()");
    }
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  private <T> void run(CancellableFuture<T> future, Step<T> step, boolean releaseAfter) {
    try {
      lane.execute(
          () -> {
            T value = null;
            Throwable failure = null;
            if (!future.isDone()) {
              try {
                value = step.run();
              } catch (Throwable t) {
                failure = t;
              }
            }
            // Only this worker settles the future: if it is done already, the caller gave up on it
            // (cancel, orTimeout, complete) and nobody will end what the step left open.
            boolean abandoned = future.isDone();
            if (abandoned) {
              endAfterCancel(value);
            }
            if (releaseAfter || abandoned || failure != null) {
              exit();
            }
            if (failure != null) {
              future.fail(failure);
            } else {
              future.settle(value);
            }
          });
    } catch (RejectedExecutionException e) {
      exit();
      future.fail(
          new InvalidRequestException("The async engine is closed; cannot run the operation"));
    }
  }

  /** A cancelled operation ends its transaction; an orphaned stream is closed. */
  private void endAfterCancel(Object value) {
    if (value instanceof AsyncResult stream) {
      openStream = null;
      stream.closeNow();
    }
    try {
      connection.rollback();
    } catch (RuntimeException e) {
      // The connection is broken; close() will discard it instead of pooling it.
    }
  }

  /** The stream that held the connection finished. */
  void streamEnded(AsyncResult stream) {
    if (openStream == stream) {
      openStream = null;
    }
    exit();
  }

  /** Ends the operation in flight; runs a close that was asked for meanwhile. */
  void exit() {
    if (closeRequested) {
      inFlight.set("close()");
      runClose();
    } else {
      inFlight.set(null);
      CompletableFuture<Void> waiter = idleWaiter.getAndSet(null);
      if (waiter != null) {
        waiter.complete(null);
      }
    }
  }

  private final AtomicReference<CompletableFuture<Void>> idleWaiter = new AtomicReference<>();

  private CompletableFuture<Void> whenIdle() {
    CompletableFuture<Void> waiter = new LaneFuture<>(lane);
    idleWaiter.set(waiter);
    if (inFlight.get() == null && idleWaiter.compareAndSet(waiter, null)) {
      return CompletableFuture.completedFuture(null);
    }
    return waiter;
  }

  private void runClose() {
    Runnable close =
        () -> {
          try {
            connection.close();
            closed.complete(null);
          } catch (Throwable t) {
            closed.completeExceptionally(t);
          }
        };
    try {
      lane.execute(close);
    } catch (RejectedExecutionException e) {
      close.run(); // the engine is shutting down: close here rather than leak the connection
    }
  }

  /** Where this connection's work runs: one task at a time, in order. */
  Lane executor() {
    return lane;
  }

  Connection connection() {
    return connection;
  }

  private static String describe(Executable statement) {
    String text = statement.toString().replaceAll("\\s+", " ").trim();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  /** Applies user work, turning an exception it throws into a failed stage. */
  static <T> CompletionStage<T> stageOf(
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work,
      AsyncConnection connection) {
    try {
      return work.apply(connection);
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
