package dev.retort.sql.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table constraint: {@link PrimaryKey}, {@link UniqueConstraint}, {@link CheckConstraint} or
 * {@link ForeignKey}. Unnamed constraints get the database's generated name. Immutable.
 */
public abstract sealed class Constraint
    permits PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey {
  private final Table table;
  private final String name;
  private final List<Column<?>> columns;

  Constraint(Table table, String name, List<Column<?>> columns) {
    this.table = table;
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  /** The table the constraint belongs to. */
  public Table table() {
    return table;
  }

  /** The constraint's name, if it was given one. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The constrained columns of this table, in order; empty for a check constraint. */
  public List<Column<?>> columns() {
    return columns;
  }
}
