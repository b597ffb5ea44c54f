package dev.retort.benchmarks;

import dev.retort.benchmarks.workload.BulkInsert;
import dev.retort.benchmarks.workload.Hydration;
import dev.retort.benchmarks.workload.ManyQueries;
import dev.retort.benchmarks.workload.PrimaryKeyGets;
import dev.retort.benchmarks.workload.ReadModifyWrite;
import dev.retort.benchmarks.workload.UnitOfWork;

/**
 * The six workloads of the issue. A contender takes part in a workload by implementing its
 * interface (in {@code dev.retort.benchmarks.workload}); each run returns a checksum the harness
 * compares with raw JDBC's.
 */
public enum Workload {
  PK_GET(1, "pk get", "gets/s", true, PrimaryKeyGets.class),
  QUERIES_PER_REQUEST(2, "request of 20 queries", "requests/s", false, ManyQueries.class),
  HYDRATION(3, "hydrate rows", "rows/s", true, Hydration.class),
  BULK_INSERT(4, "bulk insert + keys", "rows/s", true, BulkInsert.class),
  UNIT_OF_WORK(5, "load, change, flush", "rows/s", true, UnitOfWork.class),
  READ_MODIFY_WRITE(6, "read-modify-write tx", "tx/s", true, ReadModifyWrite.class);

  private final int number;
  private final String title;
  private final String unit;
  private final boolean orm;
  private final Class<?> contract;

  Workload(int number, String title, String unit, boolean orm, Class<?> contract) {
    this.number = number;
    this.title = title;
    this.unit = unit;
    this.orm = orm;
    this.contract = contract;
  }

  /** The workload's number in the issue, 1 to 6. */
  public int number() {
    return number;
  }

  /** A short name for tables. */
  public String title() {
    return title;
  }

  /** What the throughput counts, per second. */
  public String unit() {
    return unit;
  }

  /** Whether Retort's ORM takes part (the ORM workloads are 1, 3, 4, 5 and 6). */
  public boolean hasOrmContenders() {
    return orm;
  }

  /** The interface a contender implements to take part. */
  public Class<?> contract() {
    return contract;
  }

  /** "1 pk get" and so on. */
  public String label() {
    return number + " " + title;
  }

  /** How many units one run does: the numerator of the throughput. */
  public long operations(Sizes sizes) {
    return switch (this) {
      case PK_GET -> (long) sizes.pkTasks() * sizes.pkGetsPerTask();
      case QUERIES_PER_REQUEST -> sizes.requests();
      case HYDRATION -> sizes.hydrateRows();
      case BULK_INSERT -> sizes.insertRows();
      case UNIT_OF_WORK -> sizes.updateRows();
      case READ_MODIFY_WRITE -> sizes.rmwTasks();
    };
  }

  /** Whether the contender implements this workload's interface. */
  public boolean isImplementedBy(Object contender) {
    return contract.isInstance(contender);
  }

  /**
   * Runs the workload once on the contender and returns its checksum.
   *
   * @throws ClassCastException when the contender does not implement this workload
   */
  public long run(Object contender, BenchDatabase db) throws Exception {
    Sizes s = db.sizes();
    return switch (this) {
      case PK_GET -> ((PrimaryKeyGets) contender).pkGets(s.pkTasks(), s.pkGetsPerTask());
      case QUERIES_PER_REQUEST -> ((ManyQueries) contender).manyQueries(s.requests());
      case HYDRATION -> ((Hydration) contender).hydrate(s.hydrateRows());
      case BULK_INSERT -> ((BulkInsert) contender).bulkInsert(db.newRows(s.insertRows()));
      case UNIT_OF_WORK -> ((UnitOfWork) contender).unitOfWork(s.updateRows());
      case READ_MODIFY_WRITE ->
          ((ReadModifyWrite) contender).readModifyWrite(s.rmwTasks(), s.accounts());
    };
  }

  /**
   * Finds a workload by its number.
   *
   * @throws IllegalArgumentException when there is no such workload
   */
  public static Workload byNumber(int number) {
    for (Workload workload : values()) {
      if (workload.number == number) {
        return workload;
      }
    }
    throw new IllegalArgumentException("No workload " + number + "; they are numbered 1 to 6");
  }
}
