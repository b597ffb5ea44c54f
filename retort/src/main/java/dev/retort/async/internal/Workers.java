package dev.retort.async.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads async work runs on: each connection's {@link Lane} drains its tasks on one of them at
 * a time. Normally a virtual thread per drain. A driver that runs native code (SQLite's JNI) holds
 * its carrier thread for the whole call, so its work goes to a pool of platform threads instead and
 * cannot starve other virtual threads of carriers.
 */
public final class Workers {
  private Workers() {}

  /** Virtual threads, one per task. */
  public static ExecutorService virtual(String name) {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
  }

  /**
   * Platform threads, as many as connections: each connection's lane drains on one thread at a time
   * and never waits for the pool, so work never queues behind work that waits for another
   * connection.
   */
  public static ExecutorService platform(String name, int threads) {
    return Executors.newFixedThreadPool(
        threads, Thread.ofPlatform().daemon().name(name + "-", 0).factory());
  }
}
