package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.async.AsyncConnection;
import dev.retort.async.AsyncEngine;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.Transaction;
import dev.retort.error.ArgumentException;
import dev.retort.error.OperationalException;
import dev.retort.error.StatementTimeoutException;
import dev.retort.error.TransactionTimeoutException;
import dev.retort.sql.TextClause;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.ServerFaults;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statement and transaction timeouts: on expiry the statement is cancelled on the server, the
 * transaction ends, and the connection goes back to the pool clean (or is discarded when the
 * timeout had to close it).
 */
class TimeoutTest {
  /** A statement that would run for far longer than any timeout here (about 30 s). */
  private static TextClause verySlow(Engine engine) {
    return switch (engine.dialect().name()) {
      case "postgresql" -> text("SELECT pg_sleep(30)");
      case "sqlite" ->
          text(
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000000)"
                  + " SELECT count(*) FROM n");
      default -> text("SELECT SLEEP(30)");
    };
  }

  private static Engine engine(Backend backend, EngineOptions options) {
    Engine engine = backend.engine(options.withAcquireTimeout(Duration.ofSeconds(10)));
    engine.useTransaction(
        conn -> {
          conn.execute(text("DROP TABLE IF EXISTS timeout_item"));
          conn.execute(
              text("CREATE TABLE timeout_item (id INTEGER PRIMARY KEY, name VARCHAR(20))"));
          conn.execute(text("INSERT INTO timeout_item (id, name) VALUES (1, 'one')"));
        });
    return engine;
  }

  private static long count(Engine engine) {
    try (Connection conn = engine.connect()) {
      return conn.execute(text("SELECT count(*) FROM timeout_item")).scalarOne(Long.class);
    }
  }

  private static void insert(Connection conn, int id) {
    conn.execute(text("INSERT INTO timeout_item (id, name) VALUES (:id, 'x')"), Map.of("id", id));
  }

  /** After a timeout: nothing checked out, and no session of the test idle in a transaction. */
  private static void assertClean(Backend backend, Engine engine) {
    Pools.assertAllReturned(engine);
    if (backend != Backend.SQLITE) {
      try (ServerFaults server = new ServerFaults(backend)) {
        assertThat(server.idleInTransaction()).isZero();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aStatementTimeoutCancelsTheStatementAndRollsBackItsTransaction(Backend backend) {
    try (Engine engine =
        engine(backend, EngineOptions.defaults().withStatementTimeout(Duration.ofMillis(300)))) {
      try (Connection conn = engine.connect()) {
        assertThat(conn.statementTimeout()).isEqualTo(Duration.ofMillis(300));
        insert(conn, 2);
        long start = System.nanoTime();
        StatementTimeoutException e =
            catchThrowableOfType(
                StatementTimeoutException.class, () -> conn.execute(verySlow(engine)));
        // Cut short: the statement would otherwise have run for about 30 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage())
            .contains("300 ms timeout")
            .contains("cancelled on the server")
            .contains("rolled back")
            .contains("statement_timeout");
        assertThat(conn.inTransaction()).isFalse();
        // The connection is usable at once (the server is no longer busy with the statement).
        assertThat(conn.execute(text("SELECT 1")).scalarOne(Integer.class)).isEqualTo(1);
        conn.rollback();
      }
      // The INSERT before the timeout was rolled back with its transaction.
      assertThat(count(engine)).isEqualTo(1);
      assertClean(backend, engine);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aConnectionCanSetItsOwnStatementTimeout(Backend backend) {
    try (Engine engine = engine(backend, EngineOptions.defaults())) {
      try (Connection conn = engine.connect()) {
        assertThat(conn.statementTimeout()).isZero();
        conn.setStatementTimeout(Duration.ofMillis(200));
        assertThatThrownBy(() -> conn.execute(verySlow(engine)))
            .isInstanceOf(StatementTimeoutException.class);
        conn.setStatementTimeout(Duration.ZERO);
        assertThat(conn.execute(text("SELECT 1")).scalarOne(Integer.class)).isEqualTo(1);
        conn.rollback();
        assertThatThrownBy(() -> conn.setStatementTimeout(Duration.ofSeconds(-1)))
            .isInstanceOf(ArgumentException.class)
            .hasMessageContaining("statement timeout");
      }
      // Each checkout starts from the engine's setting again.
      try (Connection conn = engine.connect()) {
        assertThat(conn.statementTimeout()).isZero();
      }
      assertClean(backend, engine);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aTransactionTimeoutCancelsTheStatementRunningAtTheDeadline(Backend backend) {
    try (Engine engine =
        engine(backend, EngineOptions.defaults().withTransactionTimeout(Duration.ofMillis(500)))) {
      try (Connection conn = engine.connect()) {
        Transaction tx = conn.begin();
        insert(conn, 2);
        TransactionTimeoutException e =
            catchThrowableOfType(
                TransactionTimeoutException.class, () -> conn.execute(verySlow(engine)));
        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(e.getMessage()).contains("500 ms timeout").contains("rolled back");
        assertThat(tx.isActive()).isFalse();
        // A new transaction can begin on the same connection.
        conn.useTransaction(c -> insert(c, 3));
      }
      assertThat(count(engine)).isEqualTo(2); // row 1 and row 3; row 2 was rolled back
      assertClean(backend, engine);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void anIdleTransactionPastItsDeadlineIsEndedOnTheServerAtOnce(Backend backend) throws Exception {
    try (Engine engine =
            engine(
                backend, EngineOptions.defaults().withTransactionTimeout(Duration.ofMillis(300)));
        ServerFaults server = new ServerFaults(backend)) {
      Connection conn = engine.connect();
      long session = ServerFaults.sessionId(conn);
      conn.execute(text("UPDATE timeout_item SET name = 'locked' WHERE id = 1"));
      // The owner goes quiet while holding a row lock. Its session ends at the deadline, so
      // the lock is free for others without waiting for the owner to come back.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (server.isAlive(session)) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(20);
      }
      try (Connection other = engine.connect()) {
        other.setStatementTimeout(Duration.ofSeconds(5));
        other.execute(text("UPDATE timeout_item SET name = 'other' WHERE id = 1"));
        other.commit();
      }
      assertThatThrownBy(() -> conn.execute(text("SELECT 1")))
          .isInstanceOf(TransactionTimeoutException.class)
          .hasMessageContaining("its connection was closed");
      assertThatThrownBy(() -> conn.execute(text("SELECT 1")))
          .isInstanceOf(OperationalException.class)
          .hasMessageContaining("closed when its transaction timed out");
      conn.close();
      assertClean(backend, engine);
      try (Connection check = engine.connect()) {
        assertThat(check.execute(text("SELECT name FROM timeout_item")).scalar(String.class))
            .isEqualTo("other");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCommitAfterTheDeadlineFailsAndNothingIsCommitted(Backend backend) throws Exception {
    try (Engine engine =
        engine(backend, EngineOptions.defaults().withTransactionTimeout(Duration.ofMillis(200)))) {
      try (Connection conn = engine.connect()) {
        insert(conn, 2);
        Thread.sleep(500);
        assertThatThrownBy(conn::commit)
            .isInstanceOf(TransactionTimeoutException.class)
            .hasMessageContaining("200 ms");
        assertThat(conn.inTransaction()).isFalse();
      }
      assertThat(count(engine)).isEqualTo(1);
      assertClean(backend, engine);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void asyncStatementTimeoutsAndOrTimeoutBothCancelOnTheServer(Backend backend) throws Exception {
    try (AsyncEngine engine = AsyncEngine.of(engine(backend, EngineOptions.defaults()))) {
      AsyncConnection conn = engine.connect().get(10, TimeUnit.SECONDS);
      conn.setStatementTimeout(Duration.ofMillis(200));
      assertThatThrownBy(() -> conn.execute(verySlow(engine.sync())).get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(StatementTimeoutException.class);
      conn.setStatementTimeout(Duration.ZERO);

      // A caller's own timeout on the future: orTimeout cancels the statement and rolls back.
      conn.execute(text("INSERT INTO timeout_item (id, name) VALUES (2, 'x')"))
          .get(10, TimeUnit.SECONDS);
      CompletableFuture<?> slow = conn.execute(verySlow(engine.sync()));
      slow.orTimeout(200, TimeUnit.MILLISECONDS);
      assertThatThrownBy(() -> slow.get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      // The connection frees up once the server has stopped the statement.
      Integer one = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (one == null) {
        try {
          one = conn.execute(text("SELECT 1")).get(10, TimeUnit.SECONDS).scalarOne(Integer.class);
        } catch (IllegalStateException busy) {
          assertThat(System.nanoTime()).isLessThan(deadline);
          Thread.sleep(10);
        }
      }
      assertThat(one).isEqualTo(1);
      conn.close().get(10, TimeUnit.SECONDS);
      assertThat(count(engine.sync())).isEqualTo(1);
      assertClean(backend, engine.sync());
    }
  }
}
