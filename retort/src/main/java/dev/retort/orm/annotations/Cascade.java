package dev.retort.orm.annotations;

/** What an operation on an owner does to the objects of one of its relationships. */
public enum Cascade {
  /** Adding the owner to a session adds the related objects (the default for collections). */
  SAVE,
  /** Deleting the owner deletes the related objects. */
  DELETE,
  /** A related object removed from the owner's collection is deleted, not just unlinked. */
  DELETE_ORPHAN
}
