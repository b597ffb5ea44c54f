package dev.retort.async;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.NoResultException;
import dev.retort.testing.Backend;
import dev.retort.testing.Pools;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code AsyncConnection.fetch / fetchOne}: typed reads on the async facade. */
class AsyncFetchTest {
  record Pair(int n, String label) {}

  @ParameterizedTest
  @EnumSource(Backend.class)
  void fetchesRecordsAndScalarsAndFailsLikeTheSyncApi(Backend backend) throws Exception {
    try (AsyncEngine engine = AsyncEngine.of(backend.engine())) {
      engine
          .sync()
          .useTransaction(
              conn -> {
                conn.execute(text("DROP TABLE IF EXISTS async_fetch"));
                conn.execute(text("CREATE TABLE async_fetch (n INTEGER, label VARCHAR(20))"));
                conn.execute(
                    text("INSERT INTO async_fetch (n, label) VALUES (1, 'one'), (2, 'two')"));
              });
      try {
        List<Pair> pairs =
            engine
                .withConnection(
                    conn ->
                        conn.fetch(text("SELECT n, label FROM async_fetch ORDER BY n"), Pair.class))
                .get(60, TimeUnit.SECONDS);
        assertThat(pairs).containsExactly(new Pair(1, "one"), new Pair(2, "two"));
        String two =
            engine
                .withConnection(
                    conn ->
                        conn.fetchOne(
                            text("SELECT label FROM async_fetch WHERE n = :n"),
                            Map.of("n", 2),
                            String.class))
                .get(60, TimeUnit.SECONDS);
        assertThat(two).isEqualTo("two");
        assertThatThrownBy(
                () ->
                    engine
                        .withConnection(
                            conn ->
                                conn.fetchOne(
                                    text("SELECT n FROM async_fetch WHERE n > 5"), Long.class))
                        .get(60, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(NoResultException.class);
        Pools.assertAllReturned(engine.sync());
      } finally {
        engine.sync().useTransaction(conn -> conn.execute(text("DROP TABLE async_fetch")));
      }
    }
  }
}
