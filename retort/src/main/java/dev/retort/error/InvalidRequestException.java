package dev.retort.error;

/**
 * An operation was asked for in a state that does not allow it, such as committing a transaction
 * that already ended or using a closed connection.
 */
public class InvalidRequestException extends RetortException {
  /** Creates the exception; the message names the operation and the state. */
  public InvalidRequestException(String message) {
    super(message);
  }
}
