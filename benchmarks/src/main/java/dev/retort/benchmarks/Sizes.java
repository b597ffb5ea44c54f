package dev.retort.benchmarks;

/**
 * How big each workload is. {@link #full()} is the specification; {@link #quick()} is a
 * tenth of it, for checking the harness end to end in a minute or two.
 *
 * @param pool connections per pool, for every contender
 * @param pkTasks workload 1: concurrent tasks
 * @param pkGetsPerTask workload 1: primary-key gets per task
 * @param requests workload 2: concurrent requests, each running {@link #QUERIES_PER_REQUEST}
 *     queries
 * @param hydrateRows workload 3: rows read and hydrated
 * @param insertRows workload 4: rows inserted, keys fetched
 * @param updateRows workload 5: rows loaded, changed and flushed
 * @param rmwTasks workload 6: concurrent read-modify-write transactions
 * @param accounts workload 6: rows the transactions spread over (so some wait for each other)
 */
public record Sizes(
    int pool,
    int pkTasks,
    int pkGetsPerTask,
    int requests,
    int hydrateRows,
    int insertRows,
    int updateRows,
    int rmwTasks,
    int accounts) {
  /** Queries per request in workload 2: 10 primary-key gets, 5 category pages, 5 range sums. */
  public static final int QUERIES_PER_REQUEST = 20;

  /** Rows in {@code bench_item}, the read-only table of workloads 1 to 3. */
  public static final int ITEM_ROWS = 100_000;

  /** The sizes the issue specifies. */
  public static Sizes full() {
    return new Sizes(20, 200, 200, 256, 100_000, 20_000, 10_000, 1_000, 100);
  }

  /** A tenth of the work, same pool and concurrency shape. */
  public static Sizes quick() {
    return new Sizes(20, 200, 20, 256, 10_000, 2_000, 1_000, 200, 100);
  }

  /** Tiny sizes for the correctness test of every contender. */
  public static Sizes tiny() {
    return new Sizes(4, 8, 5, 8, 300, 150, 120, 40, 10);
  }
}
