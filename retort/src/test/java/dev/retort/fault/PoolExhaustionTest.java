package dev.retort.fault;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.async.AsyncConnection;
import dev.retort.async.AsyncEngine;
import dev.retort.engine.Checkout;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.error.OperationalException;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An exhausted pool fails within the acquire timeout with an error that lists every holder: the
 * caller's code that checked it out (for async callers too, not a worker thread), for how long, and
 * whether it is inside a transaction.
 */
class PoolExhaustionTest {
  private static final Duration ACQUIRE = Duration.ofMillis(500);

  /** A connection held by the test, and the source line that checked it out. */
  private record Held(AutoCloseable connection, String site) {}

  /** How the report names the caller's next source line, in the method {@code method}. */
  private static String siteOfNextLine(String method) {
    int line =
        StackWalker.getInstance()
            .walk(frames -> frames.skip(1).findFirst())
            .orElseThrow()
            .getLineNumber();
    return "PoolExhaustionTest." + method + "(PoolExhaustionTest.java:" + (line + 1) + ")";
  }

  private static Held holdInTransaction(Engine engine) {
    String site = siteOfNextLine("holdInTransaction");
    Connection c = engine.connect();
    c.execute(text("SELECT 1"));
    return new Held(c, site);
  }

  private static Held holdOutsideTransaction(Engine engine) {
    String site = siteOfNextLine("holdOutsideTransaction");
    Connection c = engine.connect();
    return new Held(c, site);
  }

  private static Held holdAsync(AsyncEngine engine) throws Exception {
    String site = siteOfNextLine("holdAsync");
    CompletableFuture<AsyncConnection> pending = engine.connect();
    AsyncConnection c = pending.get(10, TimeUnit.SECONDS);
    return new Held(() -> c.close().get(10, TimeUnit.SECONDS), site);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theErrorListsEveryHolderWithItsCallSiteAgeAndTransactionState(Backend backend)
      throws Exception {
    try (AsyncEngine engine =
        AsyncEngine.of(
            backend.engine(EngineOptions.defaults().withPoolSize(3).withAcquireTimeout(ACQUIRE)))) {
      Engine sync = engine.sync();
      Held inTx = holdInTransaction(sync);
      Held outside = holdOutsideTransaction(sync);
      Held async = holdAsync(engine);
      Thread.sleep(50);

      long start = System.nanoTime();
      OperationalException e = catchThrowableOfType(OperationalException.class, sync::connect);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(ACQUIRE.minusMillis(100), ACQUIRE.plusSeconds(5));
      String message = e.getMessage();
      assertThat(message)
          .contains("pool is exhausted")
          .contains("3 of 3")
          .contains("1. Connection checked out at " + inTx.site())
          .contains("2. Connection checked out at " + outside.site())
          .contains("3. AsyncConnection checked out at " + async.site())
          .contains("trace_checkouts=true");
      assertThat(lineOf(message, inTx.site())).contains("in a transaction for").contains("idle");
      assertThat(lineOf(message, outside.site())).contains("not in a transaction");
      assertThat(lineOf(message, async.site())).contains("on thread main");
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.isDisconnect()).isFalse();

      // The async caller gets the same report, naming the same holders.
      ExecutionException asyncFailure =
          catchThrowableOfType(
              ExecutionException.class, () -> engine.connect().get(10, TimeUnit.SECONDS));
      assertThat(asyncFailure.getCause().getMessage()).contains(inTx.site()).contains(async.site());

      // The same facts, as data.
      List<Checkout> holders = sync.checkouts();
      assertThat(holders)
          .extracting(Checkout::site)
          .containsExactly(inTx.site(), outside.site(), async.site());
      assertThat(holders).extracting(Checkout::inTransaction).containsExactly(true, false, false);
      assertThat(holders)
          .extracting(Checkout::holder)
          .containsExactly("Connection", "Connection", "AsyncConnection");
      assertThat(holders.get(0).held()).isGreaterThanOrEqualTo(holders.get(2).held());

      for (Held held : List.of(inTx, outside, async)) {
        held.connection().close();
      }
      Pools.assertAllReturned(sync);
      assertThat(sync.checkouts()).isEmpty();
      try (Connection again = sync.connect()) {
        assertThat(again.execute(text("SELECT 1")).scalarOne(Integer.class)).isEqualTo(1);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void withTraceCheckoutsTheErrorCarriesEachHoldersStack(Backend backend) throws Exception {
    try (Engine engine =
        backend.engine(
            EngineOptions.defaults()
                .withPoolSize(1)
                .withAcquireTimeout(ACQUIRE)
                .withTraceCheckouts(true))) {
      Held held = holdInTransaction(engine);
      OperationalException e = catchThrowableOfType(OperationalException.class, engine::connect);
      assertThat(e.getMessage())
          .contains("1. Connection checked out at " + held.site())
          .contains("at dev.retort.fault.PoolExhaustionTest.holdInTransaction(")
          .contains(
              "at dev.retort.fault.PoolExhaustionTest"
                  + ".withTraceCheckoutsTheErrorCarriesEachHoldersStack(")
          .doesNotContain("trace_checkouts=true");
      held.connection().close();
      Pools.assertAllReturned(engine);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "SQLITE"})
  void aTransactionIdleLongerThanTheThresholdIsReportedOnce(Backend backend) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (Engine engine =
        backend.engine(
            EngineOptions.defaults().withIdleTransactionWarning(Duration.ofMillis(200)))) {
      Held idleInTx = holdInTransaction(engine);
      Held idleOutside = holdOutsideTransaction(engine);
      Thread.sleep(1000);
      String warnings = log.toString(StandardCharsets.UTF_8);
      assertThat(warnings)
          .contains("has been idle for")
          .contains("idle_transaction_warning is 200 ms")
          .contains(idleInTx.site())
          .doesNotContain(idleOutside.site());
      // One warning per idle period, not one per check.
      assertThat(warnings.split("has been idle for", -1)).hasSize(2);
      idleInTx.connection().close();
      idleOutside.connection().close();
      Pools.assertAllReturned(engine);
    } finally {
      System.setErr(originalErr);
      originalErr.print(log.toString(StandardCharsets.UTF_8));
    }
  }

  private static String lineOf(String message, String site) {
    return message.lines().filter(l -> l.contains(site)).findFirst().orElseThrow();
  }
}
