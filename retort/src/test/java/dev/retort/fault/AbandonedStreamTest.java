package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.async.AsyncConnection;
import dev.retort.async.AsyncEngine;
import dev.retort.async.AsyncResult;
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
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hundred streams abandoned half-way, in the four ways a caller abandons one: cancelling the
 * subscription, cancelling a fetch, closing the connection with the stream still open, and
 * cancelling the stream while its query runs. Every cursor is closed and every connection returns:
 * zero leaked.
 */
class AbandonedStreamTest {
  private static final int STREAMS = 100;
  private static final TextClause ALL_ROWS = text("SELECT n FROM stream_number ORDER BY n");

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aHundredStreamsAbandonedHalfWayLeakNothing(Backend backend) throws Exception {
    Random random = new Random();
    AtomicInteger rowsSeen = new AtomicInteger();
    try (AsyncEngine engine =
        AsyncEngine.of(
            backend.engine(
                EngineOptions.defaults()
                    .withPoolSize(10)
                    .withAcquireTimeout(Duration.ofSeconds(60))))) {
      engine
          .sync()
          .useTransaction(
              conn -> {
                conn.execute(text("DROP TABLE IF EXISTS stream_number"));
                conn.execute(text("CREATE TABLE stream_number (n INTEGER PRIMARY KEY)"));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int n = 1; n <= 5000; n++) {
                  rows.add(Map.of("n", n));
                }
                conn.executeMany(text("INSERT INTO stream_number (n) VALUES (:n)"), rows);
              });
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        int stopAfter = 1 + random.nextInt(2000);
        all.add(
            switch (i % 4) {
              case 0 -> cancelSubscription(engine, stopAfter, rowsSeen);
              case 1 -> cancelAFetch(engine, stopAfter, rowsSeen);
              case 2 -> closeConnectionWithStreamOpen(engine, stopAfter, rowsSeen);
              default -> cancelWhileTheQueryRuns(engine);
            });
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

      Pools.assertAllReturned(engine.sync());
      PoolStatus status = engine.sync().poolStatus();
      assertThat(status.idle()).isEqualTo(status.total());
      assertThat(status.leaked()).isZero();
      assertThat(engine.sync().checkouts()).isEmpty();
      if (backend != Backend.SQLITE) {
        try (ServerFaults server = new ServerFaults(backend)) {
          assertThat(server.idleInTransaction()).isZero();
        }
      }
      assertThat(rowsSeen.get()).isPositive();
      System.out.printf(
          "abandoned streams (%s): %d streams abandoned after %d rows in all; %s%n",
          backend, STREAMS, rowsSeen.get(), status);
    }
  }

  /** The publisher's subscriber cancels after {@code stopAfter} rows. */
  private static CompletableFuture<Void> cancelSubscription(
      AsyncEngine engine, int stopAfter, AtomicInteger rowsSeen) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    engine.stream(ALL_ROWS, Map.of())
        .subscribe(
            new Flow.Subscriber<Row>() {
              private Flow.Subscription subscription;
              private int seen;

              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(64);
              }

              @Override
              public void onNext(Row row) {
                rowsSeen.incrementAndGet();
                if (++seen == stopAfter) {
                  subscription.cancel();
                  done.complete(null);
                } else if (seen % 64 == 0) {
                  subscription.request(64);
                }
              }

              @Override
              public void onError(Throwable t) {
                done.completeExceptionally(t);
              }

              @Override
              public void onComplete() {
                done.completeExceptionally(new AssertionError("read to the end"));
              }
            });
    return done;
  }

  /** Reads some rows with fetch(), then cancels the next fetch while it runs or is queued. */
  private static CompletableFuture<?> cancelAFetch(
      AsyncEngine engine, int stopAfter, AtomicInteger rowsSeen) {
    return engine.withConnection(
        conn ->
            conn.stream(ALL_ROWS, Map.of(), 100)
                .thenCompose(
                    rows ->
                        rows.fetch(stopAfter)
                            .thenCompose(
                                batch -> {
                                  rowsSeen.addAndGet(batch.size());
                                  CompletableFuture<List<Row>> next = rows.fetch(1000);
                                  next.cancel(true);
                                  // The cancelled fetch closes the stream and frees the
                                  // connection; close() after it is a no-op.
                                  return rows.close();
                                })));
  }

  /** Reads some rows, then closes the connection without closing the stream. */
  private static CompletableFuture<?> closeConnectionWithStreamOpen(
      AsyncEngine engine, int stopAfter, AtomicInteger rowsSeen) {
    return engine
        .connect()
        .thenCompose(
            conn ->
                conn.stream(ALL_ROWS, Map.of(), 100)
                    .thenCompose(
                        rows ->
                            rows.fetch(stopAfter)
                                .thenAccept(batch -> rowsSeen.addAndGet(batch.size())))
                    .thenCompose(x -> conn.close()));
  }

  /** Cancels the stream() future itself, usually while the query is still running. */
  private static CompletableFuture<?> cancelWhileTheQueryRuns(AsyncEngine engine) {
    return engine
        .connect()
        .thenCompose(
            conn -> {
              CompletableFuture<AsyncResult> stream = conn.stream(ALL_ROWS, Map.of(), 100);
              stream.cancel(true);
              return stream
                  .handle((rows, failure) -> rows)
                  .thenCompose(rows -> rows == null ? conn.close() : closeBoth(conn, rows));
            });
  }

  private static CompletableFuture<Void> closeBoth(AsyncConnection conn, AsyncResult rows) {
    return rows.close().thenCompose(x -> conn.close());
  }
}
