/**
 * The async facade: {@link dev.retort.async.AsyncEngine}, {@link dev.retort.async.AsyncConnection}
 * and {@link dev.retort.async.AsyncResult} return {@code CompletableFuture}s and run the sync core
 * on virtual threads. Thin by design: scheduling, cancellation and ownership checks only.
 */
package dev.retort.async;
