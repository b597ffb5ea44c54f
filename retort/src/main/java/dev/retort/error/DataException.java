package dev.retort.error;

import java.sql.SQLException;

/** A value was out of range, malformed or of the wrong type. */
public class DataException extends DatabaseException {
  /** Creates the exception for a failed statement. */
  public DataException(String message, SQLException cause, String sql) {
    super(ErrorKind.DATA, message, cause, sql, false, false);
  }
}
