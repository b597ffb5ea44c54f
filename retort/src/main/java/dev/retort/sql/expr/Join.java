package dev.retort.sql.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code left [INNER|LEFT|RIGHT|FULL] JOIN right ON on}.
 *
 * @param left the left side
 * @param right the right side
 * @param type the kind of join
 * @param on the join condition
 */
public record Join(FromSource left, FromSource right, Type type, Expression<Boolean> on)
    implements FromSource {
  /** The kinds of join. */
  public enum Type {
    /** Rows matching on both sides. */
    INNER("JOIN"),
    /** All rows of the left side. */
    LEFT("LEFT OUTER JOIN"),
    /** All rows of the right side. */
    RIGHT("RIGHT OUTER JOIN"),
    /** All rows of both sides. */
    FULL("FULL OUTER JOIN");

    private final String sql;

    Type(String sql) {
      this.sql = sql;
    }

    /** The join's keywords in SQL. */
    public String sql() {
      return sql;
    }
  }

  /** Checks the parts. */
  public Join {
    Objects.requireNonNull(left, "join left side");
    Objects.requireNonNull(right, "join right side");
    Objects.requireNonNull(on, "join condition (ON)");
  }

  @Override
  public List<Expression<?>> columns() {
    List<Expression<?>> all = new ArrayList<>(left.columns());
    all.addAll(right.columns());
    return all;
  }

  /** Whether the join includes this source on either side. */
  public boolean contains(FromSource source) {
    return left.equals(source)
        || right.equals(source)
        || (left instanceof Join l && l.contains(source))
        || (right instanceof Join r && r.contains(source));
  }
}
