package dev.retort.sql.compile;

import java.util.List;

/**
 * A statement compiled for one dialect: SQL with positional {@code ?} placeholders and the name of
 * the parameter that fills each placeholder, in order (a name may repeat). Cached and shared.
 *
 * @param sql the SQL to send, with {@code ?} placeholders
 * @param parameterNames the parameter bound at each placeholder, in order
 * @param generatedKeyColumns columns whose generated values to fetch after an insert, or empty
 */
public record Compiled(String sql, List<String> parameterNames, List<String> generatedKeyColumns) {
  /** Copies the lists so the record is immutable. */
  public Compiled {
    parameterNames = List.copyOf(parameterNames);
    generatedKeyColumns = List.copyOf(generatedKeyColumns);
  }
}
