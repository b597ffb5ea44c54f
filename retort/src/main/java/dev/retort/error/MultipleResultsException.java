package dev.retort.error;

/** A result expected to hold at most one row held more. */
public class MultipleResultsException extends InvalidRequestException {
  /** Creates the exception. */
  public MultipleResultsException(String message) {
    super(message);
  }
}
