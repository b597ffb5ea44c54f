package dev.retort.engine;

import java.time.Duration;
import java.util.List;

/**
 * A connection now checked out of an engine's pool, as {@link Engine#checkouts()} and the
 * pool-exhaustion error report it.
 *
 * @param site the caller's code that checked it out, like {@code Orders.place(Orders.java:42)}
 * @param thread the thread that asked for it
 * @param holder what holds it: {@code Connection} or {@code AsyncConnection}
 * @param held how long it has been checked out
 * @param inTransaction whether a transaction is going on it
 * @param transactionAge how long the transaction has been going; zero when there is none
 * @param running whether a statement is running on it now
 * @param idle how long since its last statement ended (or it was checked out); zero while a
 *     statement runs
 * @param stack the caller's stack at checkout, innermost first; empty unless the engine traces
 *     checkouts ({@link EngineOptions#traceCheckouts()})
 */
public record Checkout(
    String site,
    String thread,
    String holder,
    Duration held,
    boolean inTransaction,
    Duration transactionAge,
    boolean running,
    Duration idle,
    List<StackTraceElement> stack) {

  /** One line: where, which thread, for how long, and the transaction state. */
  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder(holder)
            .append(" checked out at ")
            .append(site)
            .append(" on thread ")
            .append(thread)
            .append(", held ")
            .append(held.toMillis())
            .append(" ms, ");
    if (inTransaction) {
      text.append("in a transaction for ").append(transactionAge.toMillis()).append(" ms");
    } else {
      text.append("not in a transaction");
    }
    if (running) {
      text.append(", running a statement");
    } else {
      text.append(", idle for ").append(idle.toMillis()).append(" ms");
    }
    return text.toString();
  }
}
