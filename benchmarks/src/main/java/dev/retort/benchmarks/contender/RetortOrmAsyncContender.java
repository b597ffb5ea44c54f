package dev.retort.benchmarks.contender;

import dev.retort.async.AsyncSession;
import dev.retort.async.AsyncSessionFactory;
import dev.retort.benchmarks.BenchDatabase;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.NewItem;
import dev.retort.benchmarks.Stages;
import dev.retort.benchmarks.Tasks;
import dev.retort.benchmarks.orm.OrmInsertedItem;
import dev.retort.benchmarks.orm.OrmItem;
import dev.retort.benchmarks.orm.OrmUpdatedItem;
import dev.retort.benchmarks.workload.BulkInsert;
import dev.retort.benchmarks.workload.Hydration;
import dev.retort.benchmarks.workload.PrimaryKeyGets;
import dev.retort.benchmarks.workload.ReadModifyWrite;
import dev.retort.benchmarks.workload.UnitOfWork;
import dev.retort.orm.Orm;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Retort's ORM on the async API: every task started at once with its own {@link AsyncSession} from
 * one {@link AsyncSessionFactory} with its defaults, operations composed with {@code thenCompose};
 * the same queries and entities as {@link RetortOrmSyncContender}.
 */
public final class RetortOrmAsyncContender
    implements Contender, PrimaryKeyGets, Hydration, BulkInsert, UnitOfWork, ReadModifyWrite {
  private final AsyncSessionFactory sessions;
  private final Tasks tasks;

  /** Makes sessions on the shared Retort engine. */
  public RetortOrmAsyncContender(BenchDatabase db) {
    this.sessions = AsyncSessionFactory.of(db.retort());
    this.tasks = db.tasks();
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.runAsync(
        taskCount,
        t ->
            withSession(
                session ->
                    Stages.sequence(
                        gets,
                        i ->
                            session
                                .get(OrmItem.class, Ids.pkGet(t, i, gets))
                                .thenApply(item -> item.orElseThrow().checksum()))));
  }

  @Override
  public long hydrate(int rows) throws Exception {
    return tasks.await(
        withSession(
            session ->
                session
                    .scalars(RetortOrmSyncContender.firstItems(rows))
                    .thenApply(
                        items -> {
                          long sum = 0;
                          for (OrmItem item : items) {
                            sum += item.checksum();
                          }
                          return sum;
                        })));
  }

  @Override
  public long bulkInsert(List<NewItem> rows) throws Exception {
    return tasks.await(
        sessions.inTransaction(
            session -> {
              List<OrmInsertedItem> entities = RetortOrmSyncContender.newEntities(rows);
              session.addAll(entities);
              return session
                  .flush()
                  .thenApply(flushed -> RetortOrmSyncContender.distinctIds(entities));
            }));
  }

  @Override
  public long unitOfWork(int rows) throws Exception {
    return tasks.await(
        sessions.inTransaction(
            session ->
                session
                    .scalars(Orm.select(OrmUpdatedItem.class))
                    .thenApply(
                        loaded -> {
                          for (OrmUpdatedItem item : loaded) {
                            item.quantity++;
                          }
                          return (long) loaded.size(); // the commit flushes the changes
                        })));
  }

  @Override
  public long readModifyWrite(int taskCount, int accounts) throws Exception {
    return tasks.runAsync(
        taskCount,
        t ->
            Stages.retrying(
                () ->
                    sessions.inTransaction(
                        session ->
                            session
                                .execute(
                                    RetortOrmSyncContender.accountForUpdate(
                                        Ids.account(t, accounts)))
                                .thenApply(
                                    result -> {
                                      result.one().balance++;
                                      return 1L;
                                    }))));
  }

  /**
   * Runs read-only work in a new session and closes it (ending its transaction and returning the
   * connection) before completing with the work's result or failure.
   */
  private <T> CompletableFuture<T> withSession(
      Function<? super AsyncSession, ? extends CompletionStage<T>> work) {
    AsyncSession session = sessions.open();
    CompletionStage<T> stage;
    try {
      stage = work.apply(session);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete(
        (value, failure) ->
            session
                .close()
                .whenComplete(
                    (closed, closeFailure) -> {
                      if (failure != null) {
                        result.completeExceptionally(failure);
                      } else if (closeFailure != null) {
                        result.completeExceptionally(closeFailure);
                      } else {
                        result.complete(value);
                      }
                    }));
    return result;
  }
}
