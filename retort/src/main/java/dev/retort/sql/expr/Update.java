package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code UPDATE table SET ... WHERE ... [RETURNING ...]}. Build one with {@code Sql.update(table)};
 * every method returns a new statement.
 *
 * @param table the table updated
 * @param assignments the SET clause
 * @param where the condition, or null for every row
 * @param returning the RETURNING expressions, or empty
 */
public record Update(
    Table table,
    List<Assignment<?>> assignments,
    Expression<Boolean> where,
    List<Expression<?>> returning)
    implements Statement {
  /** Copies the lists. */
  public Update {
    Objects.requireNonNull(table, "update table");
    assignments = List.copyOf(assignments);
    returning = List.copyOf(returning);
  }

  /** An UPDATE of the table with nothing set yet. */
  public static Update of(Table table) {
    return new Update(table, List.of(), null, List.of());
  }

  /** Sets a column to a value. */
  public <T> Update set(Column<T> column, T value) {
    return set(column, column.bind(value));
  }

  /** Sets a column to an expression, e.g. {@code set(STOCK, STOCK.minus(1))}. */
  public <T> Update set(Column<T> column, Expression<T> value) {
    if (column.table() != table) {
      throw new ArgumentException(
          "Column '" + column + "' is not a column of '" + table + "', the table updated");
    }
    List<Assignment<?>> more = new ArrayList<>(assignments);
    more.removeIf(a -> a.column() == column);
    more.add(new Assignment<>(column, value));
    return new Update(table, more, where, returning);
  }

  /** Adds a WHERE condition; several are joined with AND. */
  public Update where(Expression<Boolean> condition) {
    Objects.requireNonNull(condition, "where condition");
    return new Update(
        table,
        assignments,
        where == null ? condition : Nodes.Junction.of(true, List.of(where, condition)),
        returning);
  }

  /** Returns these columns of the updated rows (where the dialect has UPDATE ... RETURNING). */
  public Update returning(SelectItem... items) {
    return new Update(table, assignments, where, Returning.expand(table, items));
  }
}
