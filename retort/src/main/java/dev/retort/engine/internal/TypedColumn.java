package dev.retort.engine.internal;

import dev.retort.dialect.ColumnReader;
import dev.retort.dialect.Dialect;
import dev.retort.error.ArgumentException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One result column read as one Java type: a record component, or the value of a one-column read.
 *
 * <p>Two ways in. {@link #convert} takes a value already read by the column's {@link ColumnReader}
 * (a {@code Row}) and converts it exactly, failing with a message that names the column and the
 * target. {@link #handle} reads straight from the cursor with the driver's typed getter when the
 * dialect says that getter is exact for the column's type ({@link Dialect#typedGetter}): no {@code
 * getObject}, no boxing, no conversion. The typed getters return 0 for SQL NULL, so a 0 (and, on
 * SQLite, a value stored with another storage class that the getter turned into 0) is read again
 * the exact way, which tells NULL and refuses what does not fit.
 */
final class TypedColumn {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private final int index;
  private final String column;
  private final ColumnReader generic;
  private final Class<?> type;
  private final Dialect dialect;
  private final String target;

  /**
   * @param index the 0-based column index
   * @param column the column's name, for messages
   * @param generic how a row reads the column
   * @param type the Java type to produce
   * @param target what is being filled, for messages (e.g. {@code Item.price})
   */
  TypedColumn(
      int index,
      String column,
      ColumnReader generic,
      Class<?> type,
      Dialect dialect,
      String target) {
    this.index = index;
    this.column = column;
    this.generic = generic;
    this.type = type;
    this.dialect = dialect;
    this.target = target;
  }

  /** The 0-based column index. */
  int index() {
    return index;
  }

  /** Converts a value the column's reader returned. */
  Object convert(Object value) {
    if (value == null && type.isPrimitive()) {
      throw new ArgumentException(
          "Column '"
              + column
              + "' is NULL but "
              + target
              + " is a primitive "
              + type
              + "; use its wrapper type");
    }
    try {
      return dialect.convert(value, type);
    } catch (IllegalArgumentException e) {
      throw new ArgumentException(
          "Cannot map column '" + column + "' to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * A method handle of type {@code (ResultSet) -> type} reading this column of the cursor's current
   * row.
   *
   * @param jdbcType the column's JDBC type ({@link java.sql.Types})
   */
  MethodHandle handle(int jdbcType) {
    Class<?> getter = dialect.typedGetter(jdbcType);
    String method = null;
    if (getter == long.class) {
      method =
          type == long.class
              ? "readLong"
              : type == Long.class
                  ? "readLongObject"
                  : type == int.class ? "readInt" : type == Integer.class ? "readInteger" : null;
    } else if (getter == double.class) {
      method =
          type == double.class ? "readDouble" : type == Double.class ? "readDoubleObject" : null;
    } else if (getter == String.class && type == String.class) {
      method = "readString";
    }
    try {
      if (method == null) {
        return LOOKUP
            .findVirtual(
                TypedColumn.class,
                "readConverted",
                MethodType.methodType(Object.class, ResultSet.class))
            .bindTo(this)
            .asType(MethodType.methodType(type, ResultSet.class));
      }
      return LOOKUP
          .findVirtual(TypedColumn.class, method, MethodType.methodType(type, ResultSet.class))
          .bindTo(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads this column of the current row as an object of the type (boxed), the typed getter's way
   * where {@link #handle} would use it; for a row of values rather than a record.
   */
  ColumnReader boxed(int jdbcType) {
    if (type == Object.class) {
      return generic;
    }
    Class<?> getter = dialect.typedGetter(jdbcType);
    if (getter == long.class && (type == Long.class || type == long.class)) {
      return this::readLongObject;
    }
    if (getter == long.class && (type == Integer.class || type == int.class)) {
      return this::readInteger;
    }
    if (getter == double.class && (type == Double.class || type == double.class)) {
      return this::readDoubleObject;
    }
    if (getter == String.class && type == String.class) {
      return this::readString;
    }
    return this::readConverted;
  }

  // ---- readers, bound to a column by handle() ----

  Object readConverted(ResultSet rs) throws SQLException {
    return convert(generic.read(rs));
  }

  long readLong(ResultSet rs) throws SQLException {
    long v = rs.getLong(index + 1);
    return v != 0 ? v : (Long) readConverted(rs);
  }

  Long readLongObject(ResultSet rs) throws SQLException {
    long v = rs.getLong(index + 1);
    return v != 0 ? Long.valueOf(v) : (Long) readConverted(rs);
  }

  int readInt(ResultSet rs) throws SQLException {
    long v = rs.getLong(index + 1);
    return v != 0 && (int) v == v ? (int) v : (Integer) readConverted(rs);
  }

  Integer readInteger(ResultSet rs) throws SQLException {
    long v = rs.getLong(index + 1);
    return v != 0 && (int) v == v ? Integer.valueOf((int) v) : (Integer) readConverted(rs);
  }

  double readDouble(ResultSet rs) throws SQLException {
    double v = rs.getDouble(index + 1);
    return v != 0 ? v : (Double) readConverted(rs);
  }

  Double readDoubleObject(ResultSet rs) throws SQLException {
    double v = rs.getDouble(index + 1);
    return v != 0 ? Double.valueOf(v) : (Double) readConverted(rs);
  }

  String readString(ResultSet rs) throws SQLException {
    return rs.getString(index + 1);
  }
}
