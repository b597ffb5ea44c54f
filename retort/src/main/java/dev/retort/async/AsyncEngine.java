package dev.retort.async;

import dev.retort.async.internal.CancellableFuture;
import dev.retort.async.internal.Lane;
import dev.retort.async.internal.WaitingThread;
import dev.retort.async.internal.Workers;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.RetryPolicy;
import dev.retort.engine.Row;
import dev.retort.engine.internal.CallSite;
import dev.retort.error.InvalidRequestException;
import dev.retort.sql.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The async face of an {@link Engine}: connections whose operations return futures and run on
 * virtual threads over the sync core (on platform threads for a driver that pins carriers, such as
 * SQLite's). Many tasks, each with its own connection, run concurrently, bounded by the pool;
 * waiting for a pooled connection parks a virtual thread, not a carrier. Thread-safe; create one
 * per database and close it at shutdown.
 */
public final class AsyncEngine implements AutoCloseable {
  private final Engine engine;
  private final ExecutorService acquirers;
  private final ExecutorService workers;

  /**
   * Whether a connection's work may run on the virtual thread that acquired it. Then a task that
   * acquires a connection and runs a chain of operations on it wakes no other thread; with a driver
   * that pins carriers the work must move to the platform workers.
   */
  private final boolean workOnAcquirers;

  /** Connections' work running on acquirer threads, which {@link #close()} waits for too. */
  private final AtomicInteger drainsOnAcquirers = new AtomicInteger();

  private AsyncEngine(Engine engine) {
    this.engine = engine;
    String name = "retort-" + engine.dialect().name();
    this.acquirers = Workers.virtual(name + "-acquire");
    this.workOnAcquirers = !engine.dialect().driverPinsCarrierThreads();
    this.workers =
        workOnAcquirers
            ? Workers.virtual(name + "-worker")
            : Workers.platform(name + "-worker", engine.options().poolSize());
  }

  /** Creates an async engine for a database URL with default options. */
  public static AsyncEngine create(String url) {
    return new AsyncEngine(Engine.create(url));
  }

  /**
   * Creates an async engine for a database URL; see {@link Engine#create(String, EngineOptions)}.
   */
  public static AsyncEngine create(String url, EngineOptions options) {
    return new AsyncEngine(Engine.create(url, options));
  }

  /** Wraps an existing engine; closing the async engine closes it. */
  public static AsyncEngine of(Engine engine) {
    return new AsyncEngine(engine);
  }

  /** The sync engine underneath, sharing the same pool. */
  public Engine sync() {
    return engine;
  }

  /**
   * Checks out a connection, completing when one is free (or failing after the acquire timeout).
   * Cancelling the future stops the wait; a connection that arrives for a cancelled request goes
   * straight back to the pool.
   */
  public CompletableFuture<AsyncConnection> connect() {
    return connect(callSite());
  }

  /**
   * Where the caller's code is, captured on its thread: the engine's checkout report and leak
   * warnings name it rather than the worker thread that takes the connection later.
   */
  private CallSite callSite() {
    return CallSite.capture(engine.options().traceCheckouts(), "AsyncConnection");
  }

  private CompletableFuture<AsyncConnection> connect(CallSite site) {
    WaitingThread waiting = new WaitingThread();
    CancellableFuture<AsyncConnection> future = new CancellableFuture<>(waiting::abandon);
    try {
      acquirers.execute(
          () -> {
            if (!waiting.enter()) {
              return;
            }
            Connection connection;
            try {
              connection = CallSite.using(site, engine::connect);
            } catch (Throwable t) {
              waiting.leave();
              future.fail(t);
              return;
            }
            waiting.leave();
            Lane lane = new Lane(workers);
            AsyncConnection async = new AsyncConnection(connection, lane);
            Runnable handOver =
                () -> {
                  if (!future.settle(async)) {
                    connection.close();
                  }
                };
            if (workOnAcquirers) {
              // The caller's callbacks run here, and the operations they start run right after
              // on this same thread, instead of waking a worker.
              drainsOnAcquirers.incrementAndGet();
              try {
                lane.runHere(handOver);
              } finally {
                drainsOnAcquirers.decrementAndGet();
              }
            } else {
              handOver.run();
            }
          });
    } catch (RejectedExecutionException e) {
      future.fail(new InvalidRequestException("The async engine is closed; cannot connect"));
    }
    return future;
  }

  /**
   * Runs {@code work} in a transaction on a fresh connection: commits when its stage completes
   * normally, rolls back when it fails or the returned future is cancelled, and always returns the
   * connection to the pool.
   */
  public <T> CompletableFuture<T> inTransaction(
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    return withConnection(callSite(), connection -> connection.inTransaction(work));
  }

  /**
   * Runs {@code work} in a transaction like {@link #inTransaction(Function)}, and runs it again on
   * a fresh connection when it fails in a way the policy retries (serialization failure, deadlock,
   * lock wait timeout), after a backoff with jitter that does not block any thread. A failure that
   * is not retryable, a connection lost during COMMIT (whose outcome is unknown) or the last
   * attempt's failure completes the future; earlier failures are attached as suppressed exceptions.
   * Cancelling the future cancels the attempt running and stops the retries.
   */
  public <T> CompletableFuture<T> inTransaction(
      RetryPolicy retry, Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    AtomicReference<CompletableFuture<T>> attempt = new AtomicReference<>();
    CancellableFuture<T> result =
        new CancellableFuture<>(
            () -> {
              CompletableFuture<T> running = attempt.get();
              if (running != null) {
                running.cancel(true);
              }
            });
    attempt(callSite(), retry, work, 1, new ArrayList<>(), attempt, result);
    return result;
  }

  private <T> void attempt(
      CallSite site,
      RetryPolicy retry,
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work,
      int number,
      List<Throwable> earlier,
      AtomicReference<CompletableFuture<T>> current,
      CancellableFuture<T> result) {
    AtomicBoolean committing = new AtomicBoolean();
    CompletableFuture<T> attempt;
    try {
      attempt = withConnection(site, connection -> connection.inTransaction(work, committing));
    } catch (RuntimeException e) {
      result.fail(e);
      return;
    }
    current.set(attempt);
    if (result.isDone()) {
      attempt.cancel(true); // cancelled while this attempt was being started
    }
    attempt.whenComplete(
        (value, f) -> {
          if (f == null) {
            result.settle(value);
            return;
          }
          Throwable failure = AsyncConnection.unwrap(f);
          if (result.isDone() || !retry.shouldRetry(failure, number, committing.get())) {
            earlier.forEach(failure::addSuppressed);
            result.fail(failure);
            return;
          }
          if (earlier.size() < 10) {
            earlier.add(failure);
          }
          Executor later =
              CompletableFuture.delayedExecutor(
                  retry.backoff(number).toNanos(), TimeUnit.NANOSECONDS, acquirers);
          try {
            later.execute(() -> attempt(site, retry, work, number + 1, earlier, current, result));
          } catch (RejectedExecutionException closed) {
            result.fail(failure);
          }
        });
  }

  /**
   * Runs {@code work} with a fresh connection and closes it when the work's stage completes,
   * whether it succeeded or not. Cancelling the returned future cancels the running statement.
   */
  public <T> CompletableFuture<T> withConnection(
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    return withConnection(callSite(), work);
  }

  private <T> CompletableFuture<T> withConnection(
      CallSite site, Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    AtomicReference<AsyncConnection> current = new AtomicReference<>();
    CompletableFuture<AsyncConnection> acquiring = connect(site);
    CancellableFuture<T> result =
        new CancellableFuture<>(
            () -> {
              acquiring.cancel(false);
              AsyncConnection connection = current.get();
              if (connection != null) {
                connection.connection().cancel();
              }
            });
    acquiring.whenComplete(
        (connection, acquireFailure) -> {
          if (acquireFailure != null) {
            result.fail(AsyncConnection.unwrap(acquireFailure));
            return;
          }
          current.set(connection);
          if (result.isDone()) {
            connection.close(); // the caller gave up while the connection was on its way
            return;
          }
          AsyncConnection.stageOf(work, connection)
              .whenComplete(
                  (value, failure) ->
                      connection
                          .close()
                          .whenComplete(
                              (v, closeFailure) -> {
                                if (failure != null) {
                                  result.fail(AsyncConnection.unwrap(failure));
                                } else if (closeFailure != null) {
                                  result.fail(AsyncConnection.unwrap(closeFailure));
                                } else {
                                  result.settle(value);
                                }
                              }));
        });
    return result;
  }

  /**
   * Streams a query's rows on a connection of its own, taken when a subscriber subscribes and
   * returned when the rows end, fail, or the subscription is cancelled.
   */
  public Flow.Publisher<Row> stream(Executable statement, Map<String, ?> parameters) {
    return subscriber ->
        connect()
            .thenCompose(
                connection ->
                    connection.stream(statement, parameters)
                        .whenComplete(
                            (rows, failure) -> {
                              if (failure != null) {
                                connection.close();
                              }
                            }))
            .whenComplete(
                (rows, failure) -> {
                  if (failure != null) {
                    AsyncResult.reject(subscriber, AsyncConnection.unwrap(failure));
                  } else {
                    rows.onFinish(() -> rows.connection().close());
                    rows.publisher().subscribe(subscriber);
                  }
                });
  }

  /**
   * Stops accepting work, waits briefly for running operations, and closes the pool and every
   * connection in it.
   */
  @Override
  public void close() {
    acquirers.shutdown();
    workers.shutdown();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      workers.awaitTermination(10, TimeUnit.SECONDS);
      // Not all acquirers: one may wait for the pool, which only closing the engine ends; only
      // those running a connection's work (see workOnAcquirers). Lanes refuse new work already.
      while (drainsOnAcquirers.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
  }

  /** The executor async work runs on; AsyncSession uses it too. */
  ExecutorService workers() {
    return workers;
  }

  /** Whether work may run on the virtual thread that acquired its connection. */
  boolean workOnAcquirers() {
    return workOnAcquirers;
  }

  @Override
  public String toString() {
    return "AsyncEngine(" + engine.url() + ")";
  }
}
