package dev.retort.sql.schema;

import java.util.List;

/** A condition, written in SQL, that every row must satisfy, e.g. {@code age >= 0}. Immutable. */
public final class CheckConstraint extends Constraint {
  private final String condition;

  CheckConstraint(Table table, String name, String condition) {
    super(table, name, List.of());
    this.condition = condition;
  }

  /** The condition as SQL text, written into the DDL as is. */
  public String condition() {
    return condition;
  }

  @Override
  public String toString() {
    return "CHECK (" + condition + ")";
  }
}
