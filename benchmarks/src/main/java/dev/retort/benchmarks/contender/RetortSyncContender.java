package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.BenchDatabase;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.Item;
import dev.retort.benchmarks.NewItem;
import dev.retort.benchmarks.Retry;
import dev.retort.benchmarks.Tasks;
import dev.retort.benchmarks.workload.BulkInsert;
import dev.retort.benchmarks.workload.Hydration;
import dev.retort.benchmarks.workload.ManyQueries;
import dev.retort.benchmarks.workload.PrimaryKeyGets;
import dev.retort.benchmarks.workload.ReadModifyWrite;
import dev.retort.benchmarks.workload.UnitOfWork;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import java.util.List;

/**
 * Retort Core on the sync API: {@link Engine} and {@link Connection}, one connection per task on
 * virtual threads (platform threads on SQLite), rows hydrated with {@code as(Item.class)}.
 */
public final class RetortSyncContender
    implements Contender,
        PrimaryKeyGets,
        ManyQueries,
        Hydration,
        BulkInsert,
        UnitOfWork,
        ReadModifyWrite {
  private final Engine engine;
  private final Tasks tasks;
  private final RetortStatements sql;

  /** Uses the shared Retort engine. */
  public RetortSyncContender(BenchDatabase db) {
    this.engine = db.retort().sync();
    this.tasks = db.tasks();
    this.sql = new RetortStatements(db.schema());
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.run(
        taskCount,
        t -> {
          long sum = 0;
          try (Connection conn = engine.connect()) {
            for (int i = 0; i < gets; i++) {
              sum += RetortStatements.checksum(conn.execute(sql.get(Ids.pkGet(t, i, gets))).one());
            }
          }
          return sum;
        });
  }

  @Override
  public long manyQueries(int requests) throws Exception {
    return tasks.run(
        requests,
        r -> {
          long sum = 0;
          try (Connection conn = engine.connect()) {
            for (int k = 0; k < 10; k++) {
              sum += RetortStatements.checksum(conn.execute(sql.get(Ids.requestGet(r, k))).one());
            }
            for (int k = 0; k < 5; k++) {
              sum +=
                  RetortStatements.checksumAll(conn.execute(sql.page(Ids.requestCategory(r, k))));
            }
            for (int k = 0; k < 5; k++) {
              sum +=
                  RetortStatements.sumValue(
                      conn.execute(sql.rangeSum(Ids.requestRangeStart(r, k))));
            }
          }
          return sum;
        });
  }

  @Override
  public long hydrate(int rows) {
    try (Connection conn = engine.connect()) {
      return RetortStatements.checksumAll(conn.execute(sql.hydrate(rows)));
    }
  }

  @Override
  public long bulkInsert(List<NewItem> rows) {
    return engine.inTransaction(
        conn ->
            RetortStatements.distinctKeys(
                conn.executeMany(
                    sql.insertReturningKeys(), RetortStatements.insertParameters(rows))));
  }

  @Override
  public long unitOfWork(int rows) {
    return engine.inTransaction(
        conn -> {
          List<Item> loaded = conn.execute(sql.loadAll()).as(Item.class);
          conn.executeMany(sql.updateQuantity(), RetortStatements.quantityUpdates(loaded));
          return (long) loaded.size();
        });
  }

  @Override
  public long readModifyWrite(int taskCount, int accounts) throws Exception {
    return tasks.run(
        taskCount,
        t ->
            Retry.run(
                () ->
                    engine.inTransaction(
                        conn -> {
                          long account = Ids.account(t, accounts);
                          long balance =
                              conn.execute(sql.balanceForUpdate(account)).scalarOne(Long.class);
                          conn.execute(sql.setBalance(account, balance + 1));
                          return 1L;
                        })));
  }
}
