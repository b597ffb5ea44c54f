package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.types.SqlType;
import java.util.List;

/**
 * A common table expression, {@code WITH name (columns) AS (body)}: a named subquery the statement
 * can read like a table. Declare one with {@code Sql.cte(name, columns...)}, take its typed columns
 * with {@link #column(String, SqlType)}, then give it a body with {@link #as} — or with {@link
 * #asRecursive} when the body reads the CTE itself. The WITH clause is written by the outermost
 * statement that uses it.
 *
 * @param name the CTE's name
 * @param columnNames its column names
 * @param body its SELECT, or null while only declared
 * @param recursive whether it is {@code WITH RECURSIVE}
 */
public record Cte(String name, List<String> columnNames, SelectStatement body, boolean recursive)
    implements FromSource {
  /** Copies the list. */
  public Cte {
    Nodes.requireName(name, "CTE");
    columnNames = List.copyOf(columnNames);
  }

  /** The CTE with this body. */
  public Cte as(SelectStatement body) {
    return new Cte(name, columnNames, checked(body), false);
  }

  /** The CTE with this body, which may read the CTE itself ({@code WITH RECURSIVE}). */
  public Cte asRecursive(SelectStatement body) {
    return new Cte(name, columnNames, checked(body), true);
  }

  private SelectStatement checked(SelectStatement body) {
    int n = body.selectedExpressions().size();
    if (!columnNames.isEmpty() && n != columnNames.size()) {
      throw new ArgumentException(
          "CTE '" + name + "' declares columns " + columnNames + " but its body selects " + n);
    }
    return body;
  }

  /** A column of the CTE by its declared name, with its type. */
  public <T> Expression<T> column(String column, SqlType<T> type) {
    if (!columnNames.contains(column)) {
      throw new ArgumentException(
          "CTE '" + name + "' has no column '" + column + "'; its columns are " + columnNames);
    }
    return new Nodes.ColumnRef<>(declaration(), column, type);
  }

  /** The CTE without its body: what its columns point at, so they match whatever body it gets. */
  Cte declaration() {
    return body == null ? this : new Cte(name, columnNames, null, false);
  }

  @Override
  public List<Expression<?>> columns() {
    return columnNames.stream()
        .<Expression<?>>map(c -> new Nodes.ColumnRef<>(declaration(), c, null))
        .toList();
  }
}
