package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.async.AsyncEngine;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.PoolStatus;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ten thousand tasks at once on a pool of twenty, half through the async facade and half as sync
 * code on virtual threads: every one completes with the right answer, the pool never grows past
 * twenty, and afterwards no connection is checked out.
 */
class ManyTasksTest {
  private static final int TASKS = 10_000;
  private static final int POOL = 20;

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void tenThousandConcurrentTasksOnAPoolOfTwentyAllComplete(Backend backend) throws Exception {
    AtomicLong sum = new AtomicLong();
    long started = System.nanoTime();
    try (AsyncEngine engine =
            AsyncEngine.of(
                backend.engine(
                    EngineOptions.defaults()
                        .withPoolSize(POOL)
                        .withAcquireTimeout(Duration.ofSeconds(90))));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<?>> all = new ArrayList<>(TASKS);
      for (int i = 1; i <= TASKS; i++) {
        int n = i;
        if (i % 2 == 0) {
          all.add(
              engine.withConnection(
                  conn ->
                      conn.execute(text("SELECT :n"), Map.of("n", n))
                          .thenAccept(r -> sum.addAndGet(r.scalarOne(Number.class).longValue()))));
        } else {
          all.add(
              CompletableFuture.runAsync(
                  () ->
                      sum.addAndGet(
                          engine
                              .sync()
                              .inTransaction(
                                  conn ->
                                      conn.execute(text("SELECT :n"), Map.of("n", n))
                                          .scalarOne(Number.class)
                                          .longValue())),
                  threads));
        }
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
      assertThat(all).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
      assertThat(sum.get()).isEqualTo((long) TASKS * (TASKS + 1) / 2);
      Pools.assertAllReturned(engine.sync());
      PoolStatus status = engine.sync().poolStatus();
      assertThat(status.total()).isLessThanOrEqualTo(POOL);
      assertThat(status.idle()).isEqualTo(status.total());
      assertThat(status.leaked()).isZero();
      System.out.printf(
          "many tasks (%s): %d tasks on a pool of %d completed in %d ms; %s%n",
          backend, TASKS, POOL, (System.nanoTime() - started) / 1_000_000, status);
    }
  }
}
