package dev.retort.benchmarks.workload;

/**
 * Workload 2: a request that runs 20 independent small queries on one connection, from many
 * concurrent requests: 10 gets by id ({@link dev.retort.benchmarks.Ids#requestGet}), 5 pages of the
 * first {@link dev.retort.benchmarks.Ids#PAGE} items of a category by id ({@link
 * dev.retort.benchmarks.Ids#requestCategory}) and 5 sums of {@code quantity} over {@link
 * dev.retort.benchmarks.Ids#RANGE} consecutive ids ({@link
 * dev.retort.benchmarks.Ids#requestRangeStart}).
 */
public interface ManyQueries {
  /**
   * Runs {@code requests} concurrent requests.
   *
   * @return the sum over all requests of the item checksums read plus the range sums
   */
  long manyQueries(int requests) throws Exception;
}
