package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.async.AsyncConnection;
import dev.retort.async.AsyncEngine;
import dev.retort.engine.Connection;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.PoolStatus;
import dev.retort.engine.Row;
import dev.retort.sql.TextClause;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.ServerFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A thousand cancellations at random moments: of queries, of streams (fetch futures and publisher
 * subscriptions), of transactions on their way to COMMIT, and of connection acquisitions.
 * Afterwards every pooled connection is idle, none sits idle in a transaction on the server, no
 * transaction was half applied, and the engine serves as before.
 */
class RandomCancellationTest {
  private static final int CANCELS = 1_000;
  private static final String[] KINDS = {"query", "fetch", "commit", "acquire", "subscription"};

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aThousandRandomCancellationsLeaveACleanPool(Backend backend) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    AtomicIntegerArray cancelled = new AtomicIntegerArray(KINDS.length);
    AtomicInteger total = new AtomicInteger();
    Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    Semaphore inFlight = new Semaphore(40);
    boolean postgres = backend == Backend.POSTGRESQL;
    try (AsyncEngine engine =
            AsyncEngine.of(
                backend.engine(
                    EngineOptions.defaults()
                        .withPoolSize(20)
                        .withAcquireTimeout(Duration.ofSeconds(60))));
        ServerFaults server = new ServerFaults(backend)) {
      setUp(engine);
      List<CompletableFuture<?>> all = new ArrayList<>();
      int ops = 0;
      while (total.get() < CANCELS && ops < 10 * CANCELS) {
        inFlight.acquire();
        int kind = random.nextInt(KINDS.length);
        int delayMicros = random.nextInt(kind == 2 ? 4_000 : 12_000);
        int sleepMillis = 1 + random.nextInt(15);
        int batch = ++ops;
        CompletableFuture<?> op =
            switch (kind) {
              case 0 ->
                  engine.withConnection(
                      conn ->
                          conn.execute(
                              text(
                                  postgres
                                      ? "SELECT pg_sleep(" + sleepMillis / 1000.0 + ")"
                                      : "SELECT SLEEP(" + sleepMillis / 1000.0 + ")")));
              case 1 ->
                  engine.withConnection(
                      conn ->
                          conn.stream(text("SELECT n FROM cancel_number ORDER BY n"), Map.of(), 50)
                              .thenCompose(
                                  rows ->
                                      rows.fetch(120)
                                          .thenCompose(b -> rows.fetch(120))
                                          .thenCompose(b -> rows.close())));
              case 2 ->
                  engine.inTransaction(
                      conn ->
                          conn.execute(
                                  text("INSERT INTO cancel_item (batch, k) VALUES (:b, 1)"),
                                  Map.of("b", batch))
                              .thenCompose(
                                  r ->
                                      conn.execute(
                                          text("INSERT INTO cancel_item (batch, k) VALUES (:b, 2)"),
                                          Map.of("b", batch))));
              case 3 -> {
                // Cancel the acquisition itself; a connection that did arrive is closed.
                CompletableFuture<AsyncConnection> acquiring = engine.connect();
                acquiring.thenAccept(AsyncConnection::close);
                yield acquiring;
              }
              default -> subscribe(engine, 1 + random.nextInt(300));
            };
        CompletableFuture<Boolean> cancel = new CompletableFuture<>();
        if (kind == 4) {
          // The subscriber cancels mid-stream by itself; a failure is not a cancellation.
          op.whenComplete((v, failure) -> cancel.complete(failure == null));
        } else {
          CompletableFuture.delayedExecutor(delayMicros, TimeUnit.MICROSECONDS)
              .execute(() -> cancel.complete(op.cancel(true)));
        }
        all.add(
            cancel.thenCombine(
                op.handle((value, failure) -> failure),
                (wasCancelled, failure) -> {
                  if (wasCancelled) {
                    cancelled.incrementAndGet(kind);
                    total.incrementAndGet();
                  } else if (failure != null) {
                    unexpected.add(KINDS[kind] + " failed without a cancel: " + failure);
                  }
                  inFlight.release();
                  return null;
                }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

      assertThat(unexpected).isEmpty();
      assertThat(total.get()).isGreaterThanOrEqualTo(CANCELS);
      Pools.assertAllReturned(engine.sync());
      PoolStatus status = engine.sync().poolStatus();
      assertThat(status.idle()).isEqualTo(status.total());
      assertThat(status.leaked()).isZero();
      assertThat(server.idleInTransaction()).as("sessions idle in a transaction").isZero();
      try (Connection conn = engine.sync().connect()) {
        // Every transaction committed both of its rows or neither.
        assertThat(
                conn.execute(
                        text(
                            "SELECT count(*) FROM (SELECT batch FROM cancel_item GROUP BY batch"
                                + " HAVING count(*) <> 2) AS torn"))
                    .scalarOne(Long.class))
            .isZero();
      }
      List<CompletableFuture<Integer>> after = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        after.add(
            engine.withConnection(
                conn -> conn.execute(text("SELECT 1")).thenApply(r -> r.scalarOne(Integer.class))));
      }
      for (CompletableFuture<Integer> f : after) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      }
      Pools.assertAllReturned(engine.sync());
      StringBuilder figures = new StringBuilder();
      for (int k = 0; k < KINDS.length; k++) {
        figures.append(k == 0 ? "" : ", ").append(KINDS[k]).append(' ').append(cancelled.get(k));
      }
      System.out.printf(
          "random cancellations (%s, seed %d): %d operations, %d cancelled (%s); %s%n",
          backend, seed, ops, total.get(), figures, engine.sync().poolStatus());
    }
  }

  private static void setUp(AsyncEngine engine) {
    engine
        .sync()
        .useTransaction(
            conn -> {
              conn.execute(text("DROP TABLE IF EXISTS cancel_item"));
              conn.execute(text("DROP TABLE IF EXISTS cancel_number"));
              conn.execute(text("CREATE TABLE cancel_item (batch INTEGER, k INTEGER)"));
              conn.execute(text("CREATE TABLE cancel_number (n INTEGER PRIMARY KEY)"));
              List<Map<String, Object>> rows = new ArrayList<>();
              for (int n = 1; n <= 1000; n++) {
                rows.add(Map.of("n", n));
              }
              conn.executeMany(text("INSERT INTO cancel_number (n) VALUES (:n)"), rows);
            });
  }

  /** Streams through the publisher and cancels the subscription after {@code stopAfter} rows. */
  private static CompletableFuture<Void> subscribe(AsyncEngine engine, int stopAfter) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    TextClause query = text("SELECT n FROM cancel_number ORDER BY n");
    engine.stream(query, Map.of())
        .subscribe(
            new Flow.Subscriber<Row>() {
              private Flow.Subscription subscription;
              private int seen;

              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(16);
              }

              @Override
              public void onNext(Row row) {
                if (++seen == stopAfter) {
                  subscription.cancel();
                  done.complete(null);
                } else if (seen % 16 == 0) {
                  subscription.request(16);
                }
              }

              @Override
              public void onError(Throwable t) {
                done.completeExceptionally(t instanceof CompletionException c ? c.getCause() : t);
              }

              @Override
              public void onComplete() {
                done.completeExceptionally(
                    new CancellationException("ended before the subscriber cancelled"));
              }
            });
    return done;
  }
}
