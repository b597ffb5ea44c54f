package dev.retort.async.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs the tasks of one connection (or session) one after another, on one worker thread at a time,
 * without waking another thread between them.
 *
 * <p>A task submitted while the lane is idle starts a drain on the workers; the drain keeps running
 * queued tasks until none is left. An operation's future completes inside the drain, so a callback
 * that submits the connection's next operation (a {@code thenCompose} chain) only queues it, and
 * the same thread runs it as soon as the callback has returned: no hand-off to another thread, and
 * no stack growth however long the chain. A drain never blocks between tasks.
 *
 * <p>A callback running in the drain that blocks on a later task of the same lane would wait
 * forever (that task runs only after the callback returns), so the lane's futures ({@link
 * LaneFuture}) make such a wait run the queued tasks itself ({@link #helpUntil}).
 */
public final class Lane implements Executor {
  private final ExecutorService workers;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

  /**
   * Tasks submitted and not yet finished, the one running included. Incremented after the task is
   * in the queue (or, for {@link #runHere}, about to run), so a drain that sees it above zero after
   * a task finds the next one queued.
   */
  private final AtomicInteger pending = new AtomicInteger();

  /** The thread running one of this lane's tasks, if any. */
  private volatile Thread drainer;

  /** A lane whose drains run on {@code workers}. */
  public Lane(ExecutorService workers) {
    this.workers = workers;
  }

  /**
   * Queues a task; starts a drain on the workers when none is running.
   *
   * @throws RejectedExecutionException when the workers were shut down
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (workers.isShutdown()) {
      throw new RejectedExecutionException("The workers were shut down");
    }
    queue.add(task);
    if (pending.getAndIncrement() == 0) {
      try {
        workers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // Shut down meanwhile: the caller learns this task was refused; tasks that others queued
        // behind it (believing a drain would run them) run here rather than never.
        queue.remove(task);
        if (pending.decrementAndGet() != 0) {
          runFrom(queue.poll());
        }
        throw e;
      }
    }
  }

  /**
   * Runs a task on the calling thread when the lane is idle, then, still here, whatever it and its
   * callbacks queue; queues it like {@link #execute} when the lane is busy. Only for a thread that
   * may run the lane's work (a virtual thread when the workers are virtual threads).
   */
  public void runHere(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (pending.compareAndSet(0, 1)) {
      runFrom(task);
    } else {
      execute(task);
    }
  }

  private void drain() {
    runFrom(queue.poll());
  }

  /** Runs {@code first} (already counted), then queued tasks until the count drops to zero. */
  private void runFrom(Runnable first) {
    Thread current = Thread.currentThread();
    Runnable task = first;
    do {
      // A stale interrupt from the previous task must not reach this one (an interrupted virtual
      // thread closes the socket it blocks on).
      Thread.interrupted();
      drainer = current;
      run(task);
      drainer = null; // before the count may drop to zero and another thread start a drain
    } while (pending.decrementAndGet() != 0 && (task = queue.poll()) != null);
  }

  /**
   * Lets a thread that is about to block until {@code done} holds help instead: when it is running
   * one of this lane's tasks (a callback that waits for the connection's next operation, say), it
   * runs the tasks queued behind, in order, until {@code done} holds or none is left. Otherwise, or
   * afterwards, the caller blocks as usual. Without this, such a wait would never end: the queued
   * task runs only after the waiting one returns.
   */
  public void helpUntil(BooleanSupplier done) {
    if (drainer != Thread.currentThread()) {
      return;
    }
    Runnable task;
    while (!done.getAsBoolean() && (task = queue.poll()) != null) {
      run(task);
      // The task this thread is inside still counts, so this never drops to zero here.
      pending.decrementAndGet();
    }
  }

  private static void run(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      Thread current = Thread.currentThread();
      current.getUncaughtExceptionHandler().uncaughtException(current, t);
    }
  }
}
