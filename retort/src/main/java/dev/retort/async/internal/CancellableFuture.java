package dev.retort.async.internal;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose work stops when the caller gives up on it, which a plain {@link CompletableFuture}
 * cannot do: {@link #cancel}, and completing it from outside ({@link #complete}, {@link
 * #completeExceptionally}, hence {@code orTimeout} and {@code completeOnTimeout}), run the abandon
 * action (cancel the running statement, interrupt a waiting acquisition). The work itself completes
 * it with {@link #settle} or {@link #fail}, which do not.
 *
 * <p>Given the {@link Lane} its work runs on, blocking on it (or on a stage depending on it) from
 * inside that lane runs the lane's queued tasks instead of waiting forever; see {@link LaneFuture}.
 */
public final class CancellableFuture<T> extends LaneFuture<T> {
  private final Runnable onAbandon;

  /** Creates a future, not tied to a lane, that runs {@code onAbandon} when the caller gives up. */
  public CancellableFuture(Runnable onAbandon) {
    this(null, onAbandon);
  }

  /**
   * Creates a future for work on {@code lane} (null: none) that runs {@code onAbandon} when the
   * caller gives up on it.
   */
  public CancellableFuture(Lane lane, Runnable onAbandon) {
    super(lane);
    this.onAbandon = onAbandon;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return abandoned(super.cancel(mayInterruptIfRunning));
  }

  @Override
  public boolean complete(T value) {
    return abandoned(super.complete(value));
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    return abandoned(super.completeExceptionally(failure));
  }

  /** Completes with the work's result; false when the caller already gave up on it. */
  public boolean settle(T value) {
    return super.complete(value);
  }

  /** Completes with the work's failure; false when the caller already gave up on it. */
  public boolean fail(Throwable failure) {
    return super.completeExceptionally(failure);
  }

  private boolean abandoned(boolean completedNow) {
    if (completedNow) {
      onAbandon.run();
    }
    return completedNow;
  }
}
