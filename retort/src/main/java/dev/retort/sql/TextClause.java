package dev.retort.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Plain SQL with named parameters written as {@code :name}. Values are always sent as bound
 * parameters, never spliced into the text. Write {@code \:} for a literal colon; {@code ::} (the
 * PostgreSQL cast) and colons inside quotes or comments are left alone. Immutable.
 */
public final class TextClause implements Executable {
  private final String text;
  private final List<String> generatedKeyColumns;

  TextClause(String text, List<String> generatedKeyColumns) {
    this.text = Objects.requireNonNull(text, "text");
    this.generatedKeyColumns = generatedKeyColumns;
  }

  /** The SQL as written, with its {@code :name} parameters. */
  public String text() {
    return text;
  }

  /**
   * Returns a copy that asks the database for the values it generated for these columns (such as an
   * auto-increment id) when the statement inserts rows; read them with {@code
   * Result.generatedKeys()}.
   */
  public TextClause returningGeneratedKeys(String... columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("returningGeneratedKeys needs at least one column name");
    }
    return new TextClause(text, List.copyOf(Arrays.asList(columns)));
  }

  /** The columns whose generated values are fetched after an insert; empty when not asked. */
  public List<String> generatedKeyColumns() {
    return generatedKeyColumns;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TextClause that
        && text.equals(that.text)
        && generatedKeyColumns.equals(that.generatedKeyColumns);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + generatedKeyColumns.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
