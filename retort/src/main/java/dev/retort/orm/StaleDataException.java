package dev.retort.orm;

import dev.retort.error.RetortException;

/**
 * An UPDATE or DELETE of a versioned (or vanished) row matched no row: someone else changed or
 * deleted it since this session read it. The session rolled back; reload the object and retry.
 */
public class StaleDataException extends RetortException {
  /** Creates the exception; the message names the objects and the versions expected. */
  public StaleDataException(String message) {
    super(message);
  }
}
