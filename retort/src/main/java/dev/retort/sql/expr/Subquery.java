package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.schema.Column;
import dev.retort.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * A SELECT used in FROM under an alias: {@code (SELECT ...) AS name}. Its columns are those of the
 * inner select, named by their column names or labels.
 *
 * @param select the inner select
 * @param alias the name it goes by
 */
public record Subquery(SelectStatement select, String alias) implements FromSource {
  /** Checks the alias. */
  public Subquery {
    Nodes.requireName(alias, "subquery alias");
  }

  /** The subquery's column that the inner select calls {@code name}. */
  public Expression<?> column(String name) {
    for (Expression<?> c : columns()) {
      if (((Nodes.ColumnRef<?>) c).name().equals(name)) {
        return c;
      }
    }
    throw new ArgumentException(
        "Subquery '"
            + alias
            + "' has no column '"
            + name
            + "'; its columns are "
            + columns().stream().map(c -> ((Nodes.ColumnRef<?>) c).name()).toList());
  }

  /**
   * The subquery's column for an expression of the inner select (a column or a labelled
   * expression), keeping its type.
   */
  @SuppressWarnings("unchecked")
  public <T> Expression<T> col(Expression<T> inner) {
    return (Expression<T>) column(SelectStatement.nameOf(inner));
  }

  @Override
  public List<Expression<?>> columns() {
    List<Expression<?>> out = new ArrayList<>();
    for (Expression<?> e : select.selectedExpressions()) {
      out.add(ref(e));
    }
    return out;
  }

  private <T> Expression<T> ref(Expression<T> e) {
    SqlType<T> type = e.type();
    return new Nodes.ColumnRef<>(this, SelectStatement.nameOf(e), type);
  }

  /** The column of a table selected in the subquery, seen from outside. */
  public <T> Expression<T> col(Column<T> column) {
    return col((Expression<T>) column);
  }
}
