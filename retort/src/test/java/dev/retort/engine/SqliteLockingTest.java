package dev.retort.engine;

import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.text;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On SQLite a transaction that starts with SELECT ... FOR UPDATE begins IMMEDIATE, so concurrent
 * read-modify-write transactions wait for each other instead of failing with a busy error when they
 * write.
 */
class SqliteLockingTest {
  private final MetaData metadata = new MetaData();
  private final Table counters =
      metadata.table(
          "lock_counters",
          t -> {
            t.column("id", INTEGER).primaryKey();
            t.column("value", BIGINT).notNull();
          });
  private final Column<Integer> id = counters.column("id", Integer.class);
  private final Column<Long> value = counters.column("value", Long.class);

  @Test
  void readModifyWriteTransactionsSerializeWithoutBusyErrors() throws Exception {
    int threads = 4;
    int increments = 50;
    try (Engine engine = Backend.SQLITE.engine()) {
      try (Connection conn = engine.connect()) {
        SchemaManager.createAll(conn, metadata);
        conn.execute(text("INSERT INTO lock_counters (id, value) VALUES (1, 0)"));
        conn.commit();
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < increments; i++) {
                      engine.useTransaction(
                          conn -> {
                            long now =
                                conn.execute(select(value).where(id.eq(1)).forUpdate())
                                    .scalarOne(Long.class);
                            Thread.yield(); // let other transactions run between read and write
                            conn.execute(update(counters).set(value, now + 1).where(id.eq(1)));
                          });
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS); // no retry: any busy error fails the test
        }
      } finally {
        pool.shutdownNow();
      }
      try (Connection conn = engine.connect()) {
        assertThat(conn.execute(select(value).where(id.eq(1))).scalarOne(Long.class))
            .isEqualTo((long) threads * increments);
      }
      assertThat(engine.poolStatus().active()).isZero();
    }
  }
}
