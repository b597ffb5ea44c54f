package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.schema.Table;
import java.util.ArrayList;
import java.util.List;

/** Expands RETURNING items: a table stands for its columns. */
final class Returning {
  private Returning() {}

  static List<Expression<?>> expand(Table table, SelectItem... items) {
    List<Expression<?>> out = new ArrayList<>();
    for (SelectItem item : items) {
      switch (item) {
        case Expression<?> e -> out.add(e);
        case FromSource s when s.equals(table) -> out.addAll(s.columns());
        case null -> throw new ArgumentException("returning(...) was given null");
        default ->
            throw new ArgumentException(
                "returning(...) takes columns or expressions of '" + table + "', not " + item);
      }
    }
    if (out.isEmpty()) {
      throw new ArgumentException("returning(...) needs at least one column");
    }
    return out;
  }
}
