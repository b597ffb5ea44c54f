package dev.retort.benchmarks.workload;

/**
 * Workload 3: read many rows at once ({@code id <= rows} from {@code bench_item}) and hydrate each
 * into an {@link dev.retort.benchmarks.Item} record (Core) or an entity (ORM).
 */
public interface Hydration {
  /**
   * Reads and hydrates the first {@code rows} rows.
   *
   * @return the sum of the rows' checksums
   */
  long hydrate(int rows) throws Exception;
}
