package dev.retort.async.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future completed by work on a {@link Lane}, and the futures that depend on it: blocking on it
 * ({@link #get}, {@link #join}) from inside a task of that lane, typically a callback of the
 * connection's previous operation, runs the lane's queued tasks first rather than waiting forever
 * for them. Blocking elsewhere behaves as usual.
 */
public class LaneFuture<T> extends CompletableFuture<T> {
  private final Lane lane;

  /** A future whose work runs on {@code lane}; null for none (then it is a plain future). */
  public LaneFuture(Lane lane) {
    this.lane = lane;
  }

  private void help() {
    if (lane != null && !isDone()) {
      lane.helpUntil(this::isDone);
    }
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    help();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    help();
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    help();
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    // Dependent stages (thenApply, thenCompose, copy, ...) help too; they are plain futures
    // otherwise: cancelling them does not reach back to the work.
    return lane != null ? new LaneFuture<>(lane) : new CompletableFuture<>();
  }
}
