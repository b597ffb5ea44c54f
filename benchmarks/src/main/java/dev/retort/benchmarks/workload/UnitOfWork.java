package dev.retort.benchmarks.workload;

/**
 * Workload 5: in one transaction, load every row of {@code bench_update} ({@code rows} of them),
 * add 1 to each row's {@code quantity}, and write the changes back (Core: a batched UPDATE by id;
 * ORM: change the entities and flush).
 */
public interface UnitOfWork {
  /**
   * Loads, changes and flushes, then commits.
   *
   * @return how many rows were changed
   */
  long unitOfWork(int rows) throws Exception;
}
