package dev.retort.async;

import dev.retort.async.internal.CancellableFuture;
import dev.retort.async.internal.Lane;
import dev.retort.async.internal.OperationName;
import dev.retort.engine.Result;
import dev.retort.error.InvalidRequestException;
import dev.retort.orm.OrmResult;
import dev.retort.orm.OrmSelect;
import dev.retort.orm.Relationship;
import dev.retort.orm.Session;
import dev.retort.sql.Executable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The async face of a {@link Session}: the same unit of work, identity map and relationships, with
 * every operation that may do I/O returning a future that runs on the engine's workers. Open one
 * with {@link AsyncSessionFactory#open()}.
 *
 * <p>One operation at a time: calling any method while another is still running throws {@link
 * IllegalStateException} at once, naming both; give each concurrent task its own session. An
 * unloaded relationship is never loaded on access: touching it raises {@link
 * dev.retort.orm.UnloadedRelationshipException} naming the fixes (a SELECTIN or JOINED loader, or
 * {@link #fetch}). Always {@link #close()} the session (or use {@link
 * AsyncSessionFactory#inTransaction}).
 *
 * <p>Cancelling a returned future, or completing it yourself ({@code orTimeout}), cancels the
 * statement running on the server and rolls the session back, so its connection returns to the pool
 * clean and the session can be used again. A COMMIT already sent is not undone.
 */
public final class AsyncSession {
  private static final java.util.concurrent.ExecutorService ACQUIRERS =
      dev.retort.async.internal.Workers.virtual("retort-session-acquire");

  private final Session session;
  private final Lane lane;
  private final boolean acquireOnWorker;

  /** The operation running, or null; its name is rendered only for a message. */
  private final AtomicReference<Object> inFlight = new AtomicReference<>();

  /**
   * A session whose work runs on {@code workers}, one operation at a time; {@code acquireOnWorker}
   * when the workers are virtual threads, which may wait for a pooled connection themselves.
   */
  AsyncSession(Session session, ExecutorService workers, boolean acquireOnWorker) {
    this.session = session;
    this.lane = new Lane(workers);
    this.acquireOnWorker = acquireOnWorker;
  }

  // ---- no I/O: run here, but still one at a time ----

  /** Adds a new object; see {@link Session#add}. No I/O. */
  public <T> T add(T entity) {
    return now("add()", () -> session.add(entity));
  }

  /** Adds several objects; see {@link Session#addAll}. No I/O. */
  public void addAll(Collection<?> entities) {
    now(
        "addAll()",
        () -> {
          session.addAll(entities);
          return null;
        });
  }

  /** Marks an object for deletion at the next flush; see {@link Session#delete}. No I/O. */
  public void delete(Object entity) {
    now(
        "delete()",
        () -> {
          session.delete(entity);
          return null;
        });
  }

  /** Detaches an object; see {@link Session#detach}. No I/O. */
  public void detach(Object entity) {
    now(
        "detach()",
        () -> {
          session.detach(entity);
          return null;
        });
  }

  /** Marks an object stale; see {@link Session#expire}. No I/O. */
  public void expire(Object entity) {
    now(
        "expire()",
        () -> {
          session.expire(entity);
          return null;
        });
  }

  /** Whether the object is in this session. */
  public boolean contains(Object entity) {
    return now("contains()", () -> session.contains(entity));
  }

  // ---- I/O: futures ----

  /**
   * The object with this key, from the identity map without I/O when present; see {@link
   * Session#get}.
   */
  public <T> CompletableFuture<Optional<T>> get(Class<T> type, Object id) {
    return submit(
        OperationName.of(() -> "get(" + type.getSimpleName() + ", " + id + ")"),
        () -> session.get(type, id));
  }

  /** Runs an ORM query; see {@link Session#execute(OrmSelect)}. */
  public <R> CompletableFuture<OrmResult<R>> execute(OrmSelect<R> query) {
    return submit(OperationName.of(() -> "execute(" + query + ")"), () -> session.execute(query));
  }

  /** The objects of an ORM query. */
  public <R> CompletableFuture<List<R>> scalars(OrmSelect<R> query) {
    return submit(OperationName.of(() -> "scalars(" + query + ")"), () -> session.scalars(query));
  }

  /** Runs a Core statement in the session's transaction; the result is fully in memory. */
  public CompletableFuture<Result> execute(Executable statement) {
    return execute(statement, Map.of());
  }

  /** Runs a Core statement with parameters in the session's transaction. */
  public CompletableFuture<Result> execute(Executable statement, Map<String, ?> parameters) {
    return submit(
        OperationName.of(() -> "execute(" + statement + ")"),
        () -> session.execute(statement, parameters));
  }

  /**
   * Loads a relationship explicitly and completes with its value (a {@code List} or an object);
   * afterwards the field holds it and reading it needs no I/O.
   */
  public <V> CompletableFuture<V> fetch(Object entity, String relationship) {
    return submit("fetch(" + relationship + ")", () -> session.<V>fetch(entity, relationship));
  }

  /** Loads a relationship given by its handle; see {@link #fetch(Object, String)}. */
  public <V> CompletableFuture<V> fetch(Object entity, Relationship<?, ?> relationship) {
    return fetch(entity, relationship.name());
  }

  /** Reloads an object from its row; see {@link Session#refresh}. */
  public CompletableFuture<Void> refresh(Object entity) {
    return run("refresh()", () -> session.refresh(entity));
  }

  /** Merges a detached object into the session; see {@link Session#merge}. */
  public <T> CompletableFuture<T> merge(T entity) {
    return submit("merge()", () -> session.merge(entity));
  }

  /** Writes pending changes; see {@link Session#flush}. */
  public CompletableFuture<Void> flush() {
    return run("flush()", session::flush);
  }

  /** Flushes and commits; see {@link Session#commit}. */
  public CompletableFuture<Void> commit() {
    return run("commit()", session::commit);
  }

  /** Rolls back; see {@link Session#rollback}. */
  public CompletableFuture<Void> rollback() {
    return run("rollback()", session::rollback);
  }

  /** Inserts many objects or attribute maps in batches; see {@link Session#bulkInsert}. */
  public CompletableFuture<Long> bulkInsert(Class<?> type, List<?> rows) {
    return submit("bulkInsert()", () -> session.bulkInsert(type, rows));
  }

  /** Updates many rows by key in batches; see {@link Session#bulkUpdate}. */
  public CompletableFuture<Long> bulkUpdate(Class<?> type, List<?> rows) {
    return submit("bulkUpdate()", () -> session.bulkUpdate(type, rows));
  }

  /**
   * Rolls back anything uncommitted, returns the connection and detaches every object. When an
   * operation is running, fails at once like any other call.
   */
  public CompletableFuture<Void> close() {
    if (session.isClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    return run("close()", session::close);
  }

  /** Whether an operation is running. */
  public boolean isBusy() {
    return inFlight.get() != null;
  }

  /** The sync session underneath, for code already running on a worker (e.g. in tests). */
  public Session sync() {
    return session;
  }

  // ---- one operation at a time ----

  private interface Work<T> {
    T call();
  }

  private void enter(Object operation) {
    Object running = inFlight.compareAndExchange(null, operation);
    if (running != null) {
      throw new IllegalStateException(
          "AsyncSession is busy: "
              + operation
              + " was called while "
              + running
              + " is still running. A session runs one operation at a time: wait for the"
              + " previous future (thenCompose) before the next call, or give each concurrent task"
              + " its own session from AsyncSessionFactory.open()");
    }
  }

  private <T> T now(String operation, Work<T> work) {
    enter(operation);
    try {
      return work.call();
    } finally {
      inFlight.set(null);
    }
  }

  private CompletableFuture<Void> run(String operation, Runnable work) {
    boolean connects =
        !operation.equals("commit()")
            && !operation.equals("rollback()")
            && !operation.equals("close()");
    return submit(
        operation,
        () -> {
          work.run();
          return null;
        },
        connects);
  }

  private <T> CompletableFuture<T> submit(Object operation, Work<T> work) {
    return submit(operation, work, true);
  }

  /**
   * Runs the work on the session's lane. When it may need a connection and the session has none,
   * the connection is checked out first: on the worker itself when workers are virtual threads,
   * else on a virtual thread, so that fixed platform workers never wait for the pool while sessions
   * holding connections wait for a worker (a deadlock).
   */
  private <T> CompletableFuture<T> submit(Object operation, Work<T> work, boolean connects) {
    enter(operation);
    CancellableFuture<T> future = new CancellableFuture<>(lane, session::cancel);
    boolean acquire = connects && !session.isClosed() && !session.inTransaction();
    if (acquire && !acquireOnWorker) {
      try {
        ACQUIRERS.execute(
            () -> {
              try {
                if (!future.isDone()) {
                  session.connection();
                }
              } catch (Throwable t) {
                inFlight.set(null);
                future.fail(t);
                return;
              }
              execute(operation, work, future, false);
            });
      } catch (RejectedExecutionException e) {
        inFlight.set(null);
        future.fail(e);
      }
      return future;
    }
    execute(operation, work, future, acquire);
    return future;
  }

  private <T> void execute(
      Object operation, Work<T> work, CancellableFuture<T> future, boolean acquireFirst) {
    try {
      lane.execute(
          () -> {
            T value = null;
            Throwable failure = null;
            if (!future.isDone()) {
              try {
                if (acquireFirst) {
                  session.connection();
                }
                if (!future.isDone()) { // not given up on while waiting for the pool
                  value = work.call();
                }
              } catch (Throwable t) {
                failure = t;
              }
            }
            if (future.isDone()) {
              // The caller gave up (cancel, orTimeout): end the transaction the work may have left
              // half done, so the connection goes back to the pool clean.
              abandon();
            }
            inFlight.set(null); // before completing, so a continuation may call the next operation
            if (failure != null) {
              future.fail(failure);
            } else {
              future.settle(value);
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.set(null);
      future.fail(
          new InvalidRequestException("The async engine is closed; cannot run " + operation));
    }
  }

  private void abandon() {
    try {
      if (!session.isClosed()) {
        session.rollback();
      }
    } catch (RuntimeException e) {
      // The connection is broken: the rollback discarded it; the session is usable again.
    }
  }

  @Override
  public String toString() {
    return "Async" + session;
  }
}
