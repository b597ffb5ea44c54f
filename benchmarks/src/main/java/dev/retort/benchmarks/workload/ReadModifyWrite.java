package dev.retort.benchmarks.workload;

/**
 * Workload 6: many concurrent transactions, each reading an account's balance with a row lock
 * ({@code FOR UPDATE}, where the database has it) and writing back balance + 1. Task {@code t}
 * updates account {@link dev.retort.benchmarks.Ids#account}; a transaction that fails with a
 * retryable error (serialization failure, deadlock, SQLite busy) is run again.
 */
public interface ReadModifyWrite {
  /**
   * Runs {@code tasks} concurrent transactions over {@code accounts} accounts.
   *
   * @return how many transactions committed
   */
  long readModifyWrite(int tasks, int accounts) throws Exception;
}
