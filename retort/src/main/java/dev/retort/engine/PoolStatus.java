package dev.retort.engine;

/**
 * A snapshot of an engine's connection pool.
 *
 * @param total connections open
 * @param active connections checked out
 * @param idle connections waiting in the pool
 * @param waiting callers waiting for a connection
 * @param leaked connections recovered so far from holders that were garbage-collected without
 *     closing them (each one also logged a warning naming where it was checked out)
 */
public record PoolStatus(int total, int active, int idle, int waiting, long leaked) {}
