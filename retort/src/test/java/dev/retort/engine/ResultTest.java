package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.ArgumentException;
import dev.retort.error.InvalidRequestException;
import dev.retort.error.MultipleResultsException;
import dev.retort.error.NoResultException;
import dev.retort.testing.Backend;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading results: rows, scalars, mappings, records, row counts and generated keys. */
class ResultTest {
  record Person(Long id, String fullName, LocalDate bornOn, Integer score) {}

  private Engine engine;

  /** Opens a connection on a table holding Ada (score 10), Brian (20) and Cleo (no score). */
  private Connection open(Backend backend) {
    engine = backend.engine();
    Connection conn = engine.connect();
    try {
      Ddl.drop(conn, "res_person");
      conn.execute(
          text(
              "CREATE TABLE res_person ("
                  + Ddl.autoId(engine)
                  + ", full_name VARCHAR(100) NOT NULL, born_on DATE, score INTEGER)"));
      conn.executeMany(
          text("INSERT INTO res_person (full_name, born_on, score) VALUES (:n, :b, :s)"),
          List.of(
              params("Ada Lovelace", LocalDate.of(1815, 12, 10), 10),
              params("Brian Kernighan", LocalDate.of(1942, 1, 1), 20),
              params("Cleo", null, null)));
      conn.commit();
      return conn;
    } catch (RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private static Map<String, Object> params(String name, LocalDate born, Integer score) {
    java.util.HashMap<String, Object> map = new java.util.HashMap<>();
    map.put("n", name);
    map.put("b", born);
    map.put("s", score);
    return map;
  }

  @AfterEach
  void dropAndCheckPool() {
    if (engine == null) {
      return;
    }
    try {
      assertThat(engine.poolStatus().active()).isZero();
      Ddl.drop(engine, "res_person");
    } finally {
      engine.close();
    }
  }

  private static final String ALL = "SELECT id, full_name, born_on, score FROM res_person";

  @ParameterizedTest
  @EnumSource(Backend.class)
  void allAndFirst(Backend backend) {
    try (Connection conn = open(backend)) {
      Result result = conn.execute(text(ALL + " ORDER BY id"));
      assertThat(result.returnsRows()).isTrue();
      assertThat(result.columns()).containsExactly("id", "full_name", "born_on", "score");
      List<Row> rows = result.all();
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0).getString("full_name")).isEqualTo("Ada Lovelace");
      // A buffered result can be read again.
      assertThat(result.all()).isEqualTo(rows);
      assertThat(result.first()).map(r -> r.getString("full_name")).hasValue("Ada Lovelace");

      assertThat(conn.execute(text(ALL + " WHERE id < 0")).first()).isEqualTo(Optional.empty());
      assertThat(conn.execute(text(ALL + " WHERE id < 0")).all()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void oneAndOneOrNone(Backend backend) {
    try (Connection conn = open(backend)) {
      Row ada =
          conn.execute(text(ALL + " WHERE full_name = :n"), Map.of("n", "Ada Lovelace")).one();
      assertThat(ada.get("score", Integer.class)).isEqualTo(10);

      assertThatThrownBy(() -> conn.execute(text(ALL + " WHERE id < 0")).one())
          .isInstanceOf(NoResultException.class)
          .hasMessageContaining("Expected exactly one row")
          .hasMessageContaining("empty");
      assertThatThrownBy(
              () -> conn.execute(text(ALL + " WHERE score IS NOT NULL ORDER BY id")).one())
          .isInstanceOf(MultipleResultsException.class)
          .hasMessageContaining("Expected exactly one row")
          .hasMessageContaining("more than one row")
          .hasMessageContaining("Ada Lovelace");

      assertThat(conn.execute(text(ALL + " WHERE id < 0")).oneOrNone()).isEmpty();
      assertThat(conn.execute(text(ALL + " WHERE full_name = :n"), Map.of("n", "Cleo")).oneOrNone())
          .map(r -> r.get("born_on"))
          .isEmpty(); // Cleo's birthday is NULL, so the mapped Optional is empty
      assertThatThrownBy(() -> conn.execute(text(ALL)).oneOrNone())
          .isInstanceOf(MultipleResultsException.class)
          .hasMessageContaining("Expected at most one row");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void scalars(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThat(conn.execute(text("SELECT COUNT(*) FROM res_person")).scalar())
          .isInstanceOf(Number.class);
      assertThat(conn.execute(text("SELECT COUNT(*) FROM res_person")).scalar(Long.class))
          .isEqualTo(3L);
      assertThat(conn.execute(text("SELECT score FROM res_person WHERE id < 0")).scalar()).isNull();
      assertThat(conn.execute(text("SELECT MAX(score) FROM res_person")).scalarOne(Integer.class))
          .isEqualTo(20);
      assertThatThrownBy(
              () -> conn.execute(text("SELECT score FROM res_person")).scalarOne(Integer.class))
          .isInstanceOf(MultipleResultsException.class);
      assertThatThrownBy(
              () ->
                  conn.execute(text("SELECT score FROM res_person WHERE id < 0"))
                      .scalarOne(Integer.class))
          .isInstanceOf(NoResultException.class);
      assertThat(
              conn.execute(text("SELECT full_name FROM res_person ORDER BY id"))
                  .scalars(String.class))
          .containsExactly("Ada Lovelace", "Brian Kernighan", "Cleo");
      assertThat(conn.execute(text("SELECT score FROM res_person ORDER BY id")).scalars(Long.class))
          .containsExactly(10L, 20L, null);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void mappings(Backend backend) {
    try (Connection conn = open(backend)) {
      List<Map<String, Object>> maps =
          conn.execute(text("SELECT full_name, score FROM res_person ORDER BY id")).mappings();
      assertThat(maps).hasSize(3);
      assertThat(maps.get(0).keySet()).containsExactly("full_name", "score");
      assertThat(maps.get(0)).containsEntry("full_name", "Ada Lovelace");
      assertThat(((Number) maps.get(1).get("score")).intValue()).isEqualTo(20);
      assertThat(maps.get(2)).containsEntry("score", null);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rowsByIndexAndByName(Backend backend) {
    try (Connection conn = open(backend)) {
      Row row =
          conn.execute(
                  text(
                      "SELECT full_name AS Name, score AS Points FROM res_person WHERE score = 20"))
              .one();
      assertThat(row.size()).isEqualTo(2);
      assertThat(row.get(0)).isEqualTo("Brian Kernighan");
      assertThat(row.get(1, Integer.class)).isEqualTo(20);
      // Labels come back in the database's case (PostgreSQL folds them); lookup ignores case.
      assertThat(row.get("NAME")).isEqualTo("Brian Kernighan");
      assertThat(row.get("name")).isEqualTo("Brian Kernighan");
      assertThat(row.getInt("points")).isEqualTo(20);
      assertThat(row.getLong("POINTS")).isEqualTo(20L);
      assertThat(row.values()).containsExactly("Brian Kernighan", row.get(1));

      assertThatThrownBy(() -> row.get("nmae"))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("nmae")
          .hasMessageContaining(row.columns().toString());
      assertThatThrownBy(() -> row.get(2))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("out of range");
      assertThatThrownBy(() -> row.get("name", LocalDate.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("cannot be read as java.time.LocalDate");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsFromSnakeCaseColumns(Backend backend) {
    try (Connection conn = open(backend)) {
      List<Person> people = conn.execute(text(ALL + " ORDER BY id")).as(Person.class);
      assertThat(people)
          .extracting(Person::fullName)
          .containsExactly("Ada Lovelace", "Brian Kernighan", "Cleo");
      assertThat(people.get(0).bornOn()).isEqualTo(LocalDate.of(1815, 12, 10));
      assertThat(people.get(0).score()).isEqualTo(10);
      assertThat(people.get(2).bornOn()).isNull();
      assertThat(people.get(0).id()).isPositive();

      Person one = conn.execute(text(ALL + " WHERE score = 20")).one().as(Person.class);
      assertThat(one.fullName()).isEqualTo("Brian Kernighan");

      record Missing(Long id, String nickname) {}
      assertThatThrownBy(() -> conn.execute(text(ALL)).as(Missing.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("nickname")
          .hasMessageContaining("full_name");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rowCountOfAnUpdate(Backend backend) {
    try (Connection conn = open(backend)) {
      Result updated =
          conn.execute(
              text("UPDATE res_person SET score = score + 1 WHERE score IS NOT NULL"), Map.of());
      assertThat(updated.returnsRows()).isFalse();
      assertThat(updated.rowCount()).isEqualTo(2);
      assertThat(updated.generatedKeys()).isEmpty();
      assertThat(conn.execute(text("DELETE FROM res_person WHERE score IS NULL")).rowCount())
          .isEqualTo(1);
      assertThat(conn.execute(text("UPDATE res_person SET score = 0 WHERE id < 0")).rowCount())
          .isZero();
      conn.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void generatedKeysOfASingleInsert(Backend backend) {
    try (Connection conn = open(backend)) {
      long maxBefore = conn.execute(text("SELECT MAX(id) FROM res_person")).scalarOne(Long.class);
      Result result =
          conn.execute(
              text("INSERT INTO res_person (full_name) VALUES (:n)").returningGeneratedKeys("id"),
              Map.of("n", "Dennis"));
      assertThat(result.rowCount()).isEqualTo(1);
      assertThat(result.generatedKeys()).hasSize(1);
      Row key = result.generatedKeys().get(0);
      assertThat(key.columns()).containsExactly("id");
      long id = key.get("id", Long.class);
      assertThat(id).isGreaterThan(maxBefore);
      assertThat(
              conn.execute(
                      text("SELECT full_name FROM res_person WHERE id = :id"), Map.of("id", id))
                  .scalarOne(String.class))
          .isEqualTo("Dennis");
      conn.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void generatedKeysOfAnExecuteManyAreInInputOrder(Backend backend) {
    try (Connection conn = open(backend)) {
      List<String> names = List.of("Edsger", "Frances", "Grace");
      Result result =
          conn.executeMany(
              text("INSERT INTO res_person (full_name) VALUES (:n)").returningGeneratedKeys("id"),
              names.stream().map(n -> Map.of("n", n)).toList());
      assertThat(result.generatedKeys()).hasSize(3);
      List<Long> ids = result.generatedKeys().stream().map(k -> k.get("id", Long.class)).toList();
      assertThat(ids).doesNotHaveDuplicates().isSorted();
      for (int i = 0; i < names.size(); i++) {
        assertThat(
                conn.execute(
                        text("SELECT full_name FROM res_person WHERE id = :id"),
                        Map.of("id", ids.get(i)))
                    .scalarOne(String.class))
            .isEqualTo(names.get(i));
      }
      conn.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void readingRowsOfAStatementWithoutRowsIsAClearError(Backend backend) {
    try (Connection conn = open(backend)) {
      Result inserted =
          conn.execute(text("INSERT INTO res_person (full_name) VALUES (:n)"), Map.of("n", "X"));
      assertThat(inserted.returnsRows()).isFalse();
      assertThat(inserted.columns()).isEmpty();
      assertThatThrownBy(inserted::all)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("returns no rows")
          .hasMessageContaining("rowCount()");
      assertThatThrownBy(inserted::one).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(inserted::scalar).isInstanceOf(InvalidRequestException.class);
      conn.rollback();
    }
  }
}
