package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.BenchDatabase;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.NewItem;
import dev.retort.benchmarks.Retry;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/**
 * Hibernate ORM 7 with batching on, on the shared HikariCP pool: a session per task on virtual
 * threads (platform threads on SQLite), {@code find} for gets, HQL for queries, dirty checking and
 * flush for writes.
 */
public final class HibernateOrmContender
    implements Contender,
        PrimaryKeyGets,
        ManyQueries,
        Hydration,
        BulkInsert,
        UnitOfWork,
        ReadModifyWrite {
  private final SessionFactory factory;
  private final Tasks tasks;
  private final Function<NewItem, ItemColumns> newEntity;

  /** Boots a session factory on the shared pool. */
  public HibernateOrmContender(BenchDatabase db) {
    Map<String, Object> settings = HibernateSetup.commonSettings(db.backend());
    settings.put("hibernate.connection.datasource", db.pool());
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder().applySettings(settings).build();
    this.factory =
        HibernateSetup.sources(registry, db.backend()).buildMetadata().buildSessionFactory();
    this.tasks = db.tasks();
    this.newEntity = HibernateSetup.newEntity(db.backend());
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.run(
        taskCount,
        t -> {
          long sum = 0;
          try (Session session = factory.openSession()) {
            for (int i = 0; i < gets; i++) {
              sum += session.find(ItemEntity.class, Ids.pkGet(t, i, gets)).checksum();
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
          try (Session session = factory.openSession()) {
            for (int k = 0; k < 10; k++) {
              sum += session.find(ItemEntity.class, Ids.requestGet(r, k)).checksum();
            }
            for (int k = 0; k < 5; k++) {
              for (ItemEntity item :
                  session
                      .createSelectionQuery(HibernateSetup.PAGE, ItemEntity.class)
                      .setParameter("c", Ids.requestCategory(r, k))
                      .setMaxResults(Ids.PAGE)
                      .getResultList()) {
                sum += item.checksum();
              }
            }
            for (int k = 0; k < 5; k++) {
              long start = Ids.requestRangeStart(r, k);
              Long total =
                  session
                      .createSelectionQuery(HibernateSetup.RANGE_SUM, Long.class)
                      .setParameter("a", start)
                      .setParameter("b", start + Ids.RANGE - 1)
                      .getSingleResult();
              sum += total == null ? 0 : total;
            }
          }
          return sum;
        });
  }

  @Override
  public long hydrate(int rows) {
    try (Session session = factory.openSession()) {
      long sum = 0;
      for (ItemEntity item :
          session
              .createSelectionQuery(HibernateSetup.HYDRATE, ItemEntity.class)
              .setParameter("n", (long) rows)
              .getResultList()) {
        sum += item.checksum();
      }
      return sum;
    }
  }

  @Override
  public long bulkInsert(List<NewItem> rows) {
    return factory.fromTransaction(
        session -> {
          List<ItemColumns> entities = new ArrayList<>(rows.size());
          for (NewItem row : rows) {
            ItemColumns entity = newEntity.apply(row);
            session.persist(entity);
            entities.add(entity);
          }
          session.flush();
          return HibernateSetup.distinctIds(entities);
        });
  }

  @Override
  public long unitOfWork(int rows) {
    return factory.fromTransaction(
        session -> {
          List<UpdatedItemEntity> loaded =
              session
                  .createSelectionQuery(HibernateSetup.LOAD_ALL, UpdatedItemEntity.class)
                  .getResultList();
          for (UpdatedItemEntity item : loaded) {
            item.setQuantity(item.getQuantity() + 1);
          }
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
                    factory.fromTransaction(
                        session -> {
                          AccountEntity account =
                              session.find(
                                  AccountEntity.class,
                                  Ids.account(t, accounts),
                                  LockModeType.PESSIMISTIC_WRITE);
                          account.setBalance(account.getBalance() + 1);
                          return 1L;
                        })));
  }

  @Override
  public void close() {
    factory.close();
  }
}
