package dev.retort.sql.expr;

import java.util.List;

/**
 * Something a FROM clause can name: a table, an aliased table, a subquery, a CTE or a join of
 * those. Listing one in a SELECT stands for all its columns.
 */
public interface FromSource extends SelectItem {
  /** The columns it provides, in order. */
  List<? extends Expression<?>> columns();

  /** This source joined with another: {@code this JOIN right ON on}. */
  default Join join(FromSource right, Expression<Boolean> on) {
    return new Join(this, right, Join.Type.INNER, on);
  }

  /** {@code this LEFT OUTER JOIN right ON on}. */
  default Join leftJoin(FromSource right, Expression<Boolean> on) {
    return new Join(this, right, Join.Type.LEFT, on);
  }

  /** {@code this RIGHT OUTER JOIN right ON on}. */
  default Join rightJoin(FromSource right, Expression<Boolean> on) {
    return new Join(this, right, Join.Type.RIGHT, on);
  }

  /** {@code this FULL OUTER JOIN right ON on}; not available on MariaDB / MySQL. */
  default Join fullJoin(FromSource right, Expression<Boolean> on) {
    return new Join(this, right, Join.Type.FULL, on);
  }
}
