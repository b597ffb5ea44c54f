package dev.retort.engine;

/**
 * Work done with a connection that produces nothing, e.g. inside {@link
 * Engine#useTransaction(ConnectionConsumer)}.
 *
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface ConnectionConsumer<X extends Exception> {
  /** Does the work. */
  void accept(Connection connection) throws X;
}
