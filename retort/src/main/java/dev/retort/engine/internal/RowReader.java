package dev.retort.engine.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the cursor's current row as one Java object (a record, or one column's value). */
@FunctionalInterface
public interface RowReader<R> {
  /** Reads the current row. */
  R read(ResultSet rs) throws SQLException;

  /** A reader running a method handle of type {@code (ResultSet) -> Object}. */
  static <R> RowReader<R> of(java.lang.invoke.MethodHandle handle) {
    return rs -> {
      try {
        @SuppressWarnings("unchecked")
        R row = (R) handle.invokeExact(rs);
        return row;
      } catch (SQLException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("Reading a row failed: " + e, e);
      }
    };
  }
}
