package dev.retort.error;

import java.sql.SQLException;

/** A constraint was violated: unique, foreign key, not null or check. */
public class IntegrityException extends DatabaseException {
  /** Creates the exception for a failed statement. */
  public IntegrityException(String message, SQLException cause, String sql) {
    super(ErrorKind.INTEGRITY, message, cause, sql, false, false);
  }
}
