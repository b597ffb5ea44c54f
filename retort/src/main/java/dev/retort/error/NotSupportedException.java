package dev.retort.error;

import java.sql.SQLException;

/** The database does not support what the statement asked for. */
public class NotSupportedException extends DatabaseException {
  /** Creates the exception for a failed statement. */
  public NotSupportedException(String message, SQLException cause, String sql) {
    super(ErrorKind.NOT_SUPPORTED, message, cause, sql, false, false);
  }
}
