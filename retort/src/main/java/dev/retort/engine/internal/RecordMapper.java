package dev.retort.engine.internal;

import dev.retort.error.ArgumentException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Builds records from rows: each record component takes the column of the same name (exactly,
 * ignoring case, or in snake_case: {@code createdAt} from {@code created_at}), converted to the
 * component's type. Either from a row's values ({@link #map}), or straight from the cursor with
 * typed getters ({@link #reader}), one method handle per record type and result shape.
 */
public final class RecordMapper<R> {
  private final Class<R> type;
  private final TypedColumn[] columns;
  private final MethodHandle constructor;
  private final MethodHandle fromValues;

  RecordMapper(Class<R> type, RowShape shape) {
    if (!type.isRecord()) {
      throw new ArgumentException(
          type.getName() + " is not a record; rows map only into Java records");
    }
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    columns = new TypedColumn[components.length];
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
      columns[i] =
          shape.typedColumn(column, components[i].getType(), type.getSimpleName() + "." + name);
    }
    try {
      Constructor<R> declared =
          type.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      declared.setAccessible(true);
      constructor = MethodHandles.lookup().unreflectConstructor(declared);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ArgumentException(
          "Cannot construct "
              + type.getName()
              + ": "
              + e.getMessage()
              + " (a record in a named module must open its package to dev.retort)",
          e);
    }
    fromValues =
        constructor
            .asSpreader(Object[].class, components.length)
            .asType(MethodType.methodType(Object.class, Object[].class));
  }

  /** Builds a record from one row's values. */
  public R map(Object[] values) {
    Object[] args = new Object[columns.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = columns[i].convert(values[columns[i].index()]);
    }
    try {
      @SuppressWarnings("unchecked")
      R record = (R) fromValues.invokeExact(args);
      return record;
    } catch (Throwable e) {
      throw new ArgumentException("The constructor of " + type.getName() + " failed: " + e, e);
    }
  }

  /**
   * Builds a reader of records straight from a cursor of this shape (kept by {@link RowShape}):
   * each component with the driver's typed getter where that is exact for the column's type, else
   * through the row reader and conversion.
   */
  public RowReader<R> reader(ResultSetMetaData meta) throws SQLException {
    MethodHandle[] reads = new MethodHandle[columns.length];
    for (int i = 0; i < reads.length; i++) {
      reads[i] = columns[i].handle(meta.getColumnType(columns[i].index() + 1));
    }
    MethodHandle all = MethodHandles.filterArguments(constructor, 0, reads);
    MethodHandle one =
        reads.length == 0
            ? MethodHandles.dropArguments(all, 0, ResultSet.class)
            : MethodHandles.permuteArguments(
                all, MethodType.methodType(type, ResultSet.class), new int[reads.length]);
    RowReader<R> read =
        RowReader.of(one.asType(MethodType.methodType(Object.class, ResultSet.class)));
    return rs -> {
      try {
        return read.read(rs);
      } catch (ArgumentException | SQLException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ArgumentException("The constructor of " + type.getName() + " failed: " + e, e);
      }
    };
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
