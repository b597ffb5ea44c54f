package dev.retort.sql.expr;

import dev.retort.sql.schema.Table;
import java.util.List;
import java.util.Objects;

/**
 * {@code DELETE FROM table WHERE ... [RETURNING ...]}. Build one with {@code Sql.delete(table)};
 * every method returns a new statement.
 *
 * @param table the table deleted from
 * @param where the condition, or null for every row
 * @param returning the RETURNING expressions, or empty
 */
public record Delete(Table table, Expression<Boolean> where, List<Expression<?>> returning)
    implements Statement {
  /** Copies the list. */
  public Delete {
    Objects.requireNonNull(table, "delete table");
    returning = List.copyOf(returning);
  }

  /** A DELETE of every row of the table, until {@link #where} narrows it. */
  public static Delete from(Table table) {
    return new Delete(table, null, List.of());
  }

  /** Adds a WHERE condition; several are joined with AND. */
  public Delete where(Expression<Boolean> condition) {
    Objects.requireNonNull(condition, "where condition");
    return new Delete(
        table,
        where == null ? condition : Nodes.Junction.of(true, List.of(where, condition)),
        returning);
  }

  /** Returns these columns of the deleted rows (where the dialect has DELETE ... RETURNING). */
  public Delete returning(dev.retort.sql.expr.SelectItem... items) {
    return new Delete(table, where, Returning.expand(table, items));
  }
}
