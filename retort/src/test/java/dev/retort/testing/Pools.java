package dev.retort.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.engine.Engine;
import dev.retort.engine.PoolStatus;

/** Assertions on an engine's pool. */
public final class Pools {
  private Pools() {}

  /**
   * Waits (at most 5 s) until no connection is checked out, then asserts it: connections are
   * returned by worker threads shortly after the futures complete.
   */
  public static void assertAllReturned(Engine engine) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    PoolStatus status = engine.poolStatus();
    while (status.active() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      status = engine.poolStatus();
    }
    assertThat(status.active()).as("connections still checked out: %s", status).isZero();
  }
}
