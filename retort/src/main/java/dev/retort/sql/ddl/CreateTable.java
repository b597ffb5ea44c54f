package dev.retort.sql.ddl;

import dev.retort.sql.schema.Table;
import java.util.Objects;

/**
 * {@code CREATE TABLE} with the table's columns, primary key, constraints and foreign keys (indexes
 * are separate {@link CreateIndex} statements). Immutable.
 *
 * @param table the table to create
 * @param skipExisting whether to do nothing when the table exists ({@code IF NOT EXISTS})
 */
public record CreateTable(Table table, boolean skipExisting) implements DdlStatement {
  /** Checks the table is given. */
  public CreateTable {
    Objects.requireNonNull(table, "table");
  }

  /** Creates the statement; fails if the table exists. */
  public CreateTable(Table table) {
    this(table, false);
  }

  /** Returns a copy with {@code IF NOT EXISTS}: nothing happens when the table exists. */
  public CreateTable ifNotExists() {
    return new CreateTable(table, true);
  }
}
