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
import dev.retort.error.OperationalException;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.ServerFaults;
import dev.retort.testing.SlowQuery;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that kills a connection (pg_terminate_backend, KILL CONNECTION), mid-query or while it
 * sits in the pool: the caller in flight gets a clear operational error marked as a disconnect, the
 * pool drops the dead connection, and the next call succeeds.
 */
class DisconnectTest {
  private static final EngineOptions OPTIONS =
      EngineOptions.defaults().withPoolSize(3).withAcquireTimeout(Duration.ofSeconds(10));

  private static int selectOne(Engine engine) {
    try (Connection conn = engine.connect()) {
      return conn.execute(text("SELECT 1")).scalarOne(Integer.class);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aConnectionKilledMidQueryFailsClearlyAndThePoolRecovers(Backend backend) throws Exception {
    try (Engine engine = backend.engine(OPTIONS);
        ServerFaults faults = new ServerFaults(backend)) {
      Connection conn = engine.connect();
      long victim = ServerFaults.sessionId(conn);
      CompletableFuture<Object> query =
          CompletableFuture.supplyAsync(() -> conn.execute(SlowQuery.of(engine.dialect())));
      faults.awaitRunning(victim);
      long start = System.nanoTime();
      faults.kill(victim);

      ExecutionException failed =
          catchThrowableOfType(ExecutionException.class, () -> query.get(30, TimeUnit.SECONDS));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(failed.getCause()).isInstanceOf(OperationalException.class);
      OperationalException lost = (OperationalException) failed.getCause();
      assertThat(lost.isDisconnect()).isTrue();
      assertThat(lost.isRetryable()).isFalse();
      assertThat(lost.getMessage()).contains("(" + engine.dialect().name() + ")");

      // The dead connection refuses further work with a message that says what to do.
      assertThatThrownBy(() -> conn.execute(text("SELECT 1")))
          .isInstanceOf(OperationalException.class)
          .hasMessageContaining("cannot be used any more")
          .hasMessageContaining("check out another");
      conn.rollback(); // ending the lost transaction needs no server
      conn.close();
      Pools.assertAllReturned(engine);

      // The next call gets a live connection, not the killed one.
      try (Connection next = engine.connect()) {
        assertThat(ServerFaults.sessionId(next)).isNotEqualTo(victim);
        assertThat(next.execute(text("SELECT 1")).scalarOne(Integer.class)).isEqualTo(1);
      }
      Pools.assertAllReturned(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void anAsyncQueryOnAKilledConnectionFailsClearly(Backend backend) throws Exception {
    try (AsyncEngine engine = AsyncEngine.of(backend.engine(OPTIONS));
        ServerFaults faults = new ServerFaults(backend)) {
      AsyncConnection conn = engine.connect().get(10, TimeUnit.SECONDS);
      long victim = conn.runSync(ServerFaults::sessionId).get(10, TimeUnit.SECONDS);
      CompletableFuture<?> query = conn.execute(SlowQuery.of(engine.sync().dialect()));
      faults.awaitRunning(victim);
      faults.kill(victim);
      assertThatThrownBy(() -> query.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              OperationalException.class, e -> assertThat(e.isDisconnect()).isTrue());
      conn.close().get(10, TimeUnit.SECONDS);
      Pools.assertAllReturned(engine.sync());
      int one =
          engine
              .withConnection(c -> c.execute(text("SELECT 1")))
              .get(10, TimeUnit.SECONDS)
              .scalarOne(Integer.class);
      assertThat(one).isEqualTo(1);
      Pools.assertAllReturned(engine.sync());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void withPrePingAConnectionKilledInThePoolIsReplacedBeforeAnyCallSeesIt(Backend backend) {
    try (Engine engine = backend.engine(OPTIONS.withPrePing(true));
        ServerFaults faults = new ServerFaults(backend)) {
      long victim;
      try (Connection conn = engine.connect()) {
        victim = ServerFaults.sessionId(conn);
        conn.rollback();
      }
      faults.kill(victim); // now idle in the pool, and dead
      try (Connection next = engine.connect()) {
        assertThat(ServerFaults.sessionId(next)).isNotEqualTo(victim);
      }
      assertThat(selectOne(engine)).isEqualTo(1);
      Pools.assertAllReturned(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void withoutPrePingAKilledPooledConnectionIsCheckedAfterHalfASecondIdle(Backend backend)
      throws Exception {
    try (Engine engine = backend.engine(OPTIONS);
        ServerFaults faults = new ServerFaults(backend)) {
      long victim;
      try (Connection conn = engine.connect()) {
        victim = ServerFaults.sessionId(conn);
        conn.rollback();
      }
      faults.kill(victim);
      // HikariCP validates a connection that has been idle for more than 500 ms before lending it.
      Thread.sleep(700);
      try (Connection next = engine.connect()) {
        assertThat(ServerFaults.sessionId(next)).isNotEqualTo(victim);
      }
      Pools.assertAllReturned(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void withoutPrePingAKilledConnectionReusedAtOnceCostsOneFailedCall(Backend backend) {
    try (Engine engine = backend.engine(OPTIONS);
        ServerFaults faults = new ServerFaults(backend)) {
      long[] sessions = new long[2];
      try (Connection a = engine.connect();
          Connection b = engine.connect()) {
        sessions[0] = ServerFaults.sessionId(a);
        sessions[1] = ServerFaults.sessionId(b);
        a.rollback();
        b.rollback();
      }
      // Kill both, as a server restart would, and use the pool again at once.
      faults.kill(sessions[0]);
      faults.kill(sessions[1]);
      OperationalException first =
          catchThrowableOfType(OperationalException.class, () -> selectOne(engine));
      assertThat(first).isNotNull();
      assertThat(first.isDisconnect()).isTrue();
      // That failure retired every pooled connection: the next call gets a fresh one.
      try (Connection next = engine.connect()) {
        assertThat(ServerFaults.sessionId(next)).isNotIn(sessions[0], sessions[1]);
      }
      Pools.assertAllReturned(engine);
    }
  }
}
