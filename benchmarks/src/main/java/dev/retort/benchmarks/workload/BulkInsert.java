package dev.retort.benchmarks.workload;

import dev.retort.benchmarks.NewItem;
import java.util.List;

/**
 * Workload 4: insert many new rows into {@code bench_insert} in one transaction and get every
 * generated key back (Core: executemany; ORM: add and flush).
 */
public interface BulkInsert {
  /**
   * Inserts the rows and commits.
   *
   * @return how many distinct generated keys came back
   */
  long bulkInsert(List<NewItem> rows) throws Exception;
}
