package dev.retort.async;

import dev.retort.orm.SessionFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Makes {@link AsyncSession}s on an {@link AsyncEngine}. By default sessions do not expire objects
 * on commit (so reading them afterwards never needs I/O) and never load relationships implicitly.
 * Immutable and thread-safe.
 */
public final class AsyncSessionFactory {
  private final AsyncEngine engine;
  private final SessionFactory sync;

  private AsyncSessionFactory(AsyncEngine engine, SessionFactory sync) {
    this.engine = engine;
    this.sync = sync;
  }

  /** A factory with the async defaults: no expire on commit, autoflush, no implicit loads. */
  public static AsyncSessionFactory of(AsyncEngine engine) {
    return new AsyncSessionFactory(
        engine, SessionFactory.of(engine.sync()).expireOnCommit(false).implicitLoads(false));
  }

  /**
   * Whether commit marks objects stale (default false). When true, the next query or get that meets
   * an object reloads it; plain field reads still never do I/O.
   */
  public AsyncSessionFactory expireOnCommit(boolean expire) {
    return new AsyncSessionFactory(engine, sync.expireOnCommit(expire));
  }

  /** Whether queries flush pending changes first (default true). */
  public AsyncSessionFactory autoflush(boolean flush) {
    return new AsyncSessionFactory(engine, sync.autoflush(flush));
  }

  /** Opens a session; it takes a connection only when its first operation needs one. */
  public AsyncSession open() {
    return new AsyncSession(sync.open(), engine.workers(), engine.workOnAcquirers());
  }

  /**
   * Runs {@code work} in a new session, commits when its stage completes, rolls back when it fails,
   * and closes the session either way.
   */
  public <T> CompletableFuture<T> inTransaction(
      Function<? super AsyncSession, ? extends CompletionStage<T>> work) {
    AsyncSession session = open();
    CompletionStage<T> stage;
    try {
      stage = work.apply(session);
    } catch (Throwable t) {
      stage = CompletableFuture.failedFuture(t);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            session.close().whenComplete((v, x) -> result.completeExceptionally(unwrap(failure)));
            return;
          }
          session
              .commit()
              .whenComplete(
                  (v, commitFailure) ->
                      session
                          .close()
                          .whenComplete(
                              (v2, closeFailure) -> {
                                if (commitFailure != null) {
                                  result.completeExceptionally(unwrap(commitFailure));
                                } else {
                                  result.complete(value);
                                }
                              }));
        });
    return result;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
