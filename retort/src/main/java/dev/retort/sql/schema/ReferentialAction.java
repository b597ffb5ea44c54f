package dev.retort.sql.schema;

/** What a foreign key does to referencing rows when the referenced row is deleted or updated. */
public enum ReferentialAction {
  /** Delete or update the referencing rows too. */
  CASCADE("CASCADE"),
  /** Set the referencing columns to NULL. */
  SET_NULL("SET NULL"),
  /** Set the referencing columns to their defaults. */
  SET_DEFAULT("SET DEFAULT"),
  /** Refuse the change at once. */
  RESTRICT("RESTRICT"),
  /** Refuse the change (checked at the end of the statement, or of the transaction if deferred). */
  NO_ACTION("NO ACTION");

  private final String sql;

  ReferentialAction(String sql) {
    this.sql = sql;
  }

  /** The action as written in SQL, e.g. {@code SET NULL}. */
  public String sql() {
    return sql;
  }
}
