package dev.retort.benchmarks.workload;

/**
 * Workload 1: primary-key gets from many concurrent tasks. Core contenders select one row by id and
 * hydrate it into an {@link dev.retort.benchmarks.Item}; ORM contenders get an entity by id.
 */
public interface PrimaryKeyGets {
  /**
   * Runs {@code tasks} concurrent tasks, each holding one connection (or session) and getting
   * {@code getsPerTask} rows by primary key, ids from {@link dev.retort.benchmarks.Ids#pkGet}.
   *
   * @return the sum of {@link dev.retort.benchmarks.Item#checksum()} over every row got
   */
  long pkGets(int tasks, int getsPerTask) throws Exception;
}
