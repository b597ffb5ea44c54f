package dev.retort.engine;

import dev.retort.engine.internal.CallSite;
import java.lang.ref.Cleaner;
import java.time.Duration;

/**
 * The engine's record of one checked-out connection: where and when it was taken, whether it is in
 * a transaction and since when it has been idle. It is also the action the {@link Cleaner} runs
 * when the {@link Connection} becomes unreachable without having been closed, so it must never
 * refer to the Connection itself (that would keep it reachable forever).
 */
final class Lease implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Engine engine;
  private final java.sql.Connection jdbc;
  private final CallSite site;
  private final long sinceNanos = System.nanoTime();
  private volatile long transactionSinceNanos;
  private volatile long lastActivityNanos = sinceNanos;
  private volatile boolean statementRunning;
  private volatile boolean inTransaction;
  private volatile boolean idleWarned;
  private volatile boolean released;
  private Cleaner.Cleanable cleanable;

  /** Where {@link Checkouts} keeps it: a slot index, or -1 in its overflow set. */
  volatile int slot = -1;

  Lease(Engine engine, java.sql.Connection jdbc, CallSite site) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.site = site;
  }

  /**
   * Starts watching {@code connection}: if it is collected unclosed, {@link #run()} recovers it.
   */
  void watch(Connection connection) {
    cleanable = CLEANER.register(connection, this);
  }

  /** The connection was closed normally: stop watching it. */
  void release() {
    released = true;
    if (cleanable != null) {
      cleanable.clean();
    }
  }

  /** Runs on the cleaner's thread when the Connection was garbage-collected without close(). */
  @Override
  public void run() {
    if (!released) {
      released = true;
      engine.reclaim(this);
    }
  }

  void statementStarted() {
    statementRunning = true;
  }

  void statementEnded() {
    statementRunning = false;
    lastActivityNanos = System.nanoTime();
    idleWarned = false;
  }

  void transactionBegan() {
    long now = System.nanoTime();
    transactionSinceNanos = now;
    lastActivityNanos = now;
    inTransaction = true;
    idleWarned = false;
  }

  void transactionEnded() {
    inTransaction = false;
    lastActivityNanos = System.nanoTime();
  }

  java.sql.Connection jdbc() {
    return jdbc;
  }

  CallSite site() {
    return site;
  }

  long sinceNanos() {
    return sinceNanos;
  }

  /**
   * How long the transaction has been waiting for its next statement, or null when it is not in a
   * transaction or a statement is running.
   */
  Duration transactionIdle(long now) {
    if (!inTransaction || statementRunning) {
      return null;
    }
    return Duration.ofNanos(now - lastActivityNanos);
  }

  /** Marks the current idle period as reported; false if it was already. */
  boolean markIdleWarned() {
    if (idleWarned) {
      return false;
    }
    idleWarned = true;
    return true;
  }

  /** A snapshot for reports. */
  Checkout snapshot(long now) {
    boolean tx = inTransaction;
    boolean running = statementRunning;
    return new Checkout(
        site.frame(),
        site.thread(),
        site.holder(),
        Duration.ofNanos(now - sinceNanos),
        tx,
        tx ? Duration.ofNanos(now - transactionSinceNanos) : Duration.ZERO,
        running,
        running ? Duration.ZERO : Duration.ofNanos(now - lastActivityNanos),
        site.stack());
  }
}
