package dev.retort.sql.compile;

import dev.retort.sql.expr.Expression;
import dev.retort.sql.types.SqlType;
import java.util.List;

/**
 * A statement compiled for one dialect: SQL with positional {@code ?} placeholders and the name of
 * the parameter that fills each placeholder, in order (a name may repeat). Cached and shared.
 *
 * @param sql the SQL to send, with {@code ?} placeholders
 * @param parameterNames the parameter bound at each placeholder, in order
 * @param generatedKeyColumns columns whose generated values to fetch after an insert, or empty
 * @param resultColumns the expressions the statement returns, by position, for typed access to
 *     rows; empty for plain SQL
 * @param keysAsRows whether the generated keys are the statement's result rows (an INSERT ...
 *     RETURNING of a key on a database without RETURNING)
 * @param parameterTypes the SQL type of each placeholder's value where the statement knows it (null
 *     entries where it does not); empty for plain SQL
 */
public record Compiled(
    String sql,
    List<String> parameterNames,
    List<String> generatedKeyColumns,
    List<Expression<?>> resultColumns,
    boolean keysAsRows,
    List<SqlType<?>> parameterTypes) {
  /** Copies the lists so the record is immutable. */
  public Compiled {
    parameterNames = List.copyOf(parameterNames);
    generatedKeyColumns = List.copyOf(generatedKeyColumns);
    resultColumns = List.copyOf(resultColumns);
    parameterTypes =
        java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameterTypes));
  }

  /** The type of the value at a 0-based placeholder index, or null when unknown. */
  public SqlType<?> parameterType(int index) {
    return index < parameterTypes.size() ? parameterTypes.get(index) : null;
  }

  /** A compiled statement without typed result columns (plain SQL, DDL). */
  public Compiled(String sql, List<String> parameterNames, List<String> generatedKeyColumns) {
    this(sql, parameterNames, generatedKeyColumns, List.of(), false, List.of());
  }
}
