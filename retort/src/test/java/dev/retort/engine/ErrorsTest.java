package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.error.ArgumentException;
import dev.retort.error.DatabaseException;
import dev.retort.error.ErrorKind;
import dev.retort.error.IntegrityException;
import dev.retort.error.OperationalException;
import dev.retort.error.ProgrammingException;
import dev.retort.testing.Backend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Failures arrive as the right exception, carrying what a caller needs to act on them. */
class ErrorsTest {
  private static final String SECRET = "n0tThePassw0rd";
  private static final String INSERT = "INSERT INTO err_item (id, name) VALUES (:id, :name)";

  private Engine engine;

  private Connection open(Backend backend, EngineOptions options) {
    engine = backend.engine(options);
    Connection conn = engine.connect();
    try {
      Ddl.drop(conn, "err_child", "err_item");
      conn.execute(
          text("CREATE TABLE err_item (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE)"));
      conn.execute(
          text(
              "CREATE TABLE err_child (id INTEGER PRIMARY KEY,"
                  + " item_id INTEGER REFERENCES err_item (id))"));
      conn.execute(text(INSERT), Map.of("id", 1, "name", "a"));
      conn.commit();
      return conn;
    } catch (RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private Connection open(Backend backend) {
    return open(backend, EngineOptions.defaults());
  }

  @AfterEach
  void dropAndCheckPool() {
    if (engine == null) {
      return;
    }
    try {
      assertThat(engine.poolStatus().active()).isZero();
      Ddl.drop(engine, "err_child", "err_item");
    } finally {
      engine.close();
    }
  }

  private List<Integer> ids() {
    try (Connection conn = engine.connect()) {
      return conn.execute(text("SELECT id FROM err_item ORDER BY id")).scalars(Integer.class);
    }
  }

  /** The SQLSTATE class 23 where the driver reports one, else SQLite's SQLITE_CONSTRAINT. */
  private static void assertIntegrityCodes(DatabaseException e) {
    assertThat(e.kind()).isEqualTo(ErrorKind.INTEGRITY);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.isDisconnect()).isFalse();
    if (e.sqlState() != null) {
      assertThat(e.sqlState()).startsWith("23");
    } else {
      assertThat(e.vendorCode() & 0xFF).as("SQLite primary result code").isEqualTo(19);
    }
    assertThat(e.getMessage()).contains("[SQLSTATE ").contains("[SQL: ");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void uniqueViolationIsAnIntegrityError(Backend backend) {
    try (Connection conn = open(backend)) {
      IntegrityException e =
          catchThrowableOfType(
              IntegrityException.class,
              () -> conn.execute(text(INSERT), Map.of("id", 2, "name", "a")));
      assertThat(e).as("IntegrityException").isNotNull();
      assertIntegrityCodes(e);
      assertThat(e.sql()).contains("INSERT INTO err_item");
      assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
      conn.rollback();

      // Primary key, NOT NULL and foreign key violations are integrity errors too.
      Map<String, Object> nullName = new java.util.HashMap<>();
      nullName.put("id", 3);
      nullName.put("name", null);
      assertIntegrityCodes(
          catchThrowableOfType(
              IntegrityException.class,
              () -> conn.execute(text(INSERT), Map.of("id", 1, "name", "other"))));
      conn.rollback();
      assertIntegrityCodes(
          catchThrowableOfType(
              IntegrityException.class, () -> conn.execute(text(INSERT), nullName)));
      conn.rollback();
      assertIntegrityCodes(
          catchThrowableOfType(
              IntegrityException.class,
              () -> conn.execute(text("INSERT INTO err_child (id, item_id) VALUES (1, 999)"))));
      conn.rollback();

      // The connection is still usable after the failures.
      conn.execute(text(INSERT), Map.of("id", 2, "name", "b"));
      conn.commit();
    }
    assertThat(ids()).containsExactly(1, 2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailedTransactionLeavesNothingHalfWritten(Backend backend) {
    open(backend).close();
    Throwable thrown =
        catchThrowableOfType(
            IntegrityException.class,
            () ->
                engine.useTransaction(
                    conn -> {
                      conn.execute(text(INSERT), Map.of("id", 10, "name", "fresh"));
                      conn.execute(text(INSERT), Map.of("id", 11, "name", "a")); // duplicate
                    }));
    assertThat(thrown).isNotNull();
    assertThat(ids()).containsExactly(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void badSqlIsAProgrammingError(Backend backend) {
    try (Connection conn = open(backend)) {
      ProgrammingException e =
          catchThrowableOfType(
              ProgrammingException.class, () -> conn.execute(text("SELEC id FROM err_item")));
      assertThat(e).isNotNull();
      assertThat(e.kind()).isEqualTo(ErrorKind.PROGRAMMING);
      assertThat(e.sql()).isEqualTo("SELEC id FROM err_item");
      assertThat(e.getMessage()).startsWith("(" + engine.dialect().name() + ")");
      conn.rollback();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void unknownTableIsAProgrammingError(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThatThrownBy(() -> conn.execute(text("SELECT * FROM err_no_such_table")))
          .isInstanceOf(ProgrammingException.class)
          .hasMessageContaining("err_no_such_table");
      conn.rollback();
      assertThatThrownBy(() -> conn.execute(text("SELECT no_such_column FROM err_item")))
          .isInstanceOf(ProgrammingException.class)
          .hasMessageContaining("no_such_column");
      conn.rollback();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aMissingParameterIsRefusedBeforeAnythingIsSent(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThatThrownBy(() -> conn.execute(text(INSERT), Map.of("id", 5)))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining(":name")
          .hasMessageContaining("[id]");
      // Nothing was sent: not even a transaction began.
      assertThat(conn.inTransaction()).isFalse();

      assertThatThrownBy(
              () ->
                  conn.executeMany(
                      text(INSERT),
                      List.of(Map.of("id", 5, "name", "e"), Map.of("id", 6, "nam", "f"))))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("parameter set #1");
      assertThat(conn.inTransaction()).isFalse();
    }
    assertThat(ids()).containsExactly(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aMisspelledParameterGetsASuggestion(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThatThrownBy(() -> conn.execute(text(INSERT), Map.of("id", 5, "nmae", "x")))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("'nmae'")
          .hasMessageContaining("Did you mean 'name'?");
      assertThatThrownBy(() -> conn.execute(text("SELECT 1"), Map.of("id", 5)))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("takes no parameters");
      assertThat(conn.inTransaction()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://postgres:" + SECRET + "@127.0.0.1:1/test?acquire_timeout=1s",
        "mariadb://root:" + SECRET + "@127.0.0.1:1/test?acquire_timeout=1s",
      })
  void anUnreachableServerIsAnOperationalErrorNamingTheMaskedUrl(String url) {
    try (Engine unreachable = Engine.create(url)) {
      long start = System.nanoTime();
      OperationalException e =
          catchThrowableOfType(OperationalException.class, unreachable::connect);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e).isNotNull();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(e.getMessage())
          .contains("Could not connect to")
          .contains("127.0.0.1:1/test")
          .contains(":***@")
          .doesNotContain(SECRET);
      assertThat(e.isDisconnect()).isTrue();
      assertThat(unreachable.poolStatus().active()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void poolExhaustionSaysWhoHoldsTheConnections(Backend backend) {
    engine =
        backend.engine(
            EngineOptions.defaults().withPoolSize(1).withAcquireTimeout(Duration.ofMillis(500)));
    try (Connection held = engine.connect()) {
      long start = System.nanoTime();
      OperationalException e = catchThrowableOfType(OperationalException.class, engine::connect);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e).isNotNull();
      assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
      assertThat(e.getMessage())
          .contains("pool is exhausted")
          .contains("500 ms")
          .contains("1 of 1")
          .contains("pool_size")
          // Where the held connection was checked out: this test method.
          .contains("ErrorsTest.poolExhaustionSaysWhoHoldsTheConnections");
      assertThat(e.isRetryable()).isFalse();
      // The holder is unaffected.
      assertThat(held.execute(text("SELECT 2")).scalarOne(Integer.class)).isEqualTo(2);
      held.rollback();
    }
    // Once the holder returns its connection, connect() works again.
    try (Connection again = engine.connect()) {
      assertThat(again.execute(text("SELECT 1")).scalarOne(Integer.class)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClosedEngineRefusesToConnect(Backend backend) {
    open(backend).close();
    Engine closed = backend.engine();
    closed.close();
    assertThat(closed.isClosed()).isTrue();
    assertThatThrownBy(closed::connect)
        .isInstanceOf(dev.retort.error.InvalidRequestException.class)
        .hasMessageContaining("closed");
  }
}
