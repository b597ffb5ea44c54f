package dev.retort.error;

/** A result expected to hold exactly one row held none. */
public class NoResultException extends InvalidRequestException {
  /** Creates the exception. */
  public NoResultException(String message) {
    super(message);
  }
}
