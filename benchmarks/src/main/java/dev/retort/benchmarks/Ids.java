package dev.retort.benchmarks;

/**
 * Which rows the read workloads touch: spread over the whole table, the same for every contender,
 * and never the same id twice for the first {@link Sizes#ITEM_ROWS} draws (so no session cache can
 * answer a get).
 */
public final class Ids {
  // A prime that shares no factor with 100,000: k -> k * STEP mod N is a permutation.
  private static final long STEP = 7919;

  private Ids() {}

  /** The {@code k}-th id drawn, 1 to {@link Sizes#ITEM_ROWS}. */
  public static long spread(long k) {
    return (k % Sizes.ITEM_ROWS) * STEP % Sizes.ITEM_ROWS + 1;
  }

  /** Workload 1: the id of get {@code i} of task {@code task}. */
  public static long pkGet(int task, int i, int getsPerTask) {
    return spread((long) task * getsPerTask + i);
  }

  /** Workload 2: the id of primary-key get {@code k} (0 to 9) of request {@code r}. */
  public static long requestGet(int r, int k) {
    return spread((long) r * 10 + k);
  }

  /** Workload 2: the category of page {@code k} (0 to 4) of request {@code r}. */
  public static int requestCategory(int r, int k) {
    return (r * 5 + k) % Item.CATEGORIES;
  }

  /** Workload 2: the first id of range sum {@code k} (0 to 4) of request {@code r}. */
  public static long requestRangeStart(int r, int k) {
    return spread(500_000L + r * 5L + k);
  }

  /** Workload 2: how many ids a range sum covers. */
  public static final int RANGE = 10;

  /** Workload 2: how many rows a category page reads. */
  public static final int PAGE = 10;

  /** Workload 6: the account task {@code task} updates, 1 to {@code accounts}. */
  public static long account(int task, int accounts) {
    return task % accounts + 1;
  }
}
