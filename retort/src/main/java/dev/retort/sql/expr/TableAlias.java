package dev.retort.sql.expr;

import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import java.util.List;

/**
 * A table under another name, {@code users AS u}, for self-joins and correlated subqueries. Get its
 * columns with {@link #col(Column)}, which keeps their type.
 *
 * @param table the table
 * @param alias the name it goes by
 */
public record TableAlias(Table table, String alias) implements FromSource {
  /** Checks the alias. */
  public TableAlias {
    Nodes.requireName(alias, "table alias");
  }

  /** The table's column as seen through this alias. */
  public <T> Expression<T> col(Column<T> column) {
    if (column.table() != table) {
      throw new dev.retort.error.ArgumentException(
          "Column '" + column + "' is not a column of '" + table + "' (aliased as " + alias + ")");
    }
    return new Nodes.ColumnRef<>(this, column.name(), column.type());
  }

  @Override
  public List<Expression<?>> columns() {
    return table.columns().stream().<Expression<?>>map(this::col).toList();
  }
}
