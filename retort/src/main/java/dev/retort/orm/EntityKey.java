package dev.retort.orm;

/**
 * The identity of a row in a session: the mapped class and the primary key (a list for a composite
 * key).
 */
record EntityKey(Class<?> type, Object id) {}
