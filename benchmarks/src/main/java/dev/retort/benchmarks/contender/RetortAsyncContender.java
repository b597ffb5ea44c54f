package dev.retort.benchmarks.contender;

import dev.retort.async.AsyncEngine;
import dev.retort.benchmarks.BenchDatabase;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.Item;
import dev.retort.benchmarks.NewItem;
import dev.retort.benchmarks.Stages;
import dev.retort.benchmarks.Tasks;
import dev.retort.benchmarks.workload.BulkInsert;
import dev.retort.benchmarks.workload.Hydration;
import dev.retort.benchmarks.workload.ManyQueries;
import dev.retort.benchmarks.workload.PrimaryKeyGets;
import dev.retort.benchmarks.workload.ReadModifyWrite;
import dev.retort.benchmarks.workload.UnitOfWork;
import java.util.List;

/**
 * Retort Core on the async API: {@link AsyncEngine}, every task started at once as a chain of
 * futures on its own {@code AsyncConnection}, operations composed with {@code thenCompose}.
 */
public final class RetortAsyncContender
    implements Contender,
        PrimaryKeyGets,
        ManyQueries,
        Hydration,
        BulkInsert,
        UnitOfWork,
        ReadModifyWrite {
  private final AsyncEngine engine;
  private final Tasks tasks;
  private final RetortStatements sql;

  /** Uses the shared Retort engine. */
  public RetortAsyncContender(BenchDatabase db) {
    this.engine = db.retortCore();
    this.tasks = db.tasks();
    this.sql = new RetortStatements(db.schema());
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.runAsync(
        taskCount,
        t ->
            engine.withConnection(
                conn ->
                    Stages.sequence(
                        gets,
                        i ->
                            conn.fetchOne(sql.get(Ids.pkGet(t, i, gets)), Item.class)
                                .thenApply(Item::checksum))));
  }

  @Override
  public long manyQueries(int requests) throws Exception {
    return tasks.runAsync(
        requests,
        r ->
            engine.withConnection(
                conn ->
                    Stages.sequence(
                            10,
                            k ->
                                conn.fetchOne(sql.get(Ids.requestGet(r, k)), Item.class)
                                    .thenApply(Item::checksum))
                        .thenCompose(
                            gets ->
                                Stages.sequence(
                                        5,
                                        k ->
                                            conn.fetch(
                                                    sql.page(Ids.requestCategory(r, k)), Item.class)
                                                .thenApply(RetortStatements::checksumAll))
                                    .thenApply(pages -> gets + pages))
                        .thenCompose(
                            sofar ->
                                Stages.sequence(
                                        5,
                                        k ->
                                            conn.fetchOne(
                                                    sql.rangeSum(Ids.requestRangeStart(r, k)),
                                                    Long.class)
                                                .thenApply(RetortStatements::sumValue))
                                    .thenApply(sums -> sofar + sums))));
  }

  @Override
  public long hydrate(int rows) throws Exception {
    return tasks.await(
        engine.withConnection(
            conn ->
                conn.fetch(sql.hydrate(rows), Item.class)
                    .thenApply(RetortStatements::checksumAll)));
  }

  @Override
  public long bulkInsert(List<NewItem> rows) throws Exception {
    return tasks.await(
        engine.inTransaction(
            conn ->
                conn.executeMany(sql.insertReturningKeys(), RetortStatements.insertParameters(rows))
                    .thenApply(RetortStatements::distinctKeys)));
  }

  @Override
  public long unitOfWork(int rows) throws Exception {
    return tasks.await(
        engine.inTransaction(
            conn ->
                conn.fetch(sql.loadAll(), Item.class)
                    .thenCompose(
                        loaded ->
                            conn.executeMany(
                                    sql.updateQuantity(), RetortStatements.quantityUpdates(loaded))
                                .thenApply(updated -> (long) loaded.size()))));
  }

  @Override
  public long readModifyWrite(int taskCount, int accounts) throws Exception {
    return tasks.runAsync(
        taskCount,
        t ->
            Stages.retrying(
                () ->
                    engine.inTransaction(
                        conn -> {
                          long account = Ids.account(t, accounts);
                          return conn.fetchOne(sql.balanceForUpdate(account), Long.class)
                              .thenCompose(
                                  balance -> conn.execute(sql.setBalance(account, balance + 1)))
                              .thenApply(updated -> 1L);
                        })));
  }
}
