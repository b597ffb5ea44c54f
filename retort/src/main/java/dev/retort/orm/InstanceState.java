package dev.retort.orm;

import dev.retort.orm.internal.EntityMapping;

/** What a session knows about one object: its status, identity and last-known database values. */
final class InstanceState {
  /** Where an object is in its life with the session. */
  enum Status {
    /** Added, not yet inserted. */
    PENDING,
    /** Has a row, is in the identity map. */
    PERSISTENT,
    /** Its row was deleted by a flush; detached at commit. */
    DELETED
  }

  /** Marks a many-to-one whose target was not loaded. */
  static final Object UNLOADED = new Object();

  /** The relations of every object without relationships: nothing to store, nothing to copy. */
  private static final Object[] NO_RELATIONS = new Object[0];

  final EntityMapping<?> mapping;
  final Object entity;
  Status status;

  /** Deletion asked for, not yet flushed. */
  boolean markedForDelete;

  /**
   * The primary key (a {@code List} for a composite key) while the row is in the identity map, with
   * {@code mapping.type()} the row's identity; null while pending.
   */
  Object id;

  /**
   * What the object was before the current transaction first changed it (see {@link
   * Session#journal}), or null when it has not changed it.
   */
  Saved saved;

  /**
   * The column values a running flush wrote for the object ({@code writtenBy} is that flush),
   * recorded as the snapshot once the whole flush succeeded.
   */
  Object[] written;

  Object writtenBy;

  /** The position in the session's {@link StateTable}, or -1 when not in it. */
  int slot = -1;

  /**
   * Column values as last read from or written to the database, in table order. The array is never
   * changed in place (a load or flush puts a new one), so it can be shared with {@link Saved}.
   */
  Object[] snapshot;

  /** The values may be stale: the next load of the row overwrites the fields. */
  boolean expired;

  /**
   * Per relationship: for a many-to-one the target last flushed or loaded (or UNLOADED); for a
   * collection the elements last flushed or loaded, or null when not loaded.
   */
  Object[] relations;

  InstanceState(EntityMapping<?> mapping, Object entity) {
    this.mapping = mapping;
    this.entity = entity;
    int n = mapping.relationships().size();
    if (n == 0) {
      this.relations = NO_RELATIONS;
    } else {
      this.relations = new Object[n];
      java.util.Arrays.fill(relations, UNLOADED);
    }
  }

  /** A copy of everything flush and rollback may change, to restore after a failure. */
  Saved save() {
    Object[] ids = new Object[mapping.ids().length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = mapping.ids()[i].accessor().get(entity);
    }
    Object version = mapping.version() == null ? null : mapping.version().accessor().get(entity);
    return new Saved(
        status,
        markedForDelete,
        id,
        snapshot, // never changed in place: every write replaces the array
        expired,
        relations.length == 0 ? relations : relations.clone(),
        ids,
        version);
  }

  void restore(Saved s) {
    status = s.status;
    markedForDelete = s.markedForDelete;
    id = s.id;
    snapshot = s.snapshot;
    expired = s.expired;
    relations = s.relations;
    for (int i = 0; i < s.ids.length; i++) {
      mapping.ids()[i].accessor().set(entity, s.ids[i]);
    }
    if (mapping.version() != null && s.version != null) {
      mapping.version().accessor().set(entity, s.version);
    }
  }

  /** The saved state of an object before the current transaction first changed it. */
  record Saved(
      Status status,
      boolean markedForDelete,
      Object id,
      Object[] snapshot,
      boolean expired,
      Object[] relations,
      Object[] ids,
      Object version) {}

  @Override
  public String toString() {
    return mapping.type().getSimpleName() + (id == null ? "(pending)" : "(" + id + ")");
  }
}
