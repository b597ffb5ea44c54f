package dev.retort.engine;

/**
 * Work done with a connection that produces a value, e.g. inside {@link
 * Engine#inTransaction(ConnectionCallback)}.
 *
 * @param <T> the value produced
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface ConnectionCallback<T, X extends Exception> {
  /** Does the work. */
  T apply(Connection connection) throws X;
}
