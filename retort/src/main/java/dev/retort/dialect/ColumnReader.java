package dev.retort.dialect;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as its natural Java value; chosen once per result. */
@FunctionalInterface
public interface ColumnReader {
  /** Reads the column at the reader's index from the cursor's current row. */
  Object read(ResultSet rs) throws SQLException;
}
