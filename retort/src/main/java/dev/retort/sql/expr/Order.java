package dev.retort.sql.expr;

/**
 * One ORDER BY item: an expression, its direction and where NULLs go. Where a database has no
 * {@code NULLS FIRST/LAST} (MariaDB, MySQL) the placement is emulated with an extra sort key.
 *
 * @param expression what to sort by
 * @param descending whether the order is descending
 * @param nulls where NULLs go
 */
public record Order(Expression<?> expression, boolean descending, Nulls nulls) {
  /** Where NULL values sort. */
  public enum Nulls {
    /** The database's default (first in descending order on PostgreSQL, last elsewhere...). */
    DEFAULT,
    /** Before all values. */
    FIRST,
    /** After all values. */
    LAST
  }

  /** The same order with NULLs first. */
  public Order nullsFirst() {
    return new Order(expression, descending, Nulls.FIRST);
  }

  /** The same order with NULLs last. */
  public Order nullsLast() {
    return new Order(expression, descending, Nulls.LAST);
  }
}
