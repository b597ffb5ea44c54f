package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testing.Backend;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each database accepts the SQL that the plain-SQL parameter scanner leaves in comments and
 * strings: the text runs with exactly the parameters the scanner found, and a mistake would show as
 * an unknown or missing parameter, or as a syntax error.
 */
class TextLexingBackendTest {
  private static Object run(Backend backend, String sql, Map<String, ?> parameters) {
    try (Engine engine = backend.engine();
        Connection conn = engine.connect()) {
      return conn.execute(text(sql), parameters).scalar();
    }
  }

  @Test
  void mariadbTakesHashAsALineComment() {
    // The quote in the second comment must not open a string, for Retort nor for the driver.
    assertThat(run(Backend.MARIADB, "SELECT :a # a :x\n# it's\n", Map.of("a", "ok")))
        .isEqualTo("ok");
  }

  @Test
  void postgresTakesBackslashEscapesInEscapeStrings() {
    assertThat(run(Backend.POSTGRESQL, "SELECT E'it\\'s :x' || :a", Map.of("a", "!")))
        .isEqualTo("it's :x!");
  }

  @Test
  void postgresNestsBlockComments() {
    assertThat(run(Backend.POSTGRESQL, "SELECT /* a /* b */ :x */ :a", Map.of("a", "ok")))
        .isEqualTo("ok");
  }

  @ParameterizedTest
  @EnumSource(names = {"SQLITE", "MARIADB"})
  void mariadbAndSqliteEndABlockCommentAtItsFirstClose(Backend backend) {
    assertThat(run(backend, "SELECT /* a /* b */ :x", Map.of("x", "ok"))).isEqualTo("ok");
  }
}
