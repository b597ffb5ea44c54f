package dev.retort.sql.schema;

import java.util.List;

/** A named index on columns of one table, optionally unique. Immutable. */
public final class Index {
  private final Table table;
  private final String name;
  private final List<Column<?>> columns;
  private final boolean unique;

  Index(Table table, String name, List<Column<?>> columns, boolean unique) {
    this.table = table;
    this.name = name;
    this.columns = List.copyOf(columns);
    this.unique = unique;
  }

  /** The indexed table. */
  public Table table() {
    return table;
  }

  /** The index's name. */
  public String name() {
    return name;
  }

  /** The indexed columns, in order. */
  public List<Column<?>> columns() {
    return columns;
  }

  /** Whether the index also enforces uniqueness. */
  public boolean unique() {
    return unique;
  }

  @Override
  public String toString() {
    return (unique ? "UNIQUE INDEX " : "INDEX ") + name + " " + columns;
  }
}
