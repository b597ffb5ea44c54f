package dev.retort.sql.ddl;

import dev.retort.sql.schema.Index;
import java.util.Objects;

/**
 * {@code DROP INDEX}. Immutable.
 *
 * @param index the index to drop
 * @param skipMissing whether to do nothing when the index does not exist ({@code IF EXISTS})
 */
public record DropIndex(Index index, boolean skipMissing) implements DdlStatement {
  /** Checks the index is given. */
  public DropIndex {
    Objects.requireNonNull(index, "index");
  }

  /** Creates the statement; fails if the index does not exist. */
  public DropIndex(Index index) {
    this(index, false);
  }

  /** Returns a copy with {@code IF EXISTS}: nothing happens when the index does not exist. */
  public DropIndex ifExists() {
    return new DropIndex(index, true);
  }
}
