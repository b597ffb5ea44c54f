package dev.retort.sql.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a UNION b}, {@code UNION ALL}, {@code INTERSECT} or {@code EXCEPT}, with an optional ORDER
 * BY / LIMIT / OFFSET over the whole. Chaining the same operator extends the list; a different
 * operator nests the left side.
 *
 * @param operator the set operator, e.g. {@code UNION ALL}
 * @param parts the queries combined, at least two
 * @param orderBy the ORDER BY of the whole
 * @param limit the row limit of the whole, or null
 * @param offset rows skipped, or null
 */
public record CompoundSelect(
    String operator,
    List<SelectStatement> parts,
    List<Order> orderBy,
    Expression<Long> limit,
    Expression<Long> offset)
    implements SelectStatement {
  /** Copies the lists. */
  public CompoundSelect {
    parts = List.copyOf(parts);
    orderBy = List.copyOf(orderBy);
  }

  static CompoundSelect of(String operator, SelectStatement left, SelectStatement right) {
    int n = left.selectedExpressions().size();
    int m = right.selectedExpressions().size();
    if (n != m) {
      throw new dev.retort.error.ArgumentException(
          operator
              + " needs queries with the same number of columns; they have "
              + n
              + " and "
              + m);
    }
    List<SelectStatement> parts = new ArrayList<>();
    if (left instanceof CompoundSelect c
        && c.operator.equals(operator)
        && c.orderBy.isEmpty()
        && c.limit == null
        && c.offset == null) {
      parts.addAll(c.parts);
    } else {
      parts.add(left);
    }
    parts.add(right);
    return new CompoundSelect(operator, parts, List.of(), null, null);
  }

  @Override
  public List<Expression<?>> selectedExpressions() {
    return parts.get(0).selectedExpressions();
  }

  /** Sets ORDER BY over the combined rows. */
  public CompoundSelect orderBy(Object... items) {
    return new CompoundSelect(operator, parts, Select.Sources.orders(items), limit, offset);
  }

  /** At most {@code count} rows of the combined result. */
  public CompoundSelect limit(long count) {
    return new CompoundSelect(operator, parts, orderBy, Select.Sources.limit(count), offset);
  }

  /** Skips the first {@code count} rows of the combined result. */
  public CompoundSelect offset(long count) {
    return new CompoundSelect(
        operator, parts, orderBy, limit, Select.Sources.rowCount(count, "offset"));
  }
}
