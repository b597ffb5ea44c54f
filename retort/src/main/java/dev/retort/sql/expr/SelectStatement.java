package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.schema.Column;
import dev.retort.sql.types.SqlType;
import java.util.List;

/** A query: a {@link Select} or a {@link CompoundSelect} (UNION, INTERSECT, EXCEPT). */
public sealed interface SelectStatement extends Statement permits Select, CompoundSelect {
  /** The expressions the query returns, in order. */
  List<Expression<?>> selectedExpressions();

  /** {@code this UNION other}: distinct rows of both. */
  default CompoundSelect union(SelectStatement other) {
    return CompoundSelect.of("UNION", this, other);
  }

  /** {@code this UNION ALL other}: all rows of both. */
  default CompoundSelect unionAll(SelectStatement other) {
    return CompoundSelect.of("UNION ALL", this, other);
  }

  /** {@code this INTERSECT other}: rows in both. */
  default CompoundSelect intersect(SelectStatement other) {
    return CompoundSelect.of("INTERSECT", this, other);
  }

  /** {@code this EXCEPT other}: rows of this not in other. */
  default CompoundSelect except(SelectStatement other) {
    return CompoundSelect.of("EXCEPT", this, other);
  }

  /** The query as a FROM source under an alias. */
  default Subquery subquery(String alias) {
    return new Subquery(this, alias);
  }

  /** The query as a CTE named {@code name}, its columns named as the query names them. */
  default Cte cte(String name) {
    return new Cte(
        name, selectedExpressions().stream().map(SelectStatement::nameOf).toList(), this, false);
  }

  /**
   * The query as a single value, {@code (SELECT ...)}, typed like its one selected expression.
   *
   * @throws ArgumentException when the query selects more than one expression or another type
   */
  @SuppressWarnings("unchecked")
  default <T> Expression<T> asScalar(Class<T> type) {
    List<Expression<?>> selected = selectedExpressions();
    if (selected.size() != 1) {
      throw new ArgumentException(
          "A scalar subquery must select exactly one expression; this one selects "
              + selected.size());
    }
    Expression<?> only = selected.get(0);
    if (only.type() != null && only.javaType() != type) {
      throw new ArgumentException(
          "The scalar subquery selects "
              + only.javaType().getName()
              + " values, not "
              + type.getName());
    }
    return new Nodes.ScalarSubquery<>(this, (SqlType<T>) only.type());
  }

  /**
   * The name a selected expression has in the result: a column's name or a label.
   *
   * @throws ArgumentException for an unlabelled computed expression
   */
  static String nameOf(Expression<?> e) {
    return switch (e) {
      case Column<?> c -> c.name();
      case Nodes.Label<?> l -> l.name();
      case Nodes.ColumnRef<?> r -> r.name();
      default ->
          throw new ArgumentException(
              "The selected expression "
                  + e
                  + " has no name; give it one with .as(\"name\") to use it from outside the"
                  + " query");
    };
  }
}
