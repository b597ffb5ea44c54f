package dev.retort.engine.internal;

import dev.retort.error.ArgumentException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Builds records from rows: each record component takes the column of the same name (exactly,
 * ignoring case, or in snake_case: {@code createdAt} from {@code created_at}), converted to the
 * component's type.
 */
public final class RecordMapper<R> {
  private final Class<R> type;
  private final Constructor<R> constructor;
  private final int[] columns;
  private final Class<?>[] types;
  private final String[] componentNames;
  private final RowShape shape;

  RecordMapper(Class<R> type, RowShape shape) {
    if (!type.isRecord()) {
      throw new ArgumentException(
          type.getName() + " is not a record; rows map only into Java records");
    }
    this.type = type;
    this.shape = shape;
    RecordComponent[] components = type.getRecordComponents();
    columns = new int[components.length];
    types = new Class<?>[components.length];
    componentNames = new String[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      int column = shape.find(name);
      if (column < 0) {
        column = shape.find(snakeCase(name));
      }
      if (column < 0) {
        throw new ArgumentException(
            "Cannot map rows to "
                + type.getSimpleName()
                + ": no column for component '"
                + name
                + "' (nor '"
                + snakeCase(name)
                + "'); the result's columns are "
                + shape.names());
      }
      columns[i] = column;
      types[i] = components[i].getType();
      componentNames[i] = name;
    }
    try {
      constructor =
          type.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      constructor.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ArgumentException(
          "Cannot construct "
              + type.getName()
              + ": "
              + e.getMessage()
              + " (a record in a named module must open its package to dev.retort)",
          e);
    }
  }

  /** Builds a record from one row's values. */
  public R map(Object[] values) {
    Object[] args = new Object[columns.length];
    for (int i = 0; i < args.length; i++) {
      Object value = values[columns[i]];
      if (value == null && types[i].isPrimitive()) {
        throw new ArgumentException(
            "Column '"
                + shape.names().get(columns[i])
                + "' is NULL but "
                + type.getSimpleName()
                + "."
                + componentNames[i]
                + " is a primitive "
                + types[i]
                + "; use its wrapper type");
      }
      try {
        args[i] = shape.dialect().convert(value, types[i]);
      } catch (IllegalArgumentException e) {
        throw new ArgumentException(
            "Cannot map column '"
                + shape.names().get(columns[i])
                + "' to "
                + type.getSimpleName()
                + "."
                + componentNames[i]
                + ": "
                + e.getMessage(),
            e);
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new ArgumentException(
          "The constructor of " + type.getName() + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ArgumentException("Cannot construct " + type.getName() + ": " + e, e);
    }
  }

  private static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
