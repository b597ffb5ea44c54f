package dev.retort.async;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.engine.EngineOptions;
import dev.retort.error.InvalidRequestException;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import dev.retort.testing.SlowQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a connection's operations are scheduled: an operation called from the completion callback of
 * the previous one runs right after it on the same thread, with no hand-off and no stack growth;
 * blocking on such an operation inside the callback still completes; a closed engine refuses work
 * with a clear error.
 */
class AsyncLaneTest {
  private static final int TIMEOUT_S = 120;

  private static AsyncEngine engine(Backend backend) {
    return AsyncEngine.of(
        backend.engine(
            EngineOptions.defaults().withPoolSize(4).withAcquireTimeout(Duration.ofSeconds(60))));
  }

  /** Runs {@code count} steps one after another, each started by the previous one's callback. */
  private static CompletionStage<Long> sequence(
      int index, int count, long sum, IntFunction<CompletionStage<Long>> step) {
    if (index == count) {
      return CompletableFuture.completedFuture(sum);
    }
    return step.apply(index).thenCompose(value -> sequence(index + 1, count, sum + value, step));
  }

  /**
   * Runs {@code then} in the completion callback of a first operation on the connection's worker:
   * the callback is attached before that operation may complete, so it cannot run on this thread.
   */
  private static <T> CompletableFuture<T> inACallback(
      AsyncConnection conn, Function<AsyncConnection, CompletionStage<T>> then) {
    CompletableFuture<Void> attached = new CompletableFuture<>();
    CompletableFuture<T> result =
        conn.runSync(
                c -> {
                  attached.join();
                  return null;
                })
            .thenCompose(x -> then.apply(conn));
    attached.complete(null);
    return result;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aChainOfOperationsRunsOnOneThreadAtOneStackDepth(Backend backend) throws Exception {
    int operations = 3_000;
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Set<Integer> depths = ConcurrentHashMap.newKeySet();
    AsyncEngine engine = engine(backend);
    try {
      long sum =
          engine
              .withConnection(
                  connection ->
                      inACallback(
                          connection,
                          conn ->
                              sequence(
                                  0,
                                  operations,
                                  0L,
                                  i ->
                                      conn.runSync(
                                          c -> {
                                            threads.add(Thread.currentThread());
                                            depths.add(
                                                Thread.currentThread().getStackTrace().length);
                                            return c.execute(text("SELECT 1"))
                                                .scalarOne(Number.class)
                                                .longValue();
                                          }))))
              .get(TIMEOUT_S, TimeUnit.SECONDS);
      assertThat(sum).isEqualTo(operations);
      assertThat(threads)
          .as("threads that ran the chain (no hand-off between operations)")
          .hasSize(1);
      assertThat(depths)
          .as("stack depths of the chain's operations (a loop, not recursion)")
          .hasSize(1);
      Pools.assertAllReturned(engine.sync());
    } finally {
      engine.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void blockingInACallbackOnTheNextOperationOfTheSameConnectionCompletes(Backend backend)
      throws Exception {
    AsyncEngine engine = engine(backend);
    try {
      // The blocked-on operation is queued behind the callback that waits for it: the wait runs it.
      int sum =
          engine
              .withConnection(
                  connection ->
                      inACallback(
                          connection,
                          conn ->
                              conn.execute(text("SELECT 1"))
                                  .thenApply(
                                      one ->
                                          one.scalarOne(Number.class).intValue()
                                              + conn.execute(text("SELECT 2"))
                                                  .thenApply(
                                                      r -> r.scalarOne(Number.class).intValue())
                                                  .join()
                                              + conn.execute(text("SELECT :n"), Map.of("n", 3))
                                                  .join()
                                                  .scalarOne(Number.class)
                                                  .intValue())))
              .get(TIMEOUT_S, TimeUnit.SECONDS);
      assertThat(sum).isEqualTo(6);

      // The same with a stream: fetch and close waited for inside the stream's own callback.
      engine
          .sync()
          .useTransaction(
              c -> {
                c.execute(text("DROP TABLE IF EXISTS lane_number"));
                c.execute(text("CREATE TABLE lane_number (n INTEGER PRIMARY KEY)"));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int n = 1; n <= 50; n++) {
                  rows.add(Map.of("n", n));
                }
                c.executeMany(text("INSERT INTO lane_number (n) VALUES (:n)"), rows);
              });
      int read =
          engine
              .withConnection(
                  connection ->
                      inACallback(
                          connection,
                          conn ->
                              conn.stream(
                                      text("SELECT n FROM lane_number ORDER BY n"), Map.of(), 10)
                                  .thenApply(
                                      rows -> {
                                        int size = rows.fetch(20).join().size();
                                        rows.close().join();
                                        return size;
                                      })))
              .get(TIMEOUT_S, TimeUnit.SECONDS);
      assertThat(read).isEqualTo(20);
      Pools.assertAllReturned(engine.sync());
    } finally {
      engine.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void closingTheEngineLetsARunningOperationFinish(Backend backend) throws Exception {
    AsyncEngine engine = engine(backend);
    CompletableFuture<Object> started = new CompletableFuture<>();
    dev.retort.sql.TextClause slowQuery = SlowQuery.of(engine.sync().dialect());
    // Called from the connection's callback: on PostgreSQL and MariaDB it runs on the thread that
    // acquired the connection, which close() must wait for as it waits for the workers.
    CompletableFuture<Long> slow =
        engine.withConnection(
            conn ->
                conn.runSync(
                    c -> {
                      started.complete(null);
                      c.execute(slowQuery);
                      return 1L;
                    }));
    started.get(TIMEOUT_S, TimeUnit.SECONDS);
    engine.close();
    assertThat(slow).as("finished before close() returned").isDone();
    assertThat(slow.get()).isEqualTo(1L);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anOperationAfterTheEngineClosedFailsNamingWhy(Backend backend) throws Exception {
    AsyncEngine engine = engine(backend);
    AsyncConnection conn = engine.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(
            conn.execute(text("SELECT 1"))
                .get(TIMEOUT_S, TimeUnit.SECONDS)
                .scalarOne(Number.class)
                .intValue())
        .isEqualTo(1);
    engine.close();
    CompletableFuture<?> refused = conn.execute(text("SELECT 1"));
    assertThatThrownBy(() -> refused.get(TIMEOUT_S, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("async engine is closed");
    assertThat(conn.isBusy()).as("a refused operation leaves the connection idle").isFalse();
    // Closing still works: it runs on the caller's thread since no worker will.
    conn.close().get(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(conn.isClosed()).isTrue();
  }
}
