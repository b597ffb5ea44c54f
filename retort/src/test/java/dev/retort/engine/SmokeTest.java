package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testing.Backend;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void insertsAndReadsBack(Backend backend) {
    try (Engine engine = backend.engine();
        Connection conn = engine.connect()) {
      conn.execute(text("DROP TABLE IF EXISTS smoke"));
      conn.execute(text("CREATE TABLE smoke (id INTEGER PRIMARY KEY, name VARCHAR(50))"));
      conn.execute(
          text("INSERT INTO smoke (id, name) VALUES (:id, :name)"),
          Map.of("id", 1, "name", "Lynn"));
      conn.commit();
      Row row =
          conn.execute(text("SELECT id, name FROM smoke WHERE id = :id"), Map.of("id", 1)).one();
      assertThat(row.getString("name")).isEqualTo("Lynn");
      assertThat(row.get("id", Long.class)).isEqualTo(1L);
      conn.execute(text("DROP TABLE smoke"));
      conn.commit();
    }
  }
}
