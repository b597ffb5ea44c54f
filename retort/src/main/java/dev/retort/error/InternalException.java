package dev.retort.error;

import java.sql.SQLException;

/** The database reported an internal error. */
public class InternalException extends DatabaseException {
  /** Creates the exception for a failed statement. */
  public InternalException(String message, SQLException cause, String sql) {
    super(ErrorKind.INTERNAL, message, cause, sql, false, false);
  }
}
