package dev.retort.sql.expr;

/** A row lock taken by a SELECT: {@code FOR UPDATE [NOWAIT | SKIP LOCKED]}. */
public enum Lock {
  /** {@code FOR UPDATE}: wait for rows other transactions lock. */
  UPDATE("FOR UPDATE"),
  /** {@code FOR UPDATE NOWAIT}: fail at once when a row is locked. */
  UPDATE_NOWAIT("FOR UPDATE NOWAIT"),
  /** {@code FOR UPDATE SKIP LOCKED}: leave out rows that are locked. */
  UPDATE_SKIP_LOCKED("FOR UPDATE SKIP LOCKED");

  private final String sql;

  Lock(String sql) {
    this.sql = sql;
  }

  /** The clause in SQL. */
  public String sql() {
    return sql;
  }
}
