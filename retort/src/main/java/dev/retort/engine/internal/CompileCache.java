package dev.retort.engine.internal;

import dev.retort.dialect.Dialect;
import dev.retort.sql.Executable;
import dev.retort.sql.compile.Compiled;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compiled statements by {@link Executable#cacheKey()}, so a repeated statement costs one map
 * lookup. Bounded: when full it is cleared, which is cheap and keeps a hot working set.
 */
public final class CompileCache {
  private final Dialect dialect;
  private final int capacity;
  private final ConcurrentHashMap<Object, Compiled> entries = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** Creates a cache for one dialect holding at most {@code capacity} statements. */
  public CompileCache(Dialect dialect, int capacity) {
    this.dialect = dialect;
    this.capacity = capacity;
  }

  /** Returns the compiled form of the statement, compiling it on a miss. */
  public Compiled get(Executable statement) {
    return get(statement, statement.cacheKey(), false);
  }

  /**
   * Returns the compiled form for a statement whose {@link Executable#cacheKey()} the caller
   * already has, with schema names as tokens when {@code schemaTokens} is set (for a schema
   * translation applied at execution); the two forms are cached apart.
   */
  public Compiled get(Executable statement, Object cacheKey, boolean schemaTokens) {
    Object key = schemaTokens ? new TokenKey(cacheKey) : cacheKey;
    Compiled compiled = entries.get(key);
    if (compiled != null) {
      hits.increment();
      return compiled;
    }
    misses.increment();
    compiled = dialect.compile(statement, schemaTokens);
    if (entries.size() >= capacity) {
      entries.clear();
    }
    entries.put(key, compiled);
    return compiled;
  }

  private record TokenKey(Object key) {}

  /** How many lookups found a compiled statement. */
  public long hits() {
    return hits.sum();
  }

  /** How many lookups had to compile. */
  public long misses() {
    return misses.sum();
  }
}
