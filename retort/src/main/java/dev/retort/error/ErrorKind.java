package dev.retort.error;

/** The category of a database failure, after DB-API's exception classes. */
public enum ErrorKind {
  /** A constraint was violated: unique, foreign key, not null, check. */
  INTEGRITY,
  /** A value was out of range, malformed, or of the wrong type. */
  DATA,
  /** The SQL is wrong: syntax error, unknown table or column, wrong number of parameters. */
  PROGRAMMING,
  /** The database or the connection failed: disconnect, timeout, lock or serialization failure. */
  OPERATIONAL,
  /** The database does not support the feature asked for. */
  NOT_SUPPORTED,
  /** The database reported an internal error. */
  INTERNAL;
}
