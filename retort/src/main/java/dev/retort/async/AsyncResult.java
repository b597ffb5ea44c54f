package dev.retort.async;

import dev.retort.async.internal.CancellableFuture;
import dev.retort.async.internal.LaneFuture;
import dev.retort.engine.Result;
import dev.retort.engine.Row;
import dev.retort.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rows streamed from a server-side cursor, read either in batches ({@link #fetch(int)}) or as a
 * {@link Flow.Publisher} with back-pressure ({@link #publisher()}). The connection stays busy until
 * the rows are read to the end, the subscription is cancelled, or {@link #close()} runs (closing
 * the connection does it too); then the cursor is closed and the connection is free again.
 * Cancelling a {@link #fetch} future cancels the fetch on the server, closes the cursor and rolls
 * back the transaction.
 */
public final class AsyncResult {
  private final AsyncConnection connection;
  private final Result result;
  private final Object operation;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicBoolean consumerAttached = new AtomicBoolean();
  // One reader of the cursor at a time: a fetch, the publisher's delivery loop, or a close.
  private final ReentrantLock cursorLock = new ReentrantLock();
  private Iterator<Row> rows;
  private volatile Runnable onFinish = () -> {};

  AsyncResult(AsyncConnection connection, Result result, Object operation) {
    this.connection = connection;
    this.result = result;
    this.operation = operation;
  }

  /** The column names of the rows. */
  public List<String> columns() {
    return result.columns();
  }

  /**
   * Fetches up to {@code max} more rows; an empty list means the end (the cursor is then closed).
   * Call again only after the previous fetch completed.
   */
  public CompletableFuture<List<Row>> fetch(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("fetch needs max >= 1, was " + max);
    }
    CancellableFuture<List<Row>> future =
        new CancellableFuture<>(connection.executor(), connection.connection()::cancel);
    Runnable read =
        () -> {
          cursorLock.lock();
          try {
            if (future.isDone()) {
              finish(true); // abandoned before it started
              return;
            }
            List<Row> batch = new ArrayList<>(Math.min(max, 1024));
            Iterator<Row> it = iterator();
            while (batch.size() < max && !finished.get() && it.hasNext()) {
              batch.add(it.next());
            }
            if (future.isDone()) {
              finish(true); // abandoned while reading: its transaction must end too
            } else if (batch.size() < max) {
              finish(false);
            }
            future.settle(batch);
          } catch (Throwable t) {
            finish(future.isDone());
            future.fail(t);
          } finally {
            cursorLock.unlock();
          }
        };
    try {
      connection.executor().execute(read);
    } catch (RejectedExecutionException e) {
      future.fail(new InvalidRequestException("The async engine is closed; cannot fetch"));
    }
    return future;
  }

  /** Reads every remaining row into memory. */
  public CompletableFuture<List<Row>> all() {
    return fetch(Integer.MAX_VALUE);
  }

  /**
   * The rows as a publisher for one subscriber: rows are fetched as the subscriber requests them,
   * and cancelling the subscription closes the cursor and frees the connection.
   *
   * @throws IllegalStateException when rows were already consumed another way
   */
  public Flow.Publisher<Row> publisher() {
    return subscriber -> {
      if (!consumerAttached.compareAndSet(false, true)) {
        reject(
            subscriber, new IllegalStateException("This streamed result already has a subscriber"));
        return;
      }
      new RowSubscription(subscriber).start();
    };
  }

  /**
   * Fails a subscriber that cannot be served, giving it the subscription the spec requires first.
   */
  static void reject(Flow.Subscriber<?> subscriber, Throwable failure) {
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
    subscriber.onError(failure);
  }

  /** Closes the cursor early and frees the connection. Idempotent. */
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> done = new LaneFuture<>(connection.executor());
    Runnable close =
        () -> {
          cursorLock.lock();
          try {
            finish(false);
          } finally {
            cursorLock.unlock();
            done.complete(null);
          }
        };
    try {
      connection.executor().execute(close);
    } catch (RejectedExecutionException e) {
      close.run(); // the engine is shutting down: close here rather than leak the cursor
    }
    return done;
  }

  /** Whether the cursor has been read to the end or closed. */
  public boolean isFinished() {
    return finished.get();
  }

  AsyncConnection connection() {
    return connection;
  }

  void onFinish(Runnable action) {
    this.onFinish = action;
  }

  private Iterator<Row> iterator() {
    if (rows == null) {
      rows = result.iterator();
    }
    return rows;
  }

  /** Closes the cursor without ending the connection's operation (the caller does). */
  void closeNow() {
    if (finished.compareAndSet(false, true)) {
      result.close();
    }
  }

  /** Closes the cursor and frees the connection; rolls back first when a caller gave up. */
  private void finish(boolean rollback) {
    if (finished.compareAndSet(false, true)) {
      try {
        result.close();
      } catch (RuntimeException e) {
        rollback = true; // the cursor's state is unknown: end its transaction
      } finally {
        if (rollback) {
          try {
            connection.connection().rollback();
          } catch (RuntimeException e) {
            // The connection is broken; closing it will discard it.
          }
        }
        connection.streamEnded(this);
        onFinish.run();
      }
    }
  }

  @Override
  public String toString() {
    return "AsyncResult(" + operation + (finished.get() ? ", finished)" : ", open)");
  }

  /** Delivers rows on the connection's worker as demand arrives (a work-in-progress loop). */
  private final class RowSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super Row> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private boolean done;

    RowSubscription(Flow.Subscriber<? super Row> subscriber) {
      this.subscriber = subscriber;
    }

    void start() {
      subscriber.onSubscribe(this);
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException("request(" + n + "): n must be positive (§3.9)");
      } else {
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      }
      schedule();
    }

    @Override
    public void cancel() {
      cancelled = true;
      schedule();
    }

    private void schedule() {
      if (wip.getAndIncrement() == 0) {
        try {
          connection.executor().execute(this::drain);
        } catch (RuntimeException e) {
          terminate(new InvalidRequestException("The async engine is closed"));
        }
      }
    }

    private void drain() {
      cursorLock.lock();
      try {
        drainLocked();
      } finally {
        cursorLock.unlock();
      }
    }

    private void drainLocked() {
      int missed = 1;
      do {
        if (!done) {
          if (cancelled) {
            done = true;
            finish(false);
          } else if (badRequest != null) {
            terminate(badRequest);
          } else {
            long requested = demand.get();
            long emitted = 0;
            try {
              Iterator<Row> it = iterator();
              while (emitted < requested && !cancelled) {
                if (!it.hasNext()) {
                  terminate(null);
                  break;
                }
                subscriber.onNext(it.next());
                emitted++;
              }
            } catch (Throwable t) {
              terminate(t);
            }
            if (emitted > 0) {
              demand.addAndGet(-emitted);
            }
          }
        }
        missed = wip.addAndGet(-missed);
      } while (missed != 0);
    }

    private void terminate(Throwable failure) {
      if (done) {
        return;
      }
      done = true;
      finish(false);
      if (failure == null) {
        subscriber.onComplete();
      } else {
        subscriber.onError(failure);
      }
    }
  }
}
