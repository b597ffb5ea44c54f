package dev.retort.sql.schema;

import java.util.List;

/** No two rows may have equal values in these columns (NULLs aside). Immutable. */
public final class UniqueConstraint extends Constraint {
  UniqueConstraint(Table table, String name, List<Column<?>> columns) {
    super(table, name, columns);
  }

  @Override
  public String toString() {
    return "UNIQUE " + columns();
  }
}
