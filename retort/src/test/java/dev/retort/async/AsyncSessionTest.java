package dev.retort.async;

import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.engine.Connection;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.SchemaManager;
import dev.retort.error.DatabaseException;
import dev.retort.orm.Orm;
import dev.retort.orm.StaleDataException;
import dev.retort.orm.UnloadedRelationshipException;
import dev.retort.orm.model.Address;
import dev.retort.orm.model.Counter;
import dev.retort.orm.model.User;
import dev.retort.orm.model.User_;
import dev.retort.sql.schema.MetaData;
import dev.retort.testing.Backend;
import dev.retort.testing.SlowQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AsyncSession: the same unit of work behind futures, and what it refuses to do implicitly. */
class AsyncSessionTest {
  private AsyncEngine engine;
  private MetaData metadata;

  private AsyncSessionFactory open(Backend backend, EngineOptions options, Class<?> entity) {
    engine = AsyncEngine.of(backend.engine(options));
    metadata = Orm.metadata(entity);
    SchemaManager.dropAll(engine.sync(), metadata, true);
    try (Connection c = engine.sync().connect()) {
      SchemaManager.createAll(c, metadata);
      c.commit();
    }
    return AsyncSessionFactory.of(engine);
  }

  @AfterEach
  void close() {
    if (engine != null) {
      try {
        SchemaManager.dropAll(engine.sync(), metadata, true);
        assertThat(engine.sync().poolStatus().active()).as("connections checked out").isZero();
      } finally {
        engine.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void unitOfWorkBehindFutures(Backend backend) {
    AsyncSessionFactory sessions = open(backend, EngineOptions.defaults(), User.class);
    Long id =
        sessions
            .inTransaction(
                s -> {
                  User ann = s.add(new User("ann", "Ann"));
                  ann.addAddress("ann@example.com");
                  return s.flush().thenApply(v -> ann.id);
                })
            .join();
    assertThat(id).isNotNull();

    List<String> sent = new CopyOnWriteArrayList<>();
    engine.sync().addStatementListener(sent::add);
    AsyncSession session = sessions.open();
    try {
      User ann = session.get(User.class, id).join().orElseThrow();
      // Unloaded LAZY collection: a clear error, never hidden I/O.
      assertThatThrownBy(() -> ann.addresses.size())
          .isInstanceOf(UnloadedRelationshipException.class)
          .hasMessageContaining("User.addresses")
          .hasMessageContaining("AsyncSession")
          .hasMessageContaining("Orm.selectinLoad(User_.addresses)")
          .hasMessageContaining("fetch(");
      List<Address> addresses = session.<List<Address>>fetch(ann, User_.addresses).join();
      assertThat(addresses).extracting(a -> a.email).containsExactly("ann@example.com");
      assertThat(ann.addresses).hasSize(1);

      // One operation at a time: a second call while a slow one runs fails at once.
      CompletableFuture<?> running = session.execute(SlowQuery.of(engine.sync().dialect()));
      assertThatThrownBy(() -> session.get(User.class, id))
          .isInstanceOfAny(IllegalStateException.class)
          .hasMessageContaining("AsyncSession is busy")
          .hasMessageContaining("its own session");
      running.join();

      // Commit does not expire by default: reading and get() afterwards need no I/O.
      ann.fullname = "Ann Lee";
      session.commit().join();
      assertThat(engine.sync().poolStatus().active()).isZero();
      sent.clear();
      assertThat(session.get(User.class, id).join()).containsSame(ann);
      assertThat(ann.fullname).isEqualTo("Ann Lee");
      assertThat(sent).isEmpty();
    } finally {
      session.close().join();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void cancellingAnOperationCancelsTheStatementAndRollsTheSessionBack(Backend backend)
      throws Exception {
    AsyncSessionFactory sessions = open(backend, EngineOptions.defaults(), User.class);
    AsyncSession session = sessions.open();
    try {
      session.add(new User("kept-out", "K"));
      CompletableFuture<?> slow = session.execute(SlowQuery.of(engine.sync().dialect()));
      Thread.sleep(300); // let the statement reach the server
      long started = System.nanoTime();
      assertThat(slow.cancel(true)).isTrue();
      while (session.isBusy()) {
        Thread.sleep(10);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("the statement was cancelled on the server, not waited out")
          .isLessThan(Duration.ofMillis(1500));
      assertThat(session.sync().inTransaction()).as("rolled back, connection released").isFalse();
      assertThat(engine.sync().poolStatus().active()).isZero();
      // Usable again: the pending object went with the rollback, a new one commits.
      session.add(new User("after-cancel", "A"));
      session.commit().get(10, TimeUnit.SECONDS);
      assertThat(
              session.scalars(select(User.class)).get(10, TimeUnit.SECONDS).stream()
                  .map(u -> u.name)
                  .toList())
          .containsExactly("after-cancel");
    } finally {
      session.close().get(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void twoTasksOnOneSessionFailAtOnce(Backend backend) {
    AsyncSessionFactory sessions = open(backend, EngineOptions.defaults(), User.class);
    AsyncSession session = sessions.open();
    try {
      CompletableFuture<?> first =
          session.execute(
              dev.retort.sql.Sql.select(dev.retort.sql.Sql.count()).from(Orm.table(User.class)));
      // Whatever the timing, the second call either runs after the first or fails at once.
      try {
        session.scalars(select(User.class)).join();
        assertThat(first).isDone();
      } catch (IllegalStateException e) {
        assertThat(e).hasMessageContaining("is still running");
      }
      first.join();
    } finally {
      session.close().join();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentReadModifyWriteWithVersionsLosesNoUpdate(Backend backend) throws Exception {
    EngineOptions options =
        EngineOptions.defaults().withPoolSize(10).withAcquireTimeout(Duration.ofSeconds(60));
    AsyncSessionFactory sessions = open(backend, options, Counter.class);
    sessions
        .inTransaction(
            s -> {
              s.add(new Counter("c"));
              return CompletableFuture.completedFuture(null);
            })
        .join();
    int tasks = 100;
    AtomicInteger conflicts = new AtomicInteger();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      all.add(increment(sessions, conflicts, 0));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    AsyncSession check = sessions.open();
    try {
      Counter c = check.get(Counter.class, "c").join().orElseThrow();
      assertThat(c.value).isEqualTo(tasks);
      assertThat(c.version).isEqualTo(tasks + 1);
    } finally {
      check.close().join();
    }
  }

  /** Reads, adds one, commits; on a version conflict or retryable error, does it all again. */
  private static CompletableFuture<Void> increment(
      AsyncSessionFactory sessions, AtomicInteger conflicts, int attempt) {
    return sessions
        .inTransaction(
            s ->
                s.get(Counter.class, "c")
                    .thenAccept(
                        c -> {
                          c.orElseThrow().value++;
                        }))
        .handle(
            (v, failure) -> {
              if (failure == null) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              boolean retry =
                  cause instanceof StaleDataException
                      || (cause instanceof DatabaseException d && d.isRetryable());
              if (!retry || attempt > 500) {
                return CompletableFuture.<Void>failedFuture(cause);
              }
              conflicts.incrementAndGet();
              return increment(sessions, conflicts, attempt + 1);
            })
        .thenCompose(f -> f);
  }
}
