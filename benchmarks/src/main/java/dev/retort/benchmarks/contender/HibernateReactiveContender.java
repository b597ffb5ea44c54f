package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.BenchDatabase;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.NewItem;
import dev.retort.benchmarks.Stages;
import dev.retort.benchmarks.Tasks;
import dev.retort.benchmarks.hibernate.AccountEntity;
import dev.retort.benchmarks.hibernate.HibernateSetup;
import dev.retort.benchmarks.hibernate.ItemColumns;
import dev.retort.benchmarks.hibernate.ItemEntity;
import dev.retort.benchmarks.hibernate.UpdatedItemEntity;
import dev.retort.benchmarks.workload.BulkInsert;
import dev.retort.benchmarks.workload.Hydration;
import dev.retort.benchmarks.workload.ManyQueries;
import dev.retort.benchmarks.workload.PrimaryKeyGets;
import dev.retort.benchmarks.workload.ReadModifyWrite;
import dev.retort.benchmarks.workload.UnitOfWork;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.hibernate.reactive.stage.Stage;

/**
 * Hibernate Reactive (its CompletionStage API) on its own Vert.x pool of the same size: every task
 * started at once as a chain of stages on its own session, batching on as for Hibernate ORM.
 * PostgreSQL and MariaDB only (there is no Vert.x SQLite client).
 */
public final class HibernateReactiveContender
    implements Contender,
        PrimaryKeyGets,
        ManyQueries,
        Hydration,
        BulkInsert,
        UnitOfWork,
        ReadModifyWrite {
  private final Stage.SessionFactory factory;
  private final Tasks tasks;
  private final Function<NewItem, ItemColumns> newEntity;

  /** Boots a reactive session factory with a Vert.x pool of {@code sizes.pool} connections. */
  public HibernateReactiveContender(BenchDatabase db) throws SQLException {
    Map<String, Object> settings = HibernateSetup.commonSettings(db.backend());
    settings.put("hibernate.connection.url", db.jdbcUrl());
    if (db.spec().user() != null) {
      settings.put("hibernate.connection.username", db.spec().user());
    }
    // An empty password must be given as such: left out, the Vert.x MySQL client fails to log in.
    settings.put(
        "hibernate.connection.password", db.spec().password() == null ? "" : db.spec().password());
    settings.put("hibernate.connection.pool_size", String.valueOf(db.sizes().pool()));
    // MariaDB announces itself to the Vert.x client as "5.5.5-10.x", which Hibernate takes for a
    // MariaDB 5.5 it no longer supports; tell it the real version, read over JDBC.
    try (Connection c = db.pool().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      settings.put(
          "jakarta.persistence.database-major-version",
          String.valueOf(meta.getDatabaseMajorVersion()));
      settings.put(
          "jakarta.persistence.database-minor-version",
          String.valueOf(meta.getDatabaseMinorVersion()));
    }
    StandardServiceRegistry registry =
        new ReactiveServiceRegistryBuilder().applySettings(settings).build();
    this.factory =
        HibernateSetup.sources(registry, db.backend())
            .buildMetadata()
            .buildSessionFactory()
            .unwrap(Stage.SessionFactory.class);
    this.tasks = db.tasks();
    this.newEntity = HibernateSetup.newEntity(db.backend());
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.runAsync(
        taskCount,
        t ->
            factory.withSession(
                session ->
                    Stages.sequence(
                        gets,
                        i ->
                            session
                                .find(ItemEntity.class, Ids.pkGet(t, i, gets))
                                .thenApply(ItemEntity::checksum))));
  }

  @Override
  public long manyQueries(int requests) throws Exception {
    return tasks.runAsync(
        requests,
        r ->
            factory.withSession(
                session ->
                    Stages.sequence(
                            10,
                            k ->
                                session
                                    .find(ItemEntity.class, Ids.requestGet(r, k))
                                    .thenApply(ItemEntity::checksum))
                        .thenCompose(
                            gets ->
                                Stages.sequence(5, k -> page(session, Ids.requestCategory(r, k)))
                                    .thenApply(pages -> gets + pages))
                        .thenCompose(
                            sofar ->
                                Stages.sequence(
                                        5, k -> rangeSum(session, Ids.requestRangeStart(r, k)))
                                    .thenApply(sums -> sofar + sums))));
  }

  private static CompletionStage<Long> page(Stage.Session session, int category) {
    return session
        .createSelectionQuery(HibernateSetup.PAGE, ItemEntity.class)
        .setParameter("c", category)
        .setMaxResults(Ids.PAGE)
        .getResultList()
        .thenApply(HibernateReactiveContender::checksumAll);
  }

  private static CompletionStage<Long> rangeSum(Stage.Session session, long start) {
    return session
        .createSelectionQuery(HibernateSetup.RANGE_SUM, Long.class)
        .setParameter("a", start)
        .setParameter("b", start + Ids.RANGE - 1)
        .getSingleResult()
        .thenApply(total -> total == null ? 0L : total);
  }

  @Override
  public long hydrate(int rows) throws Exception {
    return tasks.await(
        factory.withSession(
            session ->
                session
                    .createSelectionQuery(HibernateSetup.HYDRATE, ItemEntity.class)
                    .setParameter("n", (long) rows)
                    .getResultList()
                    .thenApply(HibernateReactiveContender::checksumAll)));
  }

  @Override
  public long bulkInsert(List<NewItem> rows) throws Exception {
    return tasks.await(
        factory.withTransaction(
            session -> {
              List<ItemColumns> entities = new ArrayList<>(rows.size());
              for (NewItem row : rows) {
                entities.add(newEntity.apply(row));
              }
              return session
                  .persist(entities.toArray())
                  .thenCompose(v -> session.flush())
                  .thenApply(v -> HibernateSetup.distinctIds(entities));
            }));
  }

  @Override
  public long unitOfWork(int rows) throws Exception {
    return tasks.await(
        factory.withTransaction(
            session ->
                session
                    .createSelectionQuery(HibernateSetup.LOAD_ALL, UpdatedItemEntity.class)
                    .getResultList()
                    .thenApply(
                        loaded -> {
                          for (UpdatedItemEntity item : loaded) {
                            item.setQuantity(item.getQuantity() + 1);
                          }
                          return (long) loaded.size();
                        })));
  }

  @Override
  public long readModifyWrite(int taskCount, int accounts) throws Exception {
    return tasks.runAsync(
        taskCount,
        t ->
            Stages.retrying(
                () ->
                    factory.withTransaction(
                        session ->
                            session
                                .find(
                                    AccountEntity.class,
                                    Ids.account(t, accounts),
                                    LockModeType.PESSIMISTIC_WRITE)
                                .thenApply(
                                    account -> {
                                      account.setBalance(account.getBalance() + 1);
                                      return 1L;
                                    }))));
  }

  private static long checksumAll(List<? extends ItemColumns> items) {
    long sum = 0;
    for (ItemColumns item : items) {
      sum += item.checksum();
    }
    return sum;
  }

  @Override
  public void close() {
    factory.close();
  }
}
