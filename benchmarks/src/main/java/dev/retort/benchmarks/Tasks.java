package dev.retort.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs a workload's concurrent tasks: blocking tasks on virtual threads (on platform threads, one
 * per pooled connection, for SQLite, whose driver pins a virtual thread's carrier in native code),
 * and asynchronous tasks as futures started all at once.
 */
public final class Tasks implements AutoCloseable {
  /** One blocking task: returns its part of the checksum. */
  @FunctionalInterface
  public interface Task {
    /** Runs task number {@code index}. */
    long run(int index) throws Exception;
  }

  private final ExecutorService platform;
  private final Duration timeout;

  /**
   * Creates a runner.
   *
   * @param platformThreads run blocking tasks on this many platform threads; 0 for virtual threads
   * @param timeout the longest a whole run may take
   */
  public Tasks(int platformThreads, Duration timeout) {
    this.platform =
        platformThreads > 0
            ? Executors.newFixedThreadPool(
                platformThreads, Thread.ofPlatform().daemon().name("bench-", 0).factory())
            : null;
    this.timeout = timeout;
  }

  /** Runs {@code count} blocking tasks concurrently and returns the sum of their results. */
  public long run(int count, Task task) throws Exception {
    ExecutorService executor =
        platform != null ? platform : Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<Long>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(executor.submit(() -> task.run(index)));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      long sum = 0;
      try {
        for (Future<Long> future : futures) {
          sum += future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      } catch (ExecutionException | TimeoutException | InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        throw unwrap(e);
      }
      return sum;
    } finally {
      if (platform == null) {
        executor.shutdownNow();
      }
    }
  }

  /** Starts {@code count} asynchronous tasks at once and returns the sum of their results. */
  public long runAsync(int count, IntFunction<? extends CompletionStage<Long>> task)
      throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      futures.add(task.apply(i).toCompletableFuture());
    }
    return sum(futures);
  }

  /** Waits for one asynchronous result, at most the run timeout. */
  public <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      stage.toCompletableFuture().cancel(true);
      throw unwrap(e);
    }
  }

  private long sum(List<CompletableFuture<Long>> futures) throws Exception {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    try {
      all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      throw unwrap(e);
    }
    long sum = 0;
    for (CompletableFuture<Long> future : futures) {
      sum += future.join();
    }
    return sum;
  }

  private Exception unwrap(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return e;
    }
    if (e instanceof TimeoutException) {
      return new TimeoutException("the run took longer than " + timeout.toSeconds() + " s");
    }
    Throwable cause = e.getCause();
    while ((cause instanceof ExecutionException
            || cause instanceof java.util.concurrent.CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof Exception ex ? ex : new ExecutionException(cause);
  }

  @Override
  public void close() {
    if (platform != null) {
      platform.shutdownNow();
    }
  }
}
