package dev.retort.sql.expr;

import dev.retort.sql.Executable;
import dev.retort.sql.compile.BindWalker;
import java.util.Map;

/**
 * A statement of the expression language: SELECT (and its set operations), INSERT, UPDATE or
 * DELETE. Its bound values travel inside it; its compiled form is cached by structure, so running
 * the same shape of statement with new values costs a map lookup.
 */
public interface Statement extends Executable {
  @Override
  default Map<String, Object> embeddedParameters() {
    return BindWalker.values(this);
  }

  @Override
  default Object cacheKey() {
    return BindWalker.cacheKey(this);
  }

  @Override
  default Bindings bindings() {
    return BindWalker.bindings(this);
  }
}
