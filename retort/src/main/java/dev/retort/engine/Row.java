package dev.retort.engine;

import dev.retort.engine.internal.RowShape;
import dev.retort.error.ArgumentException;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a result: values by 0-based index or by column name, raw or converted to a Java type
 * ({@code row.get("born", LocalDate.class)}). Immutable and detached from the connection, so it may
 * be kept and shared.
 */
public final class Row {
  private final RowShape shape;
  private final Object[] values;

  Row(RowShape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /** The number of columns. */
  public int size() {
    return values.length;
  }

  /** The column names, in order. */
  public List<String> columns() {
    return shape.names();
  }

  /** The value at a 0-based column index, as the driver returned it (null for SQL NULL). */
  public Object get(int index) {
    checkIndex(index);
    return values[index];
  }

  /**
   * The value at a 0-based index converted to {@code type}.
   *
   * @throws ArgumentException when the value cannot be represented exactly as the type
   */
  public <T> T get(int index, Class<T> type) {
    checkIndex(index);
    return convert(index, type);
  }

  /**
   * The value of a selected expression, typed by it: {@code row.get(USERS.name)} is a {@code
   * String}. Finds the column by the expression the statement selected (or by name for a column or
   * label).
   *
   * @throws ArgumentException when the statement did not select it, or the value does not fit its
   *     Java type
   */
  public <T> T get(Expression<T> expression) {
    int index = shape.indexOf(expression);
    Class<T> type = expression.javaType();
    if (type == Object.class) {
      return type.cast(values[index]);
    }
    T value = convert(index, type);
    // A database that stores decimals as numbers (SQLite) drops trailing zeros: restore the scale.
    if (value instanceof BigDecimal d
        && expression.type() instanceof SqlType.Numeric n
        && d.scale() < n.scale()) {
      return type.cast(d.setScale(n.scale()));
    }
    return value;
  }

  /**
   * The value of the named column (exact name first, then ignoring case).
   *
   * @throws ArgumentException naming the columns when there is no such column
   */
  public Object get(String column) {
    return values[shape.indexOf(column)];
  }

  /** The value of the named column converted to {@code type}. */
  public <T> T get(String column, Class<T> type) {
    return convert(shape.indexOf(column), type);
  }

  /** The named column as a String, or null. */
  public String getString(String column) {
    return get(column, String.class);
  }

  /** The named column as an Integer, or null; refuses values that do not fit. */
  public Integer getInt(String column) {
    return get(column, Integer.class);
  }

  /** The named column as a Long, or null; refuses values that do not fit. */
  public Long getLong(String column) {
    return get(column, Long.class);
  }

  /** The values in column order (an unmodifiable view). */
  public List<Object> values() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  /** The row as an ordered map from column name to value. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.putIfAbsent(shape.names().get(i), values[i]);
    }
    return map;
  }

  /**
   * Maps the row into a Java record whose components are named like the columns ({@code createdAt}
   * also matches {@code created_at}).
   */
  public <R> R as(Class<R> recordType) {
    return shape.mapper(recordType).map(values);
  }

  private <T> T convert(int index, Class<T> type) {
    try {
      return shape.dialect().convert(values[index], type);
    } catch (IllegalArgumentException e) {
      throw new ArgumentException(
          "Column '" + shape.names().get(index) + "' (index " + index + "): " + e.getMessage(), e);
    }
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= values.length) {
      throw new ArgumentException(
          "Column index "
              + index
              + " is out of range: the row has "
              + values.length
              + " columns "
              + shape.names()
              + " (indexes start at 0)");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Row that && Arrays.deepEquals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  /** Shows the values as a tuple, e.g. {@code (1, 'Lynn', 'Backend Developer')}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      Object v = values[i];
      out.append(
          v instanceof String || v instanceof java.time.temporal.Temporal
              ? "'" + v + "'"
              : v instanceof byte[] b ? "byte[" + b.length + "]" : String.valueOf(v));
    }
    return out.append(')').toString();
  }
}
