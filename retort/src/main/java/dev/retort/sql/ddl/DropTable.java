package dev.retort.sql.ddl;

import dev.retort.sql.schema.Table;
import java.util.Objects;

/**
 * {@code DROP TABLE}, which drops the table's indexes with it. Immutable.
 *
 * @param table the table to drop
 * @param skipMissing whether to do nothing when the table does not exist ({@code IF EXISTS})
 */
public record DropTable(Table table, boolean skipMissing) implements DdlStatement {
  /** Checks the table is given. */
  public DropTable {
    Objects.requireNonNull(table, "table");
  }

  /** Creates the statement; fails if the table does not exist. */
  public DropTable(Table table) {
    this(table, false);
  }

  /** Returns a copy with {@code IF EXISTS}: nothing happens when the table does not exist. */
  public DropTable ifExists() {
    return new DropTable(table, true);
  }
}
