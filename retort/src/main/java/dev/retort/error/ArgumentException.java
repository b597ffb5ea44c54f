package dev.retort.error;

/**
 * A caller passed something Retort cannot use: a malformed URL, an unknown option, a missing or
 * misspelled statement parameter. Raised before anything is sent to the database.
 */
public class ArgumentException extends RetortException {
  /** Creates the exception; the message names what was wrong. */
  public ArgumentException(String message) {
    super(message);
  }

  /** Creates the exception with the underlying cause. */
  public ArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
