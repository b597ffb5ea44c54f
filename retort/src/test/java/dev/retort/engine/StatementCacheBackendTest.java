package dev.retort.engine;

import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Select;
import dev.retort.testing.Backend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compile cache on a live database: a statement repeated with new values is compiled once, and
 * one that binds the same value object twice (one parameter) never shares a compiled form with one
 * that binds two values (two parameters).
 */
class StatementCacheBackendTest {
  private static Select sameValueTwice(long v) {
    Expression<Long> value = value(v, BIGINT);
    return select(value.as("a"), value.as("b"));
  }

  private static Select twoValues(long a, long b) {
    return select(value(a, BIGINT).as("a"), value(b, BIGINT).as("b"));
  }

  private static List<Long> run(Connection conn, Select select) {
    Row row = conn.execute(select).one();
    return List.of(row.get("a", Long.class), row.get("b", Long.class));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void sharedAndDistinctValuesEachRunWithTheirOwnCompiledForm(Backend backend) {
    try (Engine engine = backend.engine();
        Connection conn = engine.connect()) {
      CompileCacheStats before = engine.compileCacheStats();
      assertThat(run(conn, sameValueTwice(1))).containsExactly(1L, 1L);
      assertThat(run(conn, twoValues(1, 2))).containsExactly(1L, 2L);
      assertThat(run(conn, twoValues(3, 4))).containsExactly(3L, 4L);
      assertThat(run(conn, sameValueTwice(5))).containsExactly(5L, 5L);
      CompileCacheStats after = engine.compileCacheStats();
      assertThat(after.misses() - before.misses()).isEqualTo(2);
      assertThat(after.hits() - before.hits()).isEqualTo(2);
    }
  }
}
