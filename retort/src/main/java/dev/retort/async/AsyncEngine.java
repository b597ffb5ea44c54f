package dev.retort.async;

import dev.retort.async.internal.CancellableFuture;
import dev.retort.async.internal.Workers;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.Row;
import dev.retort.sql.Executable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
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

  private AsyncEngine(Engine engine) {
    this.engine = engine;
    String name = "retort-" + engine.dialect().name();
    this.acquirers = Workers.virtual(name + "-acquire");
    this.workers =
        engine.dialect().driverPinsCarrierThreads()
            ? Workers.platform(name + "-worker", engine.options().poolSize())
            : Workers.virtual(name + "-worker");
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
    AtomicReference<Thread> waiter = new AtomicReference<>();
    CompletableFuture<AsyncConnection> future =
        new CancellableFuture<>(
            () -> {
              Thread thread = waiter.get();
              if (thread != null) {
                thread.interrupt();
              }
            });
    acquirers.execute(
        () -> {
          if (future.isDone()) {
            return;
          }
          waiter.set(Thread.currentThread());
          Connection connection;
          try {
            connection = engine.connect();
          } catch (Throwable t) {
            future.completeExceptionally(t);
            return;
          } finally {
            waiter.set(null);
            Thread.interrupted(); // a cancel that came late must not leak into the next task
          }
          if (!future.complete(new AsyncConnection(connection, workers))) {
            connection.close();
          }
        });
    return future;
  }

  /**
   * Runs {@code work} in a transaction on a fresh connection: commits when its stage completes
   * normally, rolls back when it fails or the returned future is cancelled, and always returns the
   * connection to the pool.
   */
  public <T> CompletableFuture<T> inTransaction(
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    return withConnection(connection -> connection.inTransaction(work));
  }

  /**
   * Runs {@code work} with a fresh connection and closes it when the work's stage completes,
   * whether it succeeded or not. Cancelling the returned future cancels the running statement.
   */
  public <T> CompletableFuture<T> withConnection(
      Function<? super AsyncConnection, ? extends CompletionStage<T>> work) {
    AtomicReference<AsyncConnection> current = new AtomicReference<>();
    CompletableFuture<AsyncConnection> acquiring = connect();
    CompletableFuture<T> result =
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
            result.completeExceptionally(AsyncConnection.unwrap(acquireFailure));
            return;
          }
          current.set(connection);
          AsyncConnection.stageOf(work, connection)
              .whenComplete(
                  (value, failure) ->
                      connection
                          .close()
                          .whenComplete(
                              (v, closeFailure) -> {
                                if (failure != null) {
                                  result.completeExceptionally(AsyncConnection.unwrap(failure));
                                } else if (closeFailure != null) {
                                  result.completeExceptionally(
                                      AsyncConnection.unwrap(closeFailure));
                                } else {
                                  result.complete(value);
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
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
  }

  /** The executor async work runs on; AsyncSession uses it too. */
  java.util.concurrent.Executor workers() {
    return workers;
  }

  @Override
  public String toString() {
    return "AsyncEngine(" + engine.url() + ")";
  }
}
