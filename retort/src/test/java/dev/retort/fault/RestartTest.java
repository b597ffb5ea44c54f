package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.async.AsyncEngine;
import dev.retort.engine.Connection;
import dev.retort.engine.EngineOptions;
import dev.retort.error.OperationalException;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.PostgresCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarts (fast shutdown: every session is terminated) while sync and async tasks run.
 * Tasks in flight fail with operational errors, and nothing else; no task hangs; the engine serves
 * again once the server is back, without being recreated. PostgreSQL is left running whatever
 * happens.
 */
class RestartTest {
  @Test
  void theEngineRecoversFromAPostgresRestartWhileTasksRun() throws Exception {
    PostgresCluster cluster = PostgresCluster.forTestUrl();
    try {
      runThroughRestart(cluster);
    } finally {
      cluster.ensureRunning();
    }
  }

  private static void runThroughRestart(PostgresCluster cluster) throws Exception {
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger failedOperational = new AtomicInteger();
    Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    EngineOptions options =
        EngineOptions.defaults()
            .withPoolSize(10)
            .withAcquireTimeout(Duration.ofSeconds(5))
            .withStatementTimeout(Duration.ofSeconds(10));
    try (AsyncEngine engine = AsyncEngine.of(Backend.POSTGRESQL.engine(options));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      engine
          .sync()
          .useTransaction(
              conn -> {
                conn.execute(text("DROP TABLE IF EXISTS restart_log"));
                conn.execute(text("CREATE TABLE restart_log (worker INTEGER, n INTEGER)"));
              });
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        int worker = w;
        // Sync tasks: a small write transaction, again and again.
        workers.add(
            threads.submit(
                () -> {
                  for (int n = 0; !stop.get(); n++) {
                    int value = n;
                    try {
                      engine
                          .sync()
                          .useTransaction(
                              conn ->
                                  conn.execute(
                                      text("INSERT INTO restart_log (worker, n) VALUES (:w, :n)"),
                                      Map.of("w", worker, "n", value)));
                      succeeded.incrementAndGet();
                    } catch (OperationalException e) {
                      failedOperational.incrementAndGet();
                      pause(20);
                    } catch (RuntimeException e) {
                      unexpected.add(e);
                    }
                  }
                }));
        // Async tasks: a short query on a connection of their own, chained one after another.
        workers.add(
            threads.submit(
                () -> asyncLoop(engine, stop, succeeded, failedOperational, unexpected)));
      }

      awaitAtLeast(succeeded, 50, Duration.ofSeconds(30));
      long restartStart = System.nanoTime();
      cluster.restart();
      long restartMillis = (System.nanoTime() - restartStart) / 1_000_000;
      int atRestart = succeeded.get();
      // Recovered: plenty of work succeeds after the server is back.
      awaitAtLeast(succeeded, atRestart + 200, Duration.ofSeconds(60));
      stop.set(true);
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS); // no task hangs
      }

      assertThat(unexpected).as("failures other than operational errors").isEmpty();
      Pools.assertAllReturned(engine.sync());
      try (Connection conn = engine.sync().connect()) {
        assertThat(conn.execute(text("SELECT count(*) FROM restart_log")).scalarOne(Long.class))
            .isPositive();
      }
      assertThat(engine.sync().poolStatus().total()).isLessThanOrEqualTo(10);
      System.out.printf(
          "restart: %s restarted in %d ms; %d calls succeeded, %d failed with operational"
              + " errors, 0 hung%n",
          cluster, restartMillis, succeeded.get(), failedOperational.get());
    }
  }

  private static void asyncLoop(
      AsyncEngine engine,
      AtomicBoolean stop,
      AtomicInteger succeeded,
      AtomicInteger failedOperational,
      Queue<Throwable> unexpected) {
    while (!stop.get()) {
      CompletableFuture<Integer> call =
          engine.withConnection(
              conn ->
                  conn.execute(text("SELECT 1 FROM pg_sleep(0.002)"))
                      .thenApply(r -> r.scalarOne(Integer.class)));
      try {
        call.get(30, TimeUnit.SECONDS);
        succeeded.incrementAndGet();
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause =
            e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        if (cause instanceof OperationalException) {
          failedOperational.incrementAndGet();
          pause(20);
        } else {
          unexpected.add(cause);
        }
      } catch (Exception e) {
        unexpected.add(e); // a timeout here is a hung task
        return;
      }
    }
  }

  private static void awaitAtLeast(AtomicInteger counter, int target, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (counter.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only " + counter.get() + " of " + target + " calls succeeded within " + limit);
      }
      pause(20);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
