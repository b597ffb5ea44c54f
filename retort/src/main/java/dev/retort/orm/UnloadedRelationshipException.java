package dev.retort.orm;

import dev.retort.error.InvalidRequestException;

/**
 * A relationship that was not loaded was touched where Retort will not load it implicitly: in an
 * {@code AsyncSession} (no hidden I/O), with the RAISE strategy, or on a detached object. The
 * message names the relationship and the ways to load it.
 */
public class UnloadedRelationshipException extends InvalidRequestException {
  /** Creates the exception; the message names the relationship and the fixes. */
  public UnloadedRelationshipException(String message) {
    super(message);
  }
}
