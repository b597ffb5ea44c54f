package dev.retort.orm;

import dev.retort.error.ArgumentException;
import dev.retort.sql.expr.Expression;
import java.util.Arrays;
import java.util.List;

/**
 * One result row of an ORM query selecting several entities and/or expressions: {@code
 * tuple.get(User.class)}, {@code tuple.get(Address_.email)}, {@code tuple.get(0, User.class)}.
 */
public final class Tuple {
  private final List<Object> keys;
  private final Object[] values;

  Tuple(List<Object> keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** The value at a 0-based position. */
  public Object get(int index) {
    if (index < 0 || index >= values.length) {
      throw new ArgumentException(
          "Tuple index " + index + " is out of range: the tuple has " + values.length + " items");
    }
    return values[index];
  }

  /** The value at a 0-based position, cast to {@code type}. */
  public <X> X get(int index, Class<X> type) {
    return type.cast(get(index));
  }

  /**
   * The (first) entity of this class in the tuple; null when an outer join found none.
   *
   * @throws ArgumentException when the query did not select the class
   */
  public <X> X get(Class<X> entity) {
    int i = keys.indexOf(entity);
    if (i < 0) {
      throw new ArgumentException(
          "The query did not select " + entity.getSimpleName() + "; it selected " + keys);
    }
    return entity.cast(values[i]);
  }

  /**
   * The value of a selected expression.
   *
   * @throws ArgumentException when the query did not select it
   */
  @SuppressWarnings("unchecked")
  public <X> X get(Expression<X> expression) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) == expression) {
        return (X) values[i];
      }
    }
    int i = keys.indexOf(expression);
    if (i < 0) {
      throw new ArgumentException(
          "The query did not select " + expression + "; it selected " + keys);
    }
    return (X) values[i];
  }

  /** The number of items. */
  public int size() {
    return values.length;
  }

  /** The items, in selection order. */
  public List<Object> values() {
    return Arrays.asList(values.clone());
  }

  @Override
  public String toString() {
    return "Tuple" + Arrays.toString(values);
  }
}
