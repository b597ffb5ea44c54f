package dev.retort.orm;

import dev.retort.engine.Engine;
import java.util.function.Function;

/**
 * Makes sessions with the same options (SQLAlchemy's {@code sessionmaker}). Immutable and
 * thread-safe: share one per engine, open one session per unit of work.
 */
public final class SessionFactory {
  private final Engine engine;
  private final boolean expireOnCommit;
  private final boolean autoflush;
  private final boolean implicitLoads;

  private SessionFactory(
      Engine engine, boolean expireOnCommit, boolean autoflush, boolean implicitLoads) {
    this.engine = engine;
    this.expireOnCommit = expireOnCommit;
    this.autoflush = autoflush;
    this.implicitLoads = implicitLoads;
  }

  /** A factory with the defaults: expire on commit, autoflush, lazy collections load on access. */
  public static SessionFactory of(Engine engine) {
    return new SessionFactory(engine, true, true, true);
  }

  /**
   * Whether commit marks every object stale, so the next query or get that meets it reloads it
   * (default true).
   */
  public SessionFactory expireOnCommit(boolean expire) {
    return new SessionFactory(engine, expire, autoflush, implicitLoads);
  }

  /** Whether queries flush pending changes first (default true). */
  public SessionFactory autoflush(boolean flush) {
    return new SessionFactory(engine, expireOnCommit, flush, implicitLoads);
  }

  /**
   * Whether touching an unloaded LAZY collection loads it (default true); when false it raises
   * {@link UnloadedRelationshipException} naming the fixes, as in an AsyncSession.
   */
  public SessionFactory implicitLoads(boolean load) {
    return new SessionFactory(engine, expireOnCommit, autoflush, load);
  }

  /** The engine sessions use. */
  public Engine engine() {
    return engine;
  }

  /** Whether sessions expire objects on commit. */
  public boolean expiresOnCommit() {
    return expireOnCommit;
  }

  /** Opens a session; it takes a connection only when it first needs one. */
  public Session open() {
    return new Session(engine, expireOnCommit, autoflush, implicitLoads);
  }

  /**
   * Runs {@code work} in a new session and commits; rolls back when it throws. The session is
   * closed either way.
   */
  public <T> T inTransaction(Function<Session, T> work) {
    try (Session session = open()) {
      T value = work.apply(session);
      session.commit();
      return value;
    }
  }
}
