package dev.retort.orm;

import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.Result;
import dev.retort.error.ArgumentException;
import dev.retort.error.InvalidRequestException;
import dev.retort.error.NoResultException;
import dev.retort.orm.internal.EntityMapping;
import dev.retort.orm.internal.Mapper;
import dev.retort.orm.internal.Property;
import dev.retort.orm.internal.RelationshipMapping;
import dev.retort.orm.internal.RelationshipMapping.Kind;
import dev.retort.sql.Executable;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Predicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit of work over mapped objects: add, query, change and delete them, and {@link #commit()}
 * writes the changes in one transaction. One Java object per row (the identity map); changes are
 * found by comparing each object's fields with the values last read or written (no bytecode
 * instrumentation), so plain field writes are enough.
 *
 * <p>The session holds a connection only while it has a transaction: the first statement checks one
 * out of the engine's pool and begins the transaction; {@link #commit()}, {@link #rollback()} and
 * {@link #close()} end it and give the connection back. After a failed flush or commit the session
 * has rolled back and is usable again: everything not yet committed is pending again, as before the
 * first flush of the failed transaction.
 *
 * <p>Not thread-safe: one session per thread or task. For async code use {@code AsyncSession}.
 */
public final class Session implements AutoCloseable {
  private final Engine engine;
  private final boolean expireOnCommit;
  private final boolean autoflush;
  private final boolean implicitLoads;
  final IdentityMap identity = new IdentityMap();
  final StateTable states = new StateTable();
  // The states changed by the current transaction, whose InstanceState.saved is set; a state
  // forgotten since has saved == null and is skipped.
  private final List<InstanceState> journal = new ArrayList<>();
  private final Loader loader = new Loader(this);
  private volatile Connection connection;
  private boolean flushing;
  private boolean closed;

  /** A session on the engine with default options (expire on commit, autoflush). */
  public Session(Engine engine) {
    this(engine, true, true, true);
  }

  Session(Engine engine, boolean expireOnCommit, boolean autoflush, boolean implicitLoads) {
    this.engine = engine;
    this.expireOnCommit = expireOnCommit;
    this.autoflush = autoflush;
    this.implicitLoads = implicitLoads;
  }

  /** The engine the session takes connections from. */
  public Engine engine() {
    return engine;
  }

  // ---- adding and removing objects ----

  /**
   * Adds a new object (or one already in the session); it is inserted at the next flush, with the
   * objects its relationships reach when they cascade SAVE.
   *
   * @throws ArgumentException when the object is not of an entity class, or is a record
   */
  public <T> T add(T entity) {
    checkOpen();
    InstanceState st = stateOf(entity);
    if (st == null) {
      addState(entity);
    } else if (st.status == InstanceState.Status.DELETED) {
      throw new InvalidRequestException(
          st + " was deleted in this session; add a new object instead");
    } else {
      st.markedForDelete = false;
    }
    return entity;
  }

  /** Adds several objects; see {@link #add}. */
  public void addAll(Collection<?> entities) {
    for (Object e : entities) {
      add(e);
    }
  }

  /**
   * Marks an object for deletion at the next flush, with what its relationships cascade DELETE (or
   * DELETE_ORPHAN) to.
   *
   * @throws InvalidRequestException when the object is not in the session
   */
  public void delete(Object entity) {
    checkOpen();
    InstanceState st = stateOf(entity);
    if (st == null) {
      throw new InvalidRequestException(
          "Cannot delete a "
              + entity.getClass().getSimpleName()
              + " that is not in this session; get it, or merge it, first");
    }
    if (st.status == InstanceState.Status.PENDING) {
      forget(st);
    } else {
      st.markedForDelete = true;
    }
  }

  /** Whether the object is in this session (pending or persistent). */
  public boolean contains(Object entity) {
    InstanceState st = stateOf(entity);
    return st != null && st.status != InstanceState.Status.DELETED;
  }

  /** Removes an object from the session without touching its row; later changes are not saved. */
  public void detach(Object entity) {
    InstanceState st = stateOf(entity);
    if (st != null) {
      forget(st);
    }
  }

  /**
   * Copies the state of a detached or new object onto the session's object for the same row
   * (loading it if needed), or adds a copy when there is no such row, and returns the session's
   * object. Column attributes and many-to-one references are copied; collections are not.
   */
  @SuppressWarnings("unchecked")
  public <T> T merge(T entity) {
    checkOpen();
    if (stateOf(entity) != null) {
      return entity;
    }
    EntityMapping<T> m = (EntityMapping<T>) mapping(entity);
    Object id = m.idOf(entity);
    T target = null;
    if (m.isCompleteId(id)) {
      target = get(m.type(), id).orElse(null);
    }
    if (target == null) {
      target = (T) m.newInstance();
      copy(m, entity, target);
      add(target);
    } else {
      copy(m, entity, target);
    }
    return target;
  }

  private void copy(EntityMapping<?> m, Object from, Object to) {
    for (Property p : m.properties()) {
      if (p.version() && p.accessor().get(from) == null) {
        continue;
      }
      p.accessor().set(to, p.accessor().get(from));
    }
    for (RelationshipMapping r : m.relationships()) {
      if (r.kind() == Kind.MANY_TO_ONE) {
        Object ref = r.accessor().get(from);
        r.accessor().set(to, ref == null ? null : merge(ref));
      }
    }
  }

  // ---- reading ----

  /**
   * The object with this primary key (a {@code List} of values for a composite key): from the
   * identity map without SQL when the session has it, else loaded.
   */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(Class<T> type, Object id) {
    checkOpen();
    EntityMapping<T> m = Mapper.of(type);
    id = normalizeId(m, id);
    InstanceState st = identity.get(type, id);
    if (st != null && !st.expired) {
      return st.markedForDelete ? Optional.empty() : Optional.of((T) st.entity);
    }
    autoflush();
    List<T> found = loader.run(Orm.select(type).where(keyEquals(m, id)), st != null);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static Object normalizeId(EntityMapping<?> m, Object id) {
    Property[] ids = m.ids();
    if (ids.length == 1) {
      return convert(ids[0], id);
    }
    if (!(id instanceof List<?> parts) || parts.size() != ids.length) {
      throw new ArgumentException(
          m.type().getSimpleName()
              + " has a composite key of "
              + ids.length
              + " columns; pass a List of their values, got "
              + id);
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      out.add(convert(ids[i], parts.get(i)));
    }
    return out;
  }

  private static Object convert(Property p, Object value) {
    Class<?> t = p.column().javaType();
    if (value == null) {
      throw new ArgumentException("A key value for " + p.accessor() + " must not be null");
    }
    if (t.isInstance(value)) {
      return value;
    }
    if (value instanceof Number n) {
      if (t == Long.class) {
        return n.longValue();
      }
      if (t == Integer.class) {
        return n.intValue();
      }
      if (t == Short.class) {
        return n.shortValue();
      }
    }
    throw new ArgumentException(
        "The key "
            + p.accessor()
            + " is a "
            + t.getSimpleName()
            + ", not "
            + value.getClass().getSimpleName());
  }

  private static Predicate keyEquals(EntityMapping<?> m, Object id) {
    Property[] ids = m.ids();
    if (ids.length == 1) {
      return eqValue(ids[0].column(), id);
    }
    List<?> parts = (List<?>) id;
    @SuppressWarnings("unchecked")
    Expression<Boolean>[] all = new Expression[ids.length];
    for (int i = 0; i < ids.length; i++) {
      all[i] = eqValue(ids[i].column(), parts.get(i));
    }
    return dev.retort.sql.Sql.and(all);
  }

  @SuppressWarnings("unchecked")
  private static Predicate eqValue(Expression<?> column, Object value) {
    return ((Expression<Object>) column).eq(value);
  }

  /**
   * Runs an ORM query (flushing pending changes first) and returns its objects; rows already in the
   * session give the session's objects, unchanged unless expired.
   */
  public <R> OrmResult<R> execute(OrmSelect<R> query) {
    checkOpen();
    autoflush();
    return new OrmResult<>(loader.run(query, false));
  }

  /** The objects of an ORM query; {@code execute(query).all()}. */
  public <R> List<R> scalars(OrmSelect<R> query) {
    return execute(query).all();
  }

  /** Runs a Core statement in the session's transaction (flushing first). */
  public Result execute(Executable statement) {
    return execute(statement, Map.of());
  }

  /** Runs a Core statement with parameters in the session's transaction (flushing first). */
  public Result execute(Executable statement, Map<String, ?> parameters) {
    checkOpen();
    autoflush();
    return connection().execute(statement, parameters);
  }

  /**
   * Loads a relationship of a persistent object now, whatever its strategy, and returns its value:
   * the {@code List} of a collection or the object of a many-to-one (null when none).
   */
  @SuppressWarnings("unchecked")
  public <V> V fetch(Object entity, String relationship) {
    checkOpen();
    InstanceState st = requirePersistent(entity, "fetch");
    RelationshipMapping r = st.mapping.relationship(relationship);
    autoflush();
    if (r.kind() == Kind.MANY_TO_ONE) {
      st.relations[Loader.index(r)] = InstanceState.UNLOADED;
    }
    loader.load(r, List.of(st));
    return (V) r.accessor().get(entity);
  }

  /** Loads a relationship given by its handle; see {@link #fetch(Object, String)}. */
  public <V> V fetch(Object entity, Relationship<?, ?> relationship) {
    return fetch(entity, relationship.name());
  }

  /**
   * Reloads an object's columns and relationships from its row now, discarding its unflushed
   * changes (no autoflush).
   */
  public void refresh(Object entity) {
    checkOpen();
    InstanceState st = requirePersistent(entity, "refresh");
    List<?> found =
        loader.run(Orm.select(st.mapping.type()).where(keyEquals(st.mapping, st.id)), true);
    if (found.isEmpty()) {
      forget(st);
      throw new NoResultException(st + " no longer exists in the database; it was detached");
    }
  }

  /**
   * Marks an object stale: the next query, {@link #get} or {@link #refresh} that meets its row
   * overwrites its fields and reloads its relationships. Reading a field never does I/O.
   */
  public void expire(Object entity) {
    requirePersistent(entity, "expire").expired = true;
  }

  /** Marks every persistent object stale; see {@link #expire}. */
  public void expireAll() {
    for (InstanceState st : states) {
      if (st.status == InstanceState.Status.PERSISTENT) {
        st.expired = true;
      }
    }
  }

  // ---- writing ----

  /**
   * Inserts many rows in batches (multi-row INSERT, keys through RETURNING where the dialect has
   * it): entity objects (their generated keys are set) or maps from attribute name to value (a
   * many-to-one's name takes the related object or its key). Bypasses the unit of work: the objects
   * are not added to the session and nothing cascades. Runs in the session's transaction.
   *
   * @return the number of rows inserted
   */
  public long bulkInsert(Class<?> type, List<?> rows) {
    checkOpen();
    autoflush();
    return Bulk.insert(this, type, rows);
  }

  /**
   * Updates many rows by primary key in batches, from objects (every column) or attribute maps (the
   * key plus the attributes to set). Bypasses the unit of work and version checks; objects of those
   * rows already in the session are expired.
   *
   * @return the number of rows updated
   */
  public long bulkUpdate(Class<?> type, List<?> rows) {
    checkOpen();
    autoflush();
    return Bulk.update(this, type, rows);
  }

  /**
   * Writes pending changes (inserts, updates, deletes) in the session's transaction without
   * committing. On failure the transaction is rolled back and the session is as it was before the
   * transaction's first flush, with every change pending again; the exception is rethrown.
   */
  public void flush() {
    checkOpen();
    if (flushing) {
      return;
    }
    flushing = true;
    try {
      if (UnitOfWork.hasChanges(this)) {
        new UnitOfWork(this, connection()).flush();
      }
    } catch (RuntimeException e) {
      failed(e);
      throw e;
    } finally {
      flushing = false;
    }
  }

  private void autoflush() {
    if (autoflush && !flushing) {
      flush();
    }
  }

  /**
   * Flushes and commits the transaction, then returns the connection to the pool. Objects stay in
   * the session; with expire-on-commit they are stale (reloaded when next met by a query).
   */
  public void commit() {
    flush();
    if (connection != null) {
      try {
        connection.commit();
      } catch (RuntimeException e) {
        failed(e);
        throw e;
      }
      release();
    }
    clearJournal();
    for (InstanceState st : states.snapshot()) {
      if (st.status == InstanceState.Status.DELETED) {
        forget(st);
      } else if (expireOnCommit && st.status == InstanceState.Status.PERSISTENT) {
        st.expired = true;
      }
    }
  }

  /**
   * Rolls back the transaction and returns the connection. Objects added since the last commit
   * leave the session (their generated keys cleared), deleted ones come back, and every persistent
   * object is expired so the next query reloads its committed values.
   */
  public void rollback() {
    checkOpen();
    if (connection != null) {
      try {
        connection.rollback();
      } finally {
        release();
      }
    }
    restoreJournal();
    for (InstanceState st : states.snapshot()) {
      if (st.status != InstanceState.Status.PERSISTENT) {
        forget(st);
      } else {
        st.markedForDelete = false;
        revert(st);
        st.expired = true;
      }
    }
  }

  /** Puts the last-known database values back into the fields, discarding unflushed changes. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void revert(InstanceState st) {
    if (st.snapshot == null) {
      return;
    }
    st.mapping.setColumns(st.entity, st.snapshot);
    List<RelationshipMapping> rels = st.mapping.relationships();
    for (int j = 0; j < rels.size(); j++) {
      RelationshipMapping r = rels.get(j);
      Object known = st.relations[j];
      if (r.kind() == Kind.MANY_TO_ONE) {
        if (known != InstanceState.UNLOADED) {
          r.accessor().set(st.entity, known);
        }
      } else if (known instanceof List<?> elements) {
        Object current = r.accessor().get(st.entity);
        if (current instanceof OrmList<?> list) {
          ((OrmList) list).loaded(elements);
        } else {
          r.accessor().set(st.entity, new ArrayList<>(elements));
        }
      }
    }
  }

  /**
   * Rolls back anything uncommitted, returns the connection and detaches every object. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (connection != null) {
        release();
      }
    } finally {
      clearJournal();
      states.clear();
      identity.clear();
    }
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Cancels the statement now running on the session's connection, if any: the one method that may
   * be called from another thread. The interrupted call fails; roll the session back afterwards.
   */
  public void cancel() {
    Connection c = connection;
    if (c != null) {
      c.cancel();
    }
  }

  /** Whether the session has a transaction (and so holds a connection). */
  public boolean inTransaction() {
    return connection != null;
  }

  /**
   * The session's connection, checking one out and beginning the transaction if there is none. Do
   * not close or commit it: use the session's methods.
   */
  public Connection connection() {
    checkOpen();
    if (connection == null) {
      connection = engine.connect();
    }
    return connection;
  }

  private void release() {
    Connection c = connection;
    connection = null;
    c.close();
  }

  private void failed(RuntimeException e) {
    if (connection != null) {
      try {
        connection.rollback();
      } catch (RuntimeException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      } finally {
        try {
          release();
        } catch (RuntimeException closeFailure) {
          e.addSuppressed(closeFailure);
        }
      }
    }
    restoreJournal();
  }

  private void restoreJournal() {
    for (InstanceState st : journal) {
      InstanceState.Saved saved = st.saved;
      if (saved == null) {
        continue;
      }
      st.saved = null;
      identity.removeIfSame(st);
      st.restore(saved);
      if (st.status == InstanceState.Status.PERSISTENT) {
        identity.put(st);
      }
      if (!states.contains(st) && states.get(st.entity) == null) {
        states.add(st);
      }
    }
    journal.clear();
  }

  // ---- for the loader, the unit of work and OrmList ----

  Loader loader() {
    return loader;
  }

  InstanceState stateOf(Object entity) {
    return states.get(entity);
  }

  InstanceState addState(Object entity) {
    EntityMapping<?> m = mapping(entity);
    if (m.isRecord()) {
      throw new ArgumentException(
          "Record entity " + m.type().getSimpleName() + " maps read-only and cannot be added");
    }
    InstanceState st = new InstanceState(m, entity);
    st.status = InstanceState.Status.PENDING;
    states.add(st);
    return st;
  }

  void forget(InstanceState st) {
    states.remove(st);
    identity.removeIfSame(st);
    st.saved = null;
  }

  /** Records the state before the transaction's first change to it, for a failed flush. */
  void journal(InstanceState st) {
    if (st.saved == null) {
      st.saved = st.save();
      journal.add(st);
    }
  }

  private void clearJournal() {
    for (InstanceState st : journal) {
      st.saved = null;
    }
    journal.clear();
  }

  private static EntityMapping<?> mapping(Object entity) {
    if (entity == null) {
      throw new ArgumentException("Expected an entity, got null");
    }
    EntityMapping<?> m = Mapper.ofInstance(entity);
    if (m == null) {
      throw new ArgumentException(
          entity.getClass().getName() + " is not an entity class; annotate it with @Entity");
    }
    return m;
  }

  private InstanceState requirePersistent(Object entity, String operation) {
    InstanceState st = stateOf(entity);
    if (st == null || st.status != InstanceState.Status.PERSISTENT) {
      throw new InvalidRequestException(
          "Cannot "
              + operation
              + " a "
              + entity.getClass().getSimpleName()
              + " that is "
              + (st == null ? "not in this session" : "not yet flushed")
              + "; "
              + operation
              + " works on objects loaded or flushed by this session");
    }
    return st;
  }

  void loadOnAccess(InstanceState owner, RelationshipMapping r, boolean raise) {
    String field = r.owner().type().getSimpleName() + "_." + r.name();
    String fixes =
        " Load it with the query: .options(Orm.selectinLoad("
            + field
            + ")) or Orm.joinedLoad("
            + field
            + "), or declare loading = Loading.SELECTIN on the relationship, or load it explicitly"
            + " with session.fetch(object, \""
            + r.name()
            + "\")";
    if (raise) {
      throw new UnloadedRelationshipException(
          r + " is not loaded and its loading strategy is RAISE." + fixes + ".");
    }
    if (closed || stateOf(owner.entity) != owner) {
      throw new UnloadedRelationshipException(
          r
              + " is not loaded and its object is detached (its session was closed, rolled back"
              + " or it was detached), so it cannot be loaded now. Load it before the session"
              + " ends: "
              + fixes.trim());
    }
    if (!implicitLoads) {
      throw new UnloadedRelationshipException(
          r
              + " is not loaded, and an AsyncSession never loads on attribute access (that would"
              + " be hidden blocking I/O)."
              + fixes
              + " (a future in an AsyncSession).");
    }
    loader.load(r, List.of(owner));
  }

  /** An element went into a Retort list: point it back at the owner. */
  void linked(InstanceState owner, RelationshipMapping r, Object element) {
    if (element == null) {
      return;
    }
    if (r.kind() == Kind.ONE_TO_MANY) {
      r.inverse().accessor().set(element, owner.entity);
    } else if (r.inverse() != null
        && r.inverse().accessor().get(element) instanceof OrmList<?> back
        && back.isLoaded()
        && !UnitOfWork.containsSame(back.raw(), owner.entity)) {
      addRaw(back, owner.entity);
    }
  }

  /** An element left a Retort list: unlink it from the owner. */
  void unlinked(InstanceState owner, RelationshipMapping r, Object element) {
    if (element == null) {
      return;
    }
    if (r.kind() == Kind.ONE_TO_MANY) {
      if (r.inverse().accessor().get(element) == owner.entity) {
        r.inverse().accessor().set(element, null);
      }
    } else if (r.inverse() != null
        && r.inverse().accessor().get(element) instanceof OrmList<?> back
        && back.isLoaded()) {
      back.raw().remove(owner.entity);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addRaw(OrmList<?> list, Object element) {
    ((List) list.raw()).add(element);
  }

  private void checkOpen() {
    if (closed) {
      throw new InvalidRequestException("This session is closed; open a new one");
    }
  }

  @Override
  public String toString() {
    return "Session("
        + states.size()
        + " objects"
        + (connection != null ? ", in transaction" : "")
        + ")";
  }
}
