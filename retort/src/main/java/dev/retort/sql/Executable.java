package dev.retort.sql;

import java.util.Map;

/**
 * A statement a connection can run: plain {@link TextClause} text now, expression-language
 * statements later. Implementations are immutable, so one instance may be run many times and from
 * many threads.
 */
public interface Executable {
  /**
   * Values bound inside the statement itself, by parameter name; the values given at execution are
   * merged over them. Plain text has none.
   */
  default Map<String, Object> embeddedParameters() {
    return Map.of();
  }

  /**
   * A key that is equal for statements compiling to the same SQL, whatever their bound values, so
   * the compiled form can be cached.
   */
  default Object cacheKey() {
    return this;
  }

  /**
   * What running the statement needs: its {@link #cacheKey()} and the values bound inside it, by
   * index (placeholders name them {@code $0}, {@code $1}, ...). Computed together, in one pass.
   */
  default Bindings bindings() {
    return new Bindings(cacheKey(), NO_VALUES);
  }

  /** No bound values. */
  Object[] NO_VALUES = new Object[0];

  /**
   * A statement's cache key and bound values.
   *
   * @param cacheKey equal for statements that compile to the same SQL
   * @param values the values bound inside the statement, by index
   */
  record Bindings(Object cacheKey, Object[] values) {}
}
