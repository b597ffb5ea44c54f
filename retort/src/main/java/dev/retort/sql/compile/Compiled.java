package dev.retort.sql.compile;

import dev.retort.sql.expr.Expression;
import dev.retort.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A statement compiled for one dialect: SQL with positional {@code ?} placeholders and the name of
 * the parameter that fills each placeholder, in order (a name may repeat). Cached and shared, so
 * immutable, apart from one slot where the engine keeps what it learned about the result's columns.
 */
public final class Compiled {
  private final String sql;
  private final List<String> parameterNames;
  private final List<String> generatedKeyColumns;
  private final List<Expression<?>> resultColumns;
  private final boolean keysAsRows;
  private final List<SqlType<?>> parameterTypes;
  private final int[] boundIndexes;
  private volatile Object resultShape;

  /**
   * Creates a compiled statement.
   *
   * @param sql the SQL to send, with {@code ?} placeholders
   * @param parameterNames the parameter bound at each placeholder, in order
   * @param generatedKeyColumns columns whose generated values to fetch after an insert, or empty
   * @param resultColumns the expressions the statement returns, by position, for typed access to
   *     rows; empty for plain SQL
   * @param keysAsRows whether the generated keys are the statement's result rows (an INSERT ...
   *     RETURNING of a key on a database without RETURNING)
   * @param parameterTypes the SQL type of each placeholder's value where the statement knows it
   *     (null entries where it does not); empty for plain SQL
   */
  public Compiled(
      String sql,
      List<String> parameterNames,
      List<String> generatedKeyColumns,
      List<Expression<?>> resultColumns,
      boolean keysAsRows,
      List<SqlType<?>> parameterTypes) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.parameterNames = List.copyOf(parameterNames);
    this.generatedKeyColumns = List.copyOf(generatedKeyColumns);
    this.resultColumns = List.copyOf(resultColumns);
    this.keysAsRows = keysAsRows;
    this.parameterTypes = Collections.unmodifiableList(new ArrayList<>(parameterTypes));
    this.boundIndexes = new int[this.parameterNames.size()];
    for (int i = 0; i < boundIndexes.length; i++) {
      boundIndexes[i] = BindWalker.boundIndex(this.parameterNames.get(i));
    }
  }

  /** A compiled statement without typed result columns (plain SQL, DDL). */
  public Compiled(String sql, List<String> parameterNames, List<String> generatedKeyColumns) {
    this(sql, parameterNames, generatedKeyColumns, List.of(), false, List.of());
  }

  /** The same statement with other SQL (a schema translation applied), sharing the rest. */
  public Compiled withSql(String otherSql) {
    return new Compiled(
        otherSql, parameterNames, generatedKeyColumns, resultColumns, keysAsRows, parameterTypes);
  }

  /** The SQL to send, with {@code ?} placeholders. */
  public String sql() {
    return sql;
  }

  /** The parameter bound at each placeholder, in order. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Columns whose generated values to fetch after an insert, or empty. */
  public List<String> generatedKeyColumns() {
    return generatedKeyColumns;
  }

  /** The expressions the statement returns, by position; empty for plain SQL. */
  public List<Expression<?>> resultColumns() {
    return resultColumns;
  }

  /** Whether the generated keys are the statement's result rows. */
  public boolean keysAsRows() {
    return keysAsRows;
  }

  /** The SQL type of each placeholder's value where known; empty for plain SQL. */
  public List<SqlType<?>> parameterTypes() {
    return parameterTypes;
  }

  /** The type of the value at a 0-based placeholder index, or null when unknown. */
  public SqlType<?> parameterType(int index) {
    return index < parameterTypes.size() ? parameterTypes.get(index) : null;
  }

  /**
   * For a placeholder filled by a value bound inside the statement, that value's index in {@link
   * dev.retort.sql.Executable.Bindings#values()}; -1 for a named parameter given at execution.
   */
  public int boundIndex(int placeholder) {
    return boundIndexes[placeholder];
  }

  /** What the engine learned about the result's columns the first time it ran, or null. */
  public Object resultShape() {
    return resultShape;
  }

  /** Keeps what the engine learned about the result's columns, for later runs. */
  public void resultShape(Object shape) {
    this.resultShape = shape;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Compiled that
        && sql.equals(that.sql)
        && parameterNames.equals(that.parameterNames)
        && generatedKeyColumns.equals(that.generatedKeyColumns)
        && resultColumns.equals(that.resultColumns)
        && keysAsRows == that.keysAsRows
        && parameterTypes.equals(that.parameterTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sql, parameterNames, generatedKeyColumns, keysAsRows);
  }

  @Override
  public String toString() {
    return sql + " " + parameterNames;
  }
}
