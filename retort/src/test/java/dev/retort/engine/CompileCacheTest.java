package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testing.Backend;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompileCacheTest {
  @Test
  void repeatedStatementWithNewValuesIsCompiledOnce() {
    try (Engine engine = Backend.SQLITE.engine();
        Connection conn = engine.connect()) {
      CompileCacheStats before = engine.compileCacheStats();
      for (int i = 0; i < 5; i++) {
        // A new TextClause object each time, with new values: same structure, one compilation.
        assertThat(conn.execute(text("SELECT :v + 1"), Map.of("v", i)).scalar(Integer.class))
            .isEqualTo(i + 1);
      }
      CompileCacheStats after = engine.compileCacheStats();
      assertThat(after.misses() - before.misses()).isEqualTo(1);
      assertThat(after.hits() - before.hits()).isEqualTo(4);
    }
  }
}
