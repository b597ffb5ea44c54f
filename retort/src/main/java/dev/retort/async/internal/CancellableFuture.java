package dev.retort.async.internal;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose {@link #cancel} also stops the work behind it (cancels the running statement,
 * interrupts a waiting acquisition), which a plain {@link CompletableFuture} cannot do.
 */
public final class CancellableFuture<T> extends CompletableFuture<T> {
  private final Runnable onCancel;

  /** Creates a future that runs {@code onCancel} when it is cancelled. */
  public CancellableFuture(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      onCancel.run();
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    // Dependent stages are plain futures: cancelling them does not reach back to the work.
    return new CompletableFuture<>();
  }
}
