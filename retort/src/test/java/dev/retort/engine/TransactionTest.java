package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.retort.dialect.IsolationLevel;
import dev.retort.error.ArgumentException;
import dev.retort.error.InvalidRequestException;
import dev.retort.testing.Backend;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Commit-as-you-go, explicit and nested transactions, and isolation, on every backend. */
class TransactionTest {
  private Engine engine;

  private Engine open(Backend backend, EngineOptions options) {
    engine = backend.engine(options);
    try (Connection conn = engine.connect()) {
      Ddl.drop(conn, "tx_item");
      conn.execute(text("CREATE TABLE tx_item (id INTEGER PRIMARY KEY, name VARCHAR(50))"));
      conn.commit();
    }
    return engine;
  }

  private Engine open(Backend backend) {
    return open(backend, EngineOptions.defaults());
  }

  @AfterEach
  void checkPoolAndDrop() {
    if (engine == null) {
      return;
    }
    try {
      assertThat(engine.poolStatus().active()).as("connections still checked out").isZero();
      Ddl.drop(engine, "tx_item");
    } finally {
      engine.close();
    }
  }

  private static void insert(Connection conn, int id) {
    conn.execute(
        text("INSERT INTO tx_item (id, name) VALUES (:id, :name)"),
        Map.of("id", id, "name", "item " + id));
  }

  /** The ids committed so far, as another connection sees them. */
  private List<Integer> committedIds() {
    try (Connection other = engine.connect()) {
      return other.execute(text("SELECT id FROM tx_item ORDER BY id")).scalars(Integer.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void commitAsYouGo(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      assertThat(conn.inTransaction()).isFalse();
      insert(conn, 1);
      assertThat(conn.inTransaction()).isTrue();
      assertThat(committedIds()).isEmpty();
      conn.commit();
      assertThat(conn.inTransaction()).isFalse();
      assertThat(committedIds()).containsExactly(1);

      insert(conn, 2);
      conn.rollback();
      assertThat(committedIds()).containsExactly(1);
      insert(conn, 3);
      conn.commit();
    }
    assertThat(committedIds()).containsExactly(1, 3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void closeWithoutCommitRollsBack(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      insert(conn, 1);
    }
    assertThat(committedIds()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void explicitBeginAndCommit(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      Transaction tx = conn.begin();
      try (tx) {
        assertThat(tx.isActive()).isTrue();
        assertThat(tx.isNested()).isFalse();
        insert(conn, 1);
        insert(conn, 2);
        assertThat(committedIds()).isEmpty();
        tx.commit();
      }
      assertThat(tx.isActive()).isFalse();
      assertThat(conn.inTransaction()).isFalse();
      assertThat(committedIds()).containsExactly(1, 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void transactionBlockRollsBackOnException(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      Transaction[] seen = new Transaction[1];
      Throwable thrown =
          catchThrowable(
              () -> {
                try (Transaction tx = conn.begin()) {
                  seen[0] = tx;
                  insert(conn, 1);
                  throw new IllegalStateException("boom");
                }
              });
      assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      assertThat(seen[0].isActive()).isFalse();
      assertThat(conn.inTransaction()).isFalse();
      assertThat(committedIds()).isEmpty();

      // The connection is still good for more work.
      insert(conn, 2);
      conn.commit();
    }
    assertThat(committedIds()).containsExactly(2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void engineInTransactionCommitsOnSuccess(Backend backend) {
    open(backend);
    int value =
        engine.inTransaction(
            conn -> {
              insert(conn, 1);
              insert(conn, 2);
              return 42;
            });
    assertThat(value).isEqualTo(42);
    assertThat(committedIds()).containsExactly(1, 2);

    engine.useTransaction(conn -> insert(conn, 3));
    assertThat(committedIds()).containsExactly(1, 2, 3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void engineInTransactionRollsBackAndRethrowsTheSameException(Backend backend) {
    open(backend);
    RuntimeException boom = new IllegalStateException("boom");
    Throwable thrown =
        catchThrowable(
            () ->
                engine.inTransaction(
                    conn -> {
                      insert(conn, 1);
                      throw boom;
                    }));
    assertThat(thrown).isSameAs(boom);
    assertThat(committedIds()).isEmpty();

    IOException checked = new IOException("disk on fire");
    Throwable thrownChecked =
        catchThrowable(
            () ->
                engine.<Void, IOException>inTransaction(
                    conn -> {
                      insert(conn, 2);
                      throw checked;
                    }));
    assertThat(thrownChecked).isSameAs(checked);
    assertThat(committedIds()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rollingBackANestedTransactionKeepsTheOuterWork(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      try (Transaction outer = conn.begin()) {
        insert(conn, 1);
        Transaction inner = conn.beginNested();
        assertThat(inner.isNested()).isTrue();
        insert(conn, 2);
        inner.rollback();
        assertThat(inner.isActive()).isFalse();
        assertThat(outer.isActive()).isTrue();
        insert(conn, 3);
        assertThat(conn.execute(text("SELECT id FROM tx_item ORDER BY id")).scalars(Integer.class))
            .containsExactly(1, 3);
        outer.commit();
      }
    }
    assertThat(committedIds()).containsExactly(1, 3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void committingANestedTransactionThenRollingBackTheOuterDiscardsBoth(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      Transaction outer = conn.begin();
      insert(conn, 1);
      Transaction inner = conn.beginNested();
      insert(conn, 2);
      inner.commit();
      assertThat(outer.isActive()).isTrue();
      outer.rollback();
      assertThat(conn.inTransaction()).isFalse();
    }
    assertThat(committedIds()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void endingTheOuterTransactionEndsTheNestedOnes(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      Transaction outer = conn.begin();
      insert(conn, 1);
      Transaction inner = conn.beginNested();
      insert(conn, 2);
      outer.commit();
      assertThat(inner.isActive()).isFalse();
      assertThatThrownBy(inner::rollback)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("already committed or rolled back");
    }
    assertThat(committedIds()).containsExactly(1, 2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void nestedCallbacksUseSavepoints(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      conn.useTransaction(
          c -> {
            insert(c, 1);
            RuntimeException failure = new IllegalStateException("inner fails");
            Throwable thrown =
                catchThrowable(
                    () ->
                        c.useTransaction(
                            c2 -> {
                              insert(c2, 2);
                              throw failure;
                            }));
            assertThat(thrown).isSameAs(failure);
            assertThat(c.inTransaction()).isTrue();
            c.useTransaction(c2 -> insert(c2, 3));
          });
      assertThat(conn.inTransaction()).isFalse();
    }
    assertThat(committedIds()).containsExactly(1, 3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void beginTwiceIsAClearError(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      try (Transaction tx = conn.begin()) {
        assertThatThrownBy(conn::begin)
            .isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("already going")
            .hasMessageContaining("begun by begin()")
            .hasMessageContaining("beginNested()");
        assertThat(tx.isActive()).isTrue();
      }
      insert(conn, 1);
      assertThatThrownBy(conn::begin)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("begun implicitly");
      conn.commit();
    }
    assertThat(committedIds()).containsExactly(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void committingAnEndedTransactionFails(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      Transaction tx = conn.begin();
      insert(conn, 1);
      tx.commit();
      assertThatThrownBy(tx::commit)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("Cannot commit")
          .hasMessageContaining("already committed or rolled back");
      assertThatThrownBy(tx::rollback).isInstanceOf(InvalidRequestException.class);
      tx.close(); // closing an ended transaction is harmless

      Transaction rolledBack = conn.begin();
      rolledBack.rollback();
      assertThatThrownBy(rolledBack::commit).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(committedIds()).containsExactly(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClosedConnectionRefusesWork(Backend backend) {
    open(backend);
    Connection conn = engine.connect();
    conn.close();
    conn.close(); // idempotent
    assertThat(conn.isClosed()).isTrue();
    assertThatThrownBy(() -> insert(conn, 1))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(conn::begin).isInstanceOf(InvalidRequestException.class);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void beginAtSerializableAppliesAndRestoresTheLevel(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      IsolationLevel before = conn.isolationLevel();
      try (Transaction tx = conn.begin(IsolationLevel.SERIALIZABLE)) {
        assertThat(conn.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
        assertThat(Ddl.serverIsolation(conn)).isEqualTo("SERIALIZABLE");
        insert(conn, 1);
        tx.commit();
      }
      assertThat(conn.isolationLevel()).isEqualTo(before);
    }
    assertThat(committedIds()).containsExactly(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyLevelTheDialectClaimsWorksAndTheOthersAreRefused(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      for (IsolationLevel level : IsolationLevel.values()) {
        if (level == IsolationLevel.AUTOCOMMIT) {
          assertThatThrownBy(() -> conn.begin(level))
              .isInstanceOf(ArgumentException.class)
              .hasMessageContaining("setIsolationLevel(AUTOCOMMIT)");
        } else if (engine.dialect().supportsIsolationLevel(level)) {
          try (Transaction tx = conn.begin(level)) {
            assertThat(Ddl.serverIsolation(conn)).as("server level").isEqualTo(level.name());
            tx.commit();
          }
        } else {
          assertThatThrownBy(() -> conn.begin(level))
              .isInstanceOf(ArgumentException.class)
              .hasMessageContaining(level.name());
          assertThat(conn.inTransaction()).isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void autocommitMakesEveryStatementCommitOnItsOwn(Backend backend) {
    open(backend);
    try (Connection conn = engine.connect()) {
      insert(conn, 100);
      assertThatThrownBy(() -> conn.setIsolationLevel(IsolationLevel.AUTOCOMMIT))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("inside a transaction");
      conn.rollback();

      conn.setIsolationLevel(IsolationLevel.AUTOCOMMIT);
      assertThat(conn.isolationLevel()).isEqualTo(IsolationLevel.AUTOCOMMIT);
      insert(conn, 1);
      assertThat(conn.inTransaction()).isFalse();
      assertThat(committedIds()).containsExactly(1);
      insert(conn, 2);
      conn.rollback(); // nothing to roll back
      assertThat(committedIds()).containsExactly(1, 2);

      // An explicit transaction still works in autocommit mode, and autocommit comes back after.
      try (Transaction tx = conn.begin()) {
        insert(conn, 3);
        assertThat(committedIds()).containsExactly(1, 2);
        tx.rollback();
      }
      insert(conn, 4);
      assertThat(committedIds()).containsExactly(1, 2, 4);
    }
    // The pool hands out connections in the engine's default mode again.
    try (Connection conn = engine.connect()) {
      assertThat(conn.isolationLevel()).isNotEqualTo(IsolationLevel.AUTOCOMMIT);
      insert(conn, 5);
    }
    assertThat(committedIds()).containsExactly(1, 2, 4);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void autocommitAsTheEngineDefault(Backend backend) {
    open(backend, EngineOptions.defaults().withIsolationLevel(IsolationLevel.AUTOCOMMIT));
    try (Connection conn = engine.connect()) {
      assertThat(conn.isolationLevel()).isEqualTo(IsolationLevel.AUTOCOMMIT);
      insert(conn, 1);
      assertThat(conn.inTransaction()).isFalse();
    }
    assertThat(committedIds()).containsExactly(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void engineDefaultIsolationLevel(Backend backend) {
    IsolationLevel level = IsolationLevel.SERIALIZABLE;
    open(backend, EngineOptions.defaults().withIsolationLevel(level));
    try (Connection conn = engine.connect()) {
      assertThat(conn.isolationLevel()).isEqualTo(level);
      assertThat(Ddl.serverIsolation(conn)).isEqualTo(level.name());
      insert(conn, 1);
      conn.commit();
    }
    assertThat(committedIds()).containsExactly(1);
  }
}
