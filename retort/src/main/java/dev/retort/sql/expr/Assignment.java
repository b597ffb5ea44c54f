package dev.retort.sql.expr;

import dev.retort.sql.schema.Column;
import java.util.Objects;

/**
 * {@code column = value} in an UPDATE's SET or an upsert's update.
 *
 * @param column the column set
 * @param value its new value
 * @param <T> the column's Java type
 */
public record Assignment<T>(Column<T> column, Expression<T> value) {
  /** Checks the parts. */
  public Assignment {
    Objects.requireNonNull(column, "assigned column");
    Objects.requireNonNull(value, "assigned value (use a null bind via column.bind(null))");
  }
}
