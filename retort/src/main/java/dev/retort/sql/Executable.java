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
}
