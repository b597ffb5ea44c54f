package dev.retort.orm.annotations;

/** How a relationship is loaded when its owner is loaded. */
public enum Loading {
  /** One extra {@code SELECT ... WHERE key IN (...)} per relationship for all owners loaded. */
  SELECTIN,
  /** A LEFT OUTER JOIN in the owners' query; owners are de-duplicated. */
  JOINED,
  /**
   * Not loaded with the owner. A collection loads on first access in a sync {@code Session}; in an
   * {@code AsyncSession} touching it raises an error naming the fixes. A many-to-one stays null
   * until {@code session.fetch(...)} loads it.
   */
  LAZY,
  /** Not loaded, and touching the collection raises an error (to catch N+1 queries). */
  RAISE
}
