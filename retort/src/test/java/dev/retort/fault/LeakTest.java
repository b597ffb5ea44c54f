package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.async.AsyncConnection;
import dev.retort.async.AsyncEngine;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.ServerFaults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A connection that is never closed and becomes garbage: the engine logs a warning naming where it
 * was checked out, rolls back what it left uncommitted and gets the pooled connection back.
 */
class LeakTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureWarnings() {
    originalErr = System.err;
    // slf4j-simple looks System.err up at each message, so the warning lands here.
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(originalErr);
    originalErr.print(log.toString(StandardCharsets.UTF_8));
  }

  private String warnings() {
    return log.toString(StandardCharsets.UTF_8);
  }

  private static Engine engine(Backend backend, EngineOptions options) {
    Engine engine =
        backend.engine(options.withPoolSize(2).withAcquireTimeout(Duration.ofSeconds(10)));
    engine.useTransaction(
        conn -> {
          conn.execute(text("DROP TABLE IF EXISTS leak_item"));
          conn.execute(text("CREATE TABLE leak_item (id INTEGER PRIMARY KEY)"));
        });
    return engine;
  }

  /** Checks out a connection, writes without committing, and drops it on the floor. */
  private static void abandonConnectionInATransaction(Engine engine) {
    Connection conn = engine.connect();
    conn.execute(text("INSERT INTO leak_item (id) VALUES (1)"));
  }

  private static void abandonAsyncConnection(AsyncEngine engine) throws Exception {
    AsyncConnection conn = engine.connect().get(10, TimeUnit.SECONDS);
    conn.execute(text("INSERT INTO leak_item (id) VALUES (2)")).get(10, TimeUnit.SECONDS);
  }

  /** Collects garbage until the condition holds (at most 30 s). */
  private static void collectUntil(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("the leak was not detected in 30 s").isLessThan(deadline);
      System.gc();
      Thread.sleep(50);
    }
  }

  private static long rows(Engine engine) {
    try (Connection conn = engine.connect()) {
      return conn.execute(text("SELECT count(*) FROM leak_item")).scalarOne(Long.class);
    }
  }

  private static void assertNoIdleTransaction(Backend backend) {
    if (backend != Backend.SQLITE) {
      try (ServerFaults server = new ServerFaults(backend)) {
        assertThat(server.idleInTransaction()).isZero();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anAbandonedConnectionIsRecoveredWithAWarningNamingWhereItWasOpened(Backend backend)
      throws Exception {
    try (Engine engine = engine(backend, EngineOptions.defaults())) {
      abandonConnectionInATransaction(engine);
      assertThat(engine.poolStatus().active()).isEqualTo(1);
      collectUntil(() -> engine.poolStatus().leaked() == 1);
      Pools.assertAllReturned(engine);
      assertThat(warnings())
          .contains("A Connection to")
          .contains("was garbage-collected without being closed")
          .contains("LeakTest.abandonConnectionInATransaction(LeakTest.java:")
          .contains("in a transaction")
          .contains("try-with-resources");
      // What it left uncommitted was rolled back, and its connection serves again.
      assertThat(rows(engine)).isZero();
      assertNoIdleTransaction(backend);
      assertThat(engine.poolStatus().leaked()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anAbandonedAsyncConnectionNamesTheCallersSiteNotAWorkerThread(Backend backend)
      throws Exception {
    try (AsyncEngine engine =
        AsyncEngine.of(engine(backend, EngineOptions.defaults().withTraceCheckouts(true)))) {
      abandonAsyncConnection(engine);
      collectUntil(() -> engine.sync().poolStatus().leaked() == 1);
      Pools.assertAllReturned(engine.sync());
      String warning = warnings();
      assertThat(warning)
          .contains("An AsyncConnection to")
          .contains("LeakTest.abandonAsyncConnection(LeakTest.java:")
          // The full stack, as trace_checkouts asks, down through this test method.
          .contains("at dev.retort.fault.LeakTest.anAbandonedAsyncConnectionNamesTheCallersSite")
          .doesNotContain("checked out at AsyncEngine")
          .doesNotContain("checked out at (unknown)");
      assertThat(rows(engine.sync())).isZero();
      assertNoIdleTransaction(backend);
    }
  }
}
