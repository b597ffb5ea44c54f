package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.async.AsyncEngine;
import dev.retort.dialect.IsolationLevel;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.RetryPolicy;
import dev.retort.error.DatabaseException;
import dev.retort.error.IntegrityException;
import dev.retort.error.OperationalException;
import dev.retort.sql.TextClause;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.ServerFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The retrying transaction form: contention that makes transactions fail with serialization
 * failures, deadlocks or SQLITE_BUSY is absorbed by running them again, so no increment is lost;
 * failures that are not retryable, and a COMMIT whose outcome is unknown, are never run again.
 */
class TransactionRetryTest {
  private static final RetryPolicy PATIENT =
      RetryPolicy.defaults()
          .withMaxAttempts(200)
          .withBackoff(Duration.ofMillis(2), Duration.ofMillis(100));

  private static void createCounters(Engine engine) {
    engine.useTransaction(
        conn -> {
          conn.execute(text("DROP TABLE IF EXISTS retry_counter"));
          conn.execute(text("CREATE TABLE retry_counter (id INTEGER PRIMARY KEY, n INTEGER)"));
          conn.execute(text("INSERT INTO retry_counter (id, n) VALUES (1, 0), (2, 0)"));
        });
  }

  private static int counter(Engine engine, int id) {
    try (Connection conn = engine.connect()) {
      return conn.execute(text("SELECT n FROM retry_counter WHERE id = :id"), Map.of("id", id))
          .scalarOne(Integer.class);
    }
  }

  /** Runs {@code tasks} calls of {@code body} on virtual threads and waits for all of them. */
  private static void runConcurrently(int tasks, Runnable body) throws Exception {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        all.add(threads.submit(body));
      }
      for (Future<?> f : all) {
        f.get(90, TimeUnit.SECONDS);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "SQLITE"})
  void serializationFailuresAreRetriedUntilEveryIncrementLands(Backend backend) throws Exception {
    int tasks = 40;
    AtomicInteger attempts = new AtomicInteger();
    try (Engine engine =
        backend.engine(
            EngineOptions.defaults()
                .withPoolSize(8)
                .withIsolationLevel(IsolationLevel.SERIALIZABLE)
                .withAcquireTimeout(Duration.ofSeconds(60)))) {
      createCounters(engine);
      runConcurrently(
          tasks,
          () ->
              engine.useTransaction(
                  PATIENT,
                  conn -> {
                    attempts.incrementAndGet();
                    int n =
                        conn.execute(text("SELECT n FROM retry_counter WHERE id = 1"))
                            .scalarOne(Integer.class);
                    pause(2); // let the other transactions read the same value
                    conn.execute(
                        text("UPDATE retry_counter SET n = :n WHERE id = 1"), Map.of("n", n + 1));
                  }));
      assertThat(counter(engine, 1)).isEqualTo(tasks);
      // The contention was real: some attempts failed and ran again.
      assertThat(attempts.get()).isGreaterThan(tasks);
      Pools.assertAllReturned(engine);
    }
  }

  @Test
  void deadlocksOnMariaDbAreRetriedUntilEveryIncrementLands() throws Exception {
    int tasks = 30;
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger order = new AtomicInteger();
    try (Engine engine =
        Backend.MARIADB.engine(
            EngineOptions.defaults().withPoolSize(8).withAcquireTimeout(Duration.ofSeconds(60)))) {
      createCounters(engine);
      runConcurrently(
          tasks,
          () -> {
            // Half the tasks lock row 1 then row 2, the other half the reverse: a deadlock recipe.
            boolean reversed = order.incrementAndGet() % 2 == 0;
            engine.useTransaction(
                PATIENT,
                conn -> {
                  attempts.incrementAndGet();
                  conn.execute(
                      text("UPDATE retry_counter SET n = n + 1 WHERE id = :id"),
                      Map.of("id", reversed ? 2 : 1));
                  pause(5);
                  conn.execute(
                      text("UPDATE retry_counter SET n = n + 1 WHERE id = :id"),
                      Map.of("id", reversed ? 1 : 2));
                });
          });
      assertThat(counter(engine, 1)).isEqualTo(tasks);
      assertThat(counter(engine, 2)).isEqualTo(tasks);
      assertThat(attempts.get()).as("deadlocks happened and were retried").isGreaterThan(tasks);
      Pools.assertAllReturned(engine);
    }
  }

  /**
   * The async form under the same contention: SERIALIZABLE read-modify-write on PostgreSQL, row
   * locks taken in opposite orders (deadlocks) on MariaDB.
   */
  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void theAsyncFormRetriesContendedTransactionsToo(Backend backend) throws Exception {
    int tasks = 30;
    AtomicInteger attempts = new AtomicInteger();
    boolean postgres = backend == Backend.POSTGRESQL;
    EngineOptions options =
        EngineOptions.defaults().withPoolSize(8).withAcquireTimeout(Duration.ofSeconds(60));
    try (AsyncEngine engine =
        AsyncEngine.of(
            backend.engine(
                postgres ? options.withIsolationLevel(IsolationLevel.SERIALIZABLE) : options))) {
      createCounters(engine.sync());
      TextClause nap = text(postgres ? "SELECT pg_sleep(0.003)" : "SELECT SLEEP(0.005)");
      List<CompletableFuture<Integer>> all = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        boolean reversed = i % 2 == 1;
        all.add(
            engine.inTransaction(
                PATIENT,
                conn -> {
                  attempts.incrementAndGet();
                  if (postgres) {
                    return conn.execute(text("SELECT n FROM retry_counter WHERE id = 1"))
                        .thenCompose(
                            read ->
                                conn.execute(nap)
                                    .thenCompose(
                                        x ->
                                            conn.execute(
                                                text(
                                                    "UPDATE retry_counter SET n = :n WHERE id = 1"),
                                                Map.of("n", read.scalarOne(Integer.class) + 1))))
                        .thenApply(r -> 1);
                  }
                  TextClause bump = text("UPDATE retry_counter SET n = n + 1 WHERE id = :id");
                  return conn.execute(bump, Map.of("id", reversed ? 2 : 1))
                      .thenCompose(x -> conn.execute(nap))
                      .thenCompose(x -> conn.execute(bump, Map.of("id", reversed ? 1 : 2)))
                      .thenApply(r -> 1);
                }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
      assertThat(counter(engine.sync(), 1)).isEqualTo(tasks);
      if (!postgres) {
        assertThat(counter(engine.sync(), 2)).isEqualTo(tasks);
      }
      assertThat(attempts.get()).isGreaterThan(tasks);
      Pools.assertAllReturned(engine.sync());
    }
  }

  @Test
  void theAsyncFormStopsAtANonRetryableFailureOrWhenCancelled() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (AsyncEngine engine = AsyncEngine.of(Backend.POSTGRESQL.engine())) {
      createCounters(engine.sync());
      CompletableFuture<Object> duplicate =
          engine.inTransaction(
              PATIENT,
              conn -> {
                attempts.incrementAndGet();
                return conn.execute(text("INSERT INTO retry_counter (id, n) VALUES (1, 5)"))
                    .thenApply(r -> null);
              });
      assertThatThrownBy(() -> duplicate.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IntegrityException.class);
      assertThat(attempts.get()).isEqualTo(1);

      // A conflict that never clears: cancelling the future stops the retries.
      attempts.set(0);
      CompletableFuture<Object> endless =
          engine.inTransaction(
              RetryPolicy.defaults()
                  .withMaxAttempts(1_000_000)
                  .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)),
              conn -> {
                attempts.incrementAndGet();
                return conn.execute(
                        text(
                            "DO $$ BEGIN RAISE EXCEPTION 'simulated conflict'"
                                + " USING ERRCODE = '40001'; END $$"))
                    .thenApply(r -> null);
              });
      while (attempts.get() < 3) {
        Thread.sleep(5);
      }
      assertThat(endless.cancel(true)).isTrue();
      Thread.sleep(200);
      int seen = attempts.get();
      Thread.sleep(200);
      assertThat(attempts.get()).as("no attempt starts after the cancel").isEqualTo(seen);
      Pools.assertAllReturned(engine.sync());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNonRetryableFailureRunsOnce(Backend backend) {
    AtomicInteger attempts = new AtomicInteger();
    try (Engine engine = backend.engine()) {
      createCounters(engine);
      IntegrityException duplicate =
          catchThrowableOfType(
              IntegrityException.class,
              () ->
                  engine.useTransaction(
                      PATIENT,
                      conn -> {
                        attempts.incrementAndGet();
                        conn.execute(text("INSERT INTO retry_counter (id, n) VALUES (1, 5)"));
                      }));
      assertThat(duplicate).isNotNull();
      assertThat(attempts.get()).isEqualTo(1);

      attempts.set(0);
      IllegalStateException own =
          catchThrowableOfType(
              IllegalStateException.class,
              () ->
                  engine.inTransaction(
                      PATIENT,
                      conn -> {
                        attempts.incrementAndGet();
                        throw new IllegalStateException("not a database failure");
                      }));
      assertThat(own).hasMessage("not a database failure");
      assertThat(attempts.get()).isEqualTo(1);
      Pools.assertAllReturned(engine);
    }
  }

  @Test
  void aRetryableFailureRunsAtMostMaxAttemptsTimes() {
    AtomicInteger attempts = new AtomicInteger();
    try (Engine engine = Backend.POSTGRESQL.engine()) {
      RetryPolicy three =
          RetryPolicy.defaults()
              .withMaxAttempts(3)
              .withBackoff(Duration.ZERO, Duration.ofMillis(5));
      OperationalException e =
          catchThrowableOfType(
              OperationalException.class,
              () ->
                  engine.useTransaction(
                      three,
                      conn -> {
                        attempts.incrementAndGet();
                        conn.execute(
                            text(
                                "DO $$ BEGIN RAISE EXCEPTION 'simulated conflict'"
                                    + " USING ERRCODE = '40001'; END $$"));
                      }));
      assertThat(e.isRetryable()).isTrue();
      assertThat(e.sqlState()).isEqualTo("40001");
      assertThat(attempts.get()).isEqualTo(3);
      // The failures of the earlier attempts travel with the last one.
      assertThat(e.getSuppressed()).hasSize(2).allMatch(s -> s instanceof OperationalException);
      Pools.assertAllReturned(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aConnectionLostDuringCommitIsNeverRetried(Backend backend) {
    AtomicInteger attempts = new AtomicInteger();
    try (Engine engine = backend.engine();
        ServerFaults faults = new ServerFaults(backend)) {
      createCounters(engine);
      RetryPolicy evenDisconnects = PATIENT.withRetryOnDisconnect(true);
      OperationalException e =
          catchThrowableOfType(
              OperationalException.class,
              () ->
                  engine.useTransaction(
                      evenDisconnects,
                      conn -> {
                        attempts.incrementAndGet();
                        conn.execute(text("UPDATE retry_counter SET n = n + 1 WHERE id = 1"));
                        // The server drops the session just before the COMMIT is sent.
                        faults.kill(ServerFaults.sessionId(conn));
                      }));
      assertThat(e).isNotNull();
      assertThat(e.isDisconnect()).isTrue();
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.getMessage()).contains("during COMMIT").contains("unknown");
      assertThat(attempts.get()).isEqualTo(1);
      // The dead connection was discarded; the pool serves working ones.
      assertThat(counter(engine, 1)).isZero();
      Pools.assertAllReturned(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aConnectionLostBeforeCommitIsRetriedWhenThePolicySaysSo(Backend backend) {
    AtomicInteger attempts = new AtomicInteger();
    try (Engine engine = backend.engine();
        ServerFaults faults = new ServerFaults(backend)) {
      createCounters(engine);
      engine.useTransaction(
          PATIENT.withRetryOnDisconnect(true),
          conn -> {
            if (attempts.incrementAndGet() == 1) {
              faults.kill(ServerFaults.sessionId(conn));
            }
            conn.execute(text("UPDATE retry_counter SET n = n + 1 WHERE id = 1"));
          });
      assertThat(attempts.get()).isEqualTo(2);
      assertThat(counter(engine, 1)).isEqualTo(1);

      // Without the option, the lost connection is reported at once.
      attempts.set(0);
      DatabaseException e =
          catchThrowableOfType(
              DatabaseException.class,
              () ->
                  engine.useTransaction(
                      PATIENT,
                      conn -> {
                        attempts.incrementAndGet();
                        faults.kill(ServerFaults.sessionId(conn));
                        conn.execute(text("UPDATE retry_counter SET n = n + 1 WHERE id = 1"));
                      }));
      assertThat(e.isDisconnect()).isTrue();
      assertThat(attempts.get()).isEqualTo(1);
      assertThat(counter(engine, 1)).isEqualTo(1);
      Pools.assertAllReturned(engine);
    }
  }
}
