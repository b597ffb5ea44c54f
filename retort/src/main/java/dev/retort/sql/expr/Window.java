package dev.retort.sql.expr;

import java.util.List;

/**
 * The window of a window function: {@code OVER (PARTITION BY ... ORDER BY ...)}. Start with {@link
 * #partitionBy} or {@link #orderBy}; immutable.
 *
 * @param partitionBy the partition expressions
 * @param orderBy the order within each partition
 */
public record Window(List<Expression<?>> partitionBy, List<Order> orderBy) {
  /** Copies the lists. */
  public Window {
    partitionBy = List.copyOf(partitionBy);
    orderBy = List.copyOf(orderBy);
  }

  /** The whole result as one window: {@code OVER ()}. */
  public static Window all() {
    return new Window(List.of(), List.of());
  }

  /** A window partitioned by these expressions. */
  public static Window partitionBy(Expression<?>... expressions) {
    return new Window(List.of(expressions), List.of());
  }

  /** An unpartitioned window with this order. */
  public static Window orderedBy(Order... order) {
    return new Window(List.of(), List.of(order));
  }

  /** This window with rows ordered within each partition. */
  public Window orderBy(Order... order) {
    return new Window(partitionBy, List.of(order));
  }
}
