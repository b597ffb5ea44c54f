package dev.retort.error;

import java.sql.SQLException;

/** The SQL is wrong: syntax, unknown table or column, wrong parameters. */
public class ProgrammingException extends DatabaseException {
  /** Creates the exception for a failed statement. */
  public ProgrammingException(String message, SQLException cause, String sql) {
    super(ErrorKind.PROGRAMMING, message, cause, sql, false, false);
  }
}
