package dev.retort.engine.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer thread for every engine: statement and transaction timeouts and periodic checks.
 * An action that may block (cancelling a statement opens a connection on some drivers) runs on a
 * virtual thread of its own, so one slow cancel never delays another timeout.
 */
public final class Timers {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private Timers() {}

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("retort-timer").factory());
    // Most timeouts are cancelled because the work ended in time: drop them at once.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /** Runs {@code action} on a new virtual thread after {@code delay}, unless cancelled first. */
  public static ScheduledFuture<?> schedule(Duration delay, Runnable action) {
    return TIMER.schedule(
        () -> runVirtual(action), Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** Runs a short, non-blocking {@code check} on the timer thread every {@code period}. */
  public static ScheduledFuture<?> every(Duration period, Runnable check) {
    long nanos = Math.max(1_000_000, period.toNanos());
    return TIMER.scheduleAtFixedRate(
        () -> {
          try {
            check.run();
          } catch (RuntimeException e) {
            // A failed check must not cancel the next ones.
          }
        },
        nanos,
        nanos,
        TimeUnit.NANOSECONDS);
  }

  /** Runs {@code action} on a new virtual thread. */
  public static void runVirtual(Runnable action) {
    Thread.ofVirtual().name("retort-timer-task").start(action);
  }
}
