package dev.retort.error;

/** Base of every exception Retort throws; unchecked, so callers catch only what they can handle. */
public class RetortException extends RuntimeException {
  /** Creates an exception with a message. */
  public RetortException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public RetortException(String message, Throwable cause) {
    super(message, cause);
  }
}
