package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.BenchDatabase;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.NewItem;
import dev.retort.benchmarks.Retry;
import dev.retort.benchmarks.Tasks;
import dev.retort.benchmarks.orm.OrmAccount;
import dev.retort.benchmarks.orm.OrmAccount_;
import dev.retort.benchmarks.orm.OrmInsertedItem;
import dev.retort.benchmarks.orm.OrmItem;
import dev.retort.benchmarks.orm.OrmItemColumns;
import dev.retort.benchmarks.orm.OrmItem_;
import dev.retort.benchmarks.orm.OrmUpdatedItem;
import dev.retort.benchmarks.workload.BulkInsert;
import dev.retort.benchmarks.workload.Hydration;
import dev.retort.benchmarks.workload.PrimaryKeyGets;
import dev.retort.benchmarks.workload.ReadModifyWrite;
import dev.retort.benchmarks.workload.UnitOfWork;
import dev.retort.orm.Orm;
import dev.retort.orm.OrmSelect;
import dev.retort.orm.Session;
import dev.retort.orm.SessionFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Retort's ORM on the sync API: a {@link Session} per task on virtual threads (platform threads on
 * SQLite) from one {@link SessionFactory} with its defaults, on the shared Retort engine. {@code
 * get} for gets, {@code Orm.select} queries, {@code add} and flush for inserts, dirty checking for
 * updates.
 */
public final class RetortOrmSyncContender
    implements Contender, PrimaryKeyGets, Hydration, BulkInsert, UnitOfWork, ReadModifyWrite {
  private final SessionFactory sessions;
  private final Tasks tasks;

  /** Makes sessions on the shared Retort engine. */
  public RetortOrmSyncContender(BenchDatabase db) {
    this.sessions = SessionFactory.of(db.retort().sync());
    this.tasks = db.tasks();
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.run(
        taskCount,
        t -> {
          long sum = 0;
          try (Session session = sessions.open()) {
            for (int i = 0; i < gets; i++) {
              sum += session.get(OrmItem.class, Ids.pkGet(t, i, gets)).orElseThrow().checksum();
            }
          }
          return sum;
        });
  }

  @Override
  public long hydrate(int rows) {
    try (Session session = sessions.open()) {
      long sum = 0;
      for (OrmItem item : session.scalars(firstItems(rows))) {
        sum += item.checksum();
      }
      return sum;
    }
  }

  @Override
  public long bulkInsert(List<NewItem> rows) {
    return sessions.inTransaction(
        session -> {
          List<OrmInsertedItem> entities = newEntities(rows);
          session.addAll(entities);
          session.flush();
          return distinctIds(entities);
        });
  }

  @Override
  public long unitOfWork(int rows) {
    return sessions.inTransaction(
        session -> {
          List<OrmUpdatedItem> loaded = session.scalars(Orm.select(OrmUpdatedItem.class));
          for (OrmUpdatedItem item : loaded) {
            item.quantity++;
          }
          return (long) loaded.size(); // the commit flushes the changes it finds
        });
  }

  @Override
  public long readModifyWrite(int taskCount, int accounts) throws Exception {
    return tasks.run(
        taskCount,
        t ->
            Retry.run(
                () ->
                    sessions.inTransaction(
                        session -> {
                          OrmAccount account =
                              session.execute(accountForUpdate(Ids.account(t, accounts))).one();
                          account.balance++;
                          return 1L;
                        })));
  }

  // ---- shared with the async contender ----

  /** The first {@code rows} items. */
  static OrmSelect<OrmItem> firstItems(int rows) {
    return Orm.select(OrmItem.class).where(OrmItem_.id.le((long) rows));
  }

  /** An account, row-locked where the database has row locks. */
  static OrmSelect<OrmAccount> accountForUpdate(long id) {
    return Orm.select(OrmAccount.class).where(OrmAccount_.id.eq(id)).forUpdate();
  }

  /** New entities for the rows (built inside the timed run: making them is the ORM's work). */
  static List<OrmInsertedItem> newEntities(List<NewItem> rows) {
    List<OrmInsertedItem> entities = new ArrayList<>(rows.size());
    for (NewItem row : rows) {
      entities.add(new OrmInsertedItem(row));
    }
    return entities;
  }

  /** How many distinct keys the flushed entities got (a null key counts as none). */
  static long distinctIds(List<? extends OrmItemColumns> entities) {
    Set<Long> ids = new HashSet<>();
    for (OrmItemColumns entity : entities) {
      if (entity.id != null) {
        ids.add(entity.id);
      }
    }
    return ids.size();
  }
}
