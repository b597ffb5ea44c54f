package dev.retort.sql.ddl;

import dev.retort.sql.schema.Index;
import java.util.Objects;

/**
 * {@code CREATE [UNIQUE] INDEX}. Immutable.
 *
 * @param index the index to create
 * @param skipExisting whether to do nothing when the index exists ({@code IF NOT EXISTS})
 */
public record CreateIndex(Index index, boolean skipExisting) implements DdlStatement {
  /** Checks the index is given. */
  public CreateIndex {
    Objects.requireNonNull(index, "index");
  }

  /** Creates the statement; fails if the index exists. */
  public CreateIndex(Index index) {
    this(index, false);
  }

  /** Returns a copy with {@code IF NOT EXISTS}: nothing happens when the index exists. */
  public CreateIndex ifNotExists() {
    return new CreateIndex(index, true);
  }
}
