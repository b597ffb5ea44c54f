package dev.retort.benchmarks.contender;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import dev.retort.benchmarks.Backend;
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
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record6;
import org.jooq.RecordMapper;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectSelectStep;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ 3.20 (open-source edition) without code generation, on the shared HikariCP pool: typed
 * fields declared by hand, rows mapped into records with {@code Records.mapping}, multi-row INSERT
 * ... RETURNING in pages of 1,000 rows for bulk inserts (one row per statement on SQLite), a batch
 * of one bound UPDATE for workload 5, {@code transactionResult} for transactions.
 */
public final class JooqContender
    implements Contender,
        PrimaryKeyGets,
        ManyQueries,
        Hydration,
        BulkInsert,
        UnitOfWork,
        ReadModifyWrite {
  private static final Table<Record> ITEM = table(name("bench_item"));
  private static final Table<Record> INSERTED = table(name("bench_insert"));
  private static final Table<Record> UPDATED = table(name("bench_update"));
  private static final Table<Record> ACCOUNT = table(name("bench_account"));
  private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);
  private static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR(64));
  private static final Field<Integer> CATEGORY = field(name("category"), SQLDataType.INTEGER);
  private static final Field<Integer> QUANTITY = field(name("quantity"), SQLDataType.INTEGER);
  private static final Field<Double> PRICE = field(name("price"), SQLDataType.DOUBLE);
  private static final Field<String> NOTE = field(name("note"), SQLDataType.VARCHAR(64));
  private static final Field<Long> BALANCE = field(name("balance"), SQLDataType.BIGINT);
  private static final RecordMapper<Record6<Long, String, Integer, Integer, Double, String>, Item>
      TO_ITEM = org.jooq.Records.mapping(Item::new);
  private static final int PAGE_ROWS = 1_000;

  private final DataSource pool;
  private final SQLDialect dialect;
  private final Settings settings;
  private final DSLContext pooled;
  private final Tasks tasks;
  private final boolean rowLocks;
  private final int insertPageRows;

  /** Uses the shared HikariCP pool. */
  public JooqContender(BenchDatabase db) {
    this.pool = db.pool();
    this.dialect =
        switch (db.backend()) {
          case SQLITE -> SQLDialect.SQLITE;
          case POSTGRESQL -> SQLDialect.POSTGRES;
          case MARIADB -> SQLDialect.MARIADB;
        };
    this.settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
    this.pooled = DSL.using(pool, dialect, settings);
    this.tasks = db.tasks();
    this.rowLocks = db.backend() != Backend.SQLITE;
    // On SQLite jOOQ renders no RETURNING and reads the driver's generated keys, which hold only
    // the last row's: one row per statement there.
    this.insertPageRows = db.backend() == Backend.SQLITE ? 1 : PAGE_ROWS;
  }

  private static SelectSelectStep<Record6<Long, String, Integer, Integer, Double, String>> items(
      DSLContext ctx) {
    return ctx.select(ID, NAME, CATEGORY, QUANTITY, PRICE, NOTE);
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.run(
        taskCount,
        t -> {
          long sum = 0;
          try (Connection c = pool.getConnection()) {
            DSLContext ctx = DSL.using(c, dialect, settings);
            for (int i = 0; i < gets; i++) {
              sum +=
                  items(ctx)
                      .from(ITEM)
                      .where(ID.eq(Ids.pkGet(t, i, gets)))
                      .fetchOne(TO_ITEM)
                      .checksum();
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
          try (Connection c = pool.getConnection()) {
            DSLContext ctx = DSL.using(c, dialect, settings);
            for (int k = 0; k < 10; k++) {
              sum +=
                  items(ctx)
                      .from(ITEM)
                      .where(ID.eq(Ids.requestGet(r, k)))
                      .fetchOne(TO_ITEM)
                      .checksum();
            }
            for (int k = 0; k < 5; k++) {
              for (Item item :
                  items(ctx)
                      .from(ITEM)
                      .where(CATEGORY.eq(Ids.requestCategory(r, k)))
                      .orderBy(ID)
                      .limit(Ids.PAGE)
                      .fetch(TO_ITEM)) {
                sum += item.checksum();
              }
            }
            for (int k = 0; k < 5; k++) {
              long start = Ids.requestRangeStart(r, k);
              Long total =
                  ctx.select(sum(QUANTITY))
                      .from(ITEM)
                      .where(ID.between(start, start + Ids.RANGE - 1))
                      .fetchOne(0, Long.class);
              sum += total == null ? 0 : total;
            }
          }
          return sum;
        });
  }

  @Override
  public long hydrate(int rows) throws Exception {
    try (Connection c = pool.getConnection()) {
      long sum = 0;
      for (Item item :
          items(DSL.using(c, dialect, settings))
              .from(ITEM)
              .where(ID.le((long) rows))
              .fetch(TO_ITEM)) {
        sum += item.checksum();
      }
      return sum;
    }
  }

  @Override
  public long bulkInsert(List<NewItem> rows) {
    return pooled.transactionResult(
        configuration -> {
          DSLContext ctx = configuration.dsl();
          Set<Long> keys = new HashSet<>(rows.size() * 2);
          for (int start = 0; start < rows.size(); start += insertPageRows) {
            InsertValuesStep5<Record, String, Integer, Integer, Double, String> insert =
                ctx.insertInto(INSERTED, NAME, CATEGORY, QUANTITY, PRICE, NOTE);
            for (NewItem row : rows.subList(start, Math.min(rows.size(), start + insertPageRows))) {
              insert =
                  insert.values(
                      row.name(), row.category(), row.quantity(), row.price(), row.note());
            }
            for (Record1<Long> key : insert.returningResult(ID).fetch()) {
              keys.add(key.value1());
            }
          }
          return (long) keys.size();
        });
  }

  @Override
  public long unitOfWork(int rows) {
    return pooled.transactionResult(
        configuration -> {
          DSLContext ctx = configuration.dsl();
          List<Item> loaded = items(ctx).from(UPDATED).fetch(TO_ITEM);
          BatchBindStep batch =
              ctx.batch(
                  ctx.update(UPDATED).set(QUANTITY, (Integer) null).where(ID.eq((Long) null)));
          for (Item item : loaded) {
            batch = batch.bind(item.quantity() + 1, item.id());
          }
          batch.execute();
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
                    pooled.transactionResult(
                        configuration -> {
                          DSLContext ctx = configuration.dsl();
                          long account = Ids.account(t, accounts);
                          var read = ctx.select(BALANCE).from(ACCOUNT).where(ID.eq(account));
                          ResultQuery<Record1<Long>> locked = rowLocks ? read.forUpdate() : read;
                          long balance = locked.fetchOne(BALANCE);
                          ctx.update(ACCOUNT)
                              .set(BALANCE, balance + 1)
                              .where(ID.eq(account))
                              .execute();
                          return 1L;
                        })));
  }
}
