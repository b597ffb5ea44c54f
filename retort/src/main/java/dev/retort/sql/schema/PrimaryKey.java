package dev.retort.sql.schema;

import java.util.List;

/** A table's primary key: one column, or several for a composite key. Immutable. */
public final class PrimaryKey extends Constraint {
  PrimaryKey(Table table, String name, List<Column<?>> columns) {
    super(table, name, columns);
  }

  @Override
  public String toString() {
    return "PRIMARY KEY " + columns();
  }
}
