package dev.retort.engine;

/**
 * How an engine's statement-compile cache has served lookups.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that had to compile
 */
public record CompileCacheStats(long hits, long misses) {}
