package dev.retort.benchmarks;

/**
 * What a correct run of each workload returns, computed from the seeded data alone (so raw JDBC is
 * checked too, not taken on trust).
 */
public final class Expected {
  private Expected() {}

  /** The checksum a run must return. */
  public static long checksum(Workload workload, Sizes s) {
    return switch (workload) {
      case PK_GET -> pkGets(s.pkTasks(), s.pkGetsPerTask());
      case QUERIES_PER_REQUEST -> manyQueries(s.requests());
      case HYDRATION -> hydrate(s.hydrateRows());
      case BULK_INSERT -> s.insertRows();
      case UNIT_OF_WORK -> s.updateRows();
      case READ_MODIFY_WRITE -> s.rmwTasks();
    };
  }

  /**
   * How much a run changes {@link BenchDatabase#stateOf}: the rows inserted, the quantity added,
   * the balance added.
   */
  public static long stateChange(Workload workload, Sizes s) {
    return switch (workload) {
      case BULK_INSERT -> s.insertRows();
      case UNIT_OF_WORK -> s.updateRows();
      case READ_MODIFY_WRITE -> s.rmwTasks();
      default -> 0;
    };
  }

  private static long pkGets(int tasks, int gets) {
    long sum = 0;
    for (int t = 0; t < tasks; t++) {
      for (int i = 0; i < gets; i++) {
        sum += Item.seeded(Ids.pkGet(t, i, gets)).checksum();
      }
    }
    return sum;
  }

  private static long manyQueries(int requests) {
    long sum = 0;
    for (int r = 0; r < requests; r++) {
      for (int k = 0; k < 10; k++) {
        sum += Item.seeded(Ids.requestGet(r, k)).checksum();
      }
      for (int k = 0; k < 5; k++) {
        int category = Ids.requestCategory(r, k);
        long first = category == 0 ? Item.CATEGORIES : category;
        for (int i = 0; i < Ids.PAGE; i++) {
          sum += Item.seeded(first + (long) i * Item.CATEGORIES).checksum();
        }
      }
      for (int k = 0; k < 5; k++) {
        long start = Ids.requestRangeStart(r, k);
        for (long id = start; id < start + Ids.RANGE && id <= Sizes.ITEM_ROWS; id++) {
          sum += Item.seeded(id).quantity();
        }
      }
    }
    return sum;
  }

  private static long hydrate(int rows) {
    long sum = 0;
    for (long id = 1; id <= rows; id++) {
      sum += Item.seeded(id).checksum();
    }
    return sum;
  }
}
