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
 * virtual threads (platform threads on SQLite), rows read straight into records with {@code
 * fetch(query, Item.class)}.
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
    this.engine = db.retortCore().sync();
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
              sum += conn.fetchOne(sql.get(Ids.pkGet(t, i, gets)), Item.class).checksum();
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
              sum += conn.fetchOne(sql.get(Ids.requestGet(r, k)), Item.class).checksum();
            }
            for (int k = 0; k < 5; k++) {
              sum +=
                  RetortStatements.checksumAll(
                      conn.fetch(sql.page(Ids.requestCategory(r, k)), Item.class));
            }
            for (int k = 0; k < 5; k++) {
              sum +=
                  RetortStatements.sumValue(
                      conn.fetchOne(sql.rangeSum(Ids.requestRangeStart(r, k)), Long.class));
            }
          }
          return sum;
        });
  }

  @Override
  public long hydrate(int rows) {
    try (Connection conn = engine.connect()) {
      return RetortStatements.checksumAll(conn.fetch(sql.hydrate(rows), Item.class));
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
          List<Item> loaded = conn.fetch(sql.loadAll(), Item.class);
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
                          long balance = conn.fetchOne(sql.balanceForUpdate(account), Long.class);
                          conn.execute(sql.setBalance(account, balance + 1));
                          return 1L;
                        })));
  }
}
