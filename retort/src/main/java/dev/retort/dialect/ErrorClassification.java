package dev.retort.dialect;

import dev.retort.error.ErrorKind;

/**
 * What a driver error means: its category, whether the transaction may be retried, and whether the
 * connection is gone.
 *
 * @param kind the category
 * @param retryable whether running the whole transaction again may succeed
 * @param disconnect whether the connection must be discarded
 */
public record ErrorClassification(ErrorKind kind, boolean retryable, boolean disconnect) {}
