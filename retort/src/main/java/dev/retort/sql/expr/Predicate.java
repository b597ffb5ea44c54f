package dev.retort.sql.expr;

import dev.retort.sql.types.SqlType;
import dev.retort.sql.types.SqlTypes;
import java.util.List;

/** A boolean condition for WHERE, ON, HAVING and CASE, combined with {@code and}/{@code or}. */
public interface Predicate extends Expression<Boolean> {
  @Override
  default SqlType<Boolean> type() {
    return SqlTypes.BOOLEAN;
  }

  /** {@code this AND other}. */
  default Predicate and(Expression<Boolean> other) {
    return Nodes.Junction.of(true, List.of(this, other));
  }

  /** {@code this OR other}. */
  default Predicate or(Expression<Boolean> other) {
    return Nodes.Junction.of(false, List.of(this, other));
  }

  /** {@code NOT this}. */
  default Predicate not() {
    return new Nodes.Not(this);
  }
}
