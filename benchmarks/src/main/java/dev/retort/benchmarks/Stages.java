package dev.retort.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** Small helpers for the asynchronous contenders. */
public final class Stages {
  private Stages() {}

  /**
   * Runs {@code count} steps one after another (each starts when the previous completed) and
   * completes with the sum of their results.
   */
  public static CompletionStage<Long> sequence(
      int count, IntFunction<? extends CompletionStage<Long>> step) {
    return sequence(0, count, 0L, step);
  }

  private static CompletionStage<Long> sequence(
      int index, int count, long sum, IntFunction<? extends CompletionStage<Long>> step) {
    if (index == count) {
      return CompletableFuture.completedFuture(sum);
    }
    return step.apply(index).thenCompose(value -> sequence(index + 1, count, sum + value, step));
  }

  /**
   * Runs an asynchronous transaction, and runs it again while it fails with an error {@link
   * Retry#isRetryable} accepts, up to {@link Retry#MAX_ATTEMPTS} times.
   */
  public static <T> CompletionStage<T> retrying(Supplier<? extends CompletionStage<T>> attempt) {
    return retrying(attempt, 1);
  }

  private static <T> CompletionStage<T> retrying(
      Supplier<? extends CompletionStage<T>> attempt, int number) {
    return attempt
        .get()
        .handle(
            (value, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(value);
              }
              if (number < Retry.MAX_ATTEMPTS && Retry.isRetryable(failure)) {
                Retry.count();
                Retry.debug(failure);
                Executor later =
                    CompletableFuture.delayedExecutor(
                        Retry.backoffMillis(number), TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(x -> retrying(attempt, number + 1));
              }
              return CompletableFuture.<T>failedFuture(failure);
            })
        .thenCompose(stage -> stage);
  }
}
