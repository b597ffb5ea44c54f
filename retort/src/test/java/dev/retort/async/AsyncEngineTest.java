package dev.retort.async;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.engine.Connection;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.Row;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.SlowQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AsyncEngineTest {
  private static final int TIMEOUT_S = 120;

  private static AsyncEngine engine(Backend backend, int poolSize) {
    return AsyncEngine.of(
        backend.engine(
            EngineOptions.defaults()
                .withPoolSize(poolSize)
                .withAcquireTimeout(Duration.ofSeconds(60))));
  }

  private static void createNumbers(AsyncEngine engine, int count) throws Exception {
    engine
        .sync()
        .useTransaction(
            conn -> {
              conn.execute(text("DROP TABLE IF EXISTS async_numbers"));
              conn.execute(
                  text("CREATE TABLE async_numbers (n INTEGER PRIMARY KEY, label VARCHAR(20))"));
              List<Map<String, Object>> rows = new ArrayList<>();
              for (int i = 1; i <= count; i++) {
                rows.add(Map.of("n", i, "label", "n" + i));
              }
              conn.executeMany(
                  text("INSERT INTO async_numbers (n, label) VALUES (:n, :label)"), rows);
            });
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void manyTasksEachWithItsOwnConnectionAllSucceed(Backend backend) throws Exception {
    try (AsyncEngine engine = engine(backend, 10)) {
      createNumbers(engine, 100);
      int tasks = 200;
      int queriesPerTask = 50;
      AtomicInteger matched = new AtomicInteger();
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        int task = t;
        all.add(
            engine.withConnection(
                conn -> {
                  CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                  for (int q = 0; q < queriesPerTask; q++) {
                    int n = (task * queriesPerTask + q) % 100 + 1;
                    chain =
                        chain
                            .thenCompose(
                                x ->
                                    conn.execute(
                                        text("SELECT label FROM async_numbers WHERE n = :n"),
                                        Map.of("n", n)))
                            .thenAccept(
                                result -> {
                                  if (result.scalar(String.class).equals("n" + n)) {
                                    matched.incrementAndGet();
                                  }
                                });
                  }
                  return chain;
                }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .get(TIMEOUT_S, TimeUnit.SECONDS);
      assertThat(matched.get()).isEqualTo(tasks * queriesPerTask);
      Pools.assertAllReturned(engine.sync());
      assertThat(engine.sync().poolStatus().total()).isLessThanOrEqualTo(10);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void secondCallWhileOneRunsFailsAtOnceNamingBoth(Backend backend) throws Exception {
    try (AsyncEngine engine = engine(backend, 2)) {
      AsyncConnection conn = engine.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
      CompletableFuture<?> slow = conn.execute(SlowQuery.of(engine.sync().dialect()));
      assertThatThrownBy(() -> conn.execute(text("SELECT 1")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("execute(SELECT 1)")
          .hasMessageContaining(
              "execute(" + SlowQuery.of(engine.sync().dialect()).text().substring(0, 10))
          .hasMessageContaining("its own connection");
      slow.get(TIMEOUT_S, TimeUnit.SECONDS);
      // The refused call changed nothing: the connection works normally afterwards.
      assertThat(conn.execute(text("SELECT 1")).get().scalar(Integer.class)).isEqualTo(1);
      conn.close().get();
      Pools.assertAllReturned(engine.sync());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void cancellingARunningQueryCancelsItAndRollsBack(Backend backend) throws Exception {
    try (AsyncEngine engine = engine(backend, 2)) {
      createNumbers(engine, 3);
      AsyncConnection conn = engine.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
      conn.execute(text("DELETE FROM async_numbers WHERE n = 1")).get();
      CompletableFuture<?> slow = conn.execute(SlowQuery.of(engine.sync().dialect()));
      Thread.sleep(200); // let it reach the server
      long started = System.nanoTime();
      assertThat(slow.cancel(true)).isTrue();
      assertThatThrownBy(slow::get).isInstanceOf(CancellationException.class);
      // The connection becomes usable again once the server has stopped the statement, and the
      // transaction (with the uncommitted DELETE) was rolled back.
      Integer count = null;
      while (count == null) {
        try {
          count =
              conn.execute(text("SELECT count(*) FROM async_numbers")).get().scalar(Integer.class);
        } catch (IllegalStateException busy) {
          Thread.sleep(10);
        }
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(count).isEqualTo(3);
      conn.close().get();
      Pools.assertAllReturned(engine.sync());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void cancelledAcquisitionReturnsTheConnectionToThePool(Backend backend) throws Exception {
    try (AsyncEngine engine = engine(backend, 1)) {
      AsyncConnection holder = engine.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
      CompletableFuture<AsyncConnection> waiting = engine.connect();
      Thread.sleep(100);
      assertThat(waiting.cancel(true)).isTrue();
      holder.close().get();
      Pools.assertAllReturned(engine.sync());
      // The pool still works: the one connection is free for the next caller.
      AsyncConnection next = engine.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
      assertThat(next.execute(text("SELECT 1")).get().scalar(Integer.class)).isEqualTo(1);
      next.close().get();
      Pools.assertAllReturned(engine.sync());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void inTransactionCommitsOnSuccessAndRollsBackOnFailure(Backend backend) throws Exception {
    try (AsyncEngine engine = engine(backend, 2)) {
      createNumbers(engine, 0);
      engine
          .inTransaction(
              conn -> conn.execute(text("INSERT INTO async_numbers (n, label) VALUES (1, 'one')")))
          .get(TIMEOUT_S, TimeUnit.SECONDS);
      CompletableFuture<Object> failing =
          engine.inTransaction(
              conn ->
                  conn.execute(text("INSERT INTO async_numbers (n, label) VALUES (2, 'two')"))
                      .thenApply(
                          r -> {
                            throw new IllegalArgumentException("business rule failed");
                          }));
      assertThatThrownBy(() -> failing.get(TIMEOUT_S, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseInstanceOf(IllegalArgumentException.class)
          .hasRootCauseMessage("business rule failed");
      try (Connection conn = engine.sync().connect()) {
        assertThat(conn.execute(text("SELECT n FROM async_numbers")).scalars(Integer.class))
            .containsExactly(1);
      }
      Pools.assertAllReturned(engine.sync());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void streamsWithBackPressureAndReleasesTheConnection(Backend backend) throws Exception {
    try (AsyncEngine engine = engine(backend, 2)) {
      createNumbers(engine, 5000);
      CountingSubscriber all = new CountingSubscriber(16, Long.MAX_VALUE);
      engine.stream(text("SELECT n, label FROM async_numbers ORDER BY n"), Map.of()).subscribe(all);
      assertThat(all.done.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
      assertThat(all.failure.get()).isNull();
      assertThat(all.count.get()).isEqualTo(5000);
      assertThat(all.maxOutstanding.get()).isLessThanOrEqualTo(16);
      Pools.assertAllReturned(engine.sync());

      // A subscriber that cancels half-way frees the cursor and the connection.
      CountingSubscriber partial = new CountingSubscriber(10, 100);
      engine.stream(text("SELECT n, label FROM async_numbers ORDER BY n"), Map.of())
          .subscribe(partial);
      assertThat(partial.done.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
      assertThat(partial.count.get()).isEqualTo(100);
      Pools.assertAllReturned(engine.sync());
    }
  }

  /** Requests {@code batch} rows at a time and cancels after {@code stopAfter} rows. */
  private static final class CountingSubscriber implements Flow.Subscriber<Row> {
    final AtomicInteger count = new AtomicInteger();
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger maxOutstanding = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final CountDownLatch done = new CountDownLatch(1);
    private final int batch;
    private final long stopAfter;
    private Flow.Subscription subscription;

    CountingSubscriber(int batch, long stopAfter) {
      this.batch = batch;
      this.stopAfter = stopAfter;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      outstanding.addAndGet(batch);
      s.request(batch);
    }

    @Override
    public void onNext(Row row) {
      maxOutstanding.accumulateAndGet(outstanding.get(), Math::max);
      int seen = count.incrementAndGet();
      assertThat(row.get("n", Integer.class)).isEqualTo(seen);
      if (seen == stopAfter) {
        subscription.cancel();
        done.countDown();
        return;
      }
      if (outstanding.decrementAndGet() == 0) {
        outstanding.addAndGet(batch);
        subscription.request(batch);
      }
    }

    @Override
    public void onError(Throwable t) {
      failure.set(t);
      done.countDown();
    }

    @Override
    public void onComplete() {
      done.countDown();
    }
  }
}
