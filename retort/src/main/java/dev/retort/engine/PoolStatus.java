package dev.retort.engine;

/**
 * A snapshot of an engine's connection pool.
 *
 * @param total connections open
 * @param active connections checked out
 * @param idle connections waiting in the pool
 * @param waiting callers waiting for a connection
 */
public record PoolStatus(int total, int active, int idle, int waiting) {}
