package dev.retort.async;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Connections and transactions" snippet, run as written (between the markers) on an
 * in-memory SQLite database, and checked to be the one the README shows.
 */
class ReadmeConnectionsTest {
  @Test
  void connectionsSnippetRunsAsWritten() throws Exception {
    String url = "sqlite://";
    List<Long> printed = new ArrayList<>();
    // README:connections:start
    EngineOptions options =
        EngineOptions.defaults()
            .withStatementTimeout(Duration.ofSeconds(5)) // per statement
            .withTransactionTimeout(Duration.ofSeconds(30)) // per transaction
            .withIdleTransactionWarning(Duration.ofSeconds(10)); // log transactions left idle
    RetryPolicy retry = RetryPolicy.defaults().withMaxAttempts(10);

    try (AsyncEngine db = AsyncEngine.create(url, options)) {
      Engine engine = db.sync();
      try (Connection conn = engine.connect()) { // try-with-resources: always returned
        conn.execute(text("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance BIGINT)"));
        conn.execute(text("INSERT INTO accounts (id, balance) VALUES (1, 100)"));
        conn.commit();
      }

      // Runs the whole block again, on a fresh connection, after a serialization failure,
      // a deadlock or a lock timeout; never after a COMMIT whose outcome is unknown.
      long balance =
          engine.inTransaction(
              retry,
              conn -> {
                long current =
                    conn.execute(text("SELECT balance FROM accounts WHERE id = 1"))
                        .scalarOne(Long.class);
                conn.execute(
                    text("UPDATE accounts SET balance = :b WHERE id = 1"),
                    Map.of("b", current + 10));
                return current + 10;
              });
      printed.add(balance); // 110

      // The same, async; a caller's own timeout cancels the statement on the server too.
      CompletableFuture<Long> read =
          db.inTransaction(
              retry,
              conn ->
                  conn.execute(text("SELECT balance FROM accounts WHERE id = 1"))
                      .thenApply(r -> r.scalarOne(Long.class)));
      printed.add(read.orTimeout(2, TimeUnit.SECONDS).join()); // 110

      System.out.println(engine.poolStatus()); // total, active (0), idle, waiting, leaked (0)
      System.out.println(engine.checkouts()); // who holds connections now: [] (nobody)
    }
    // README:connections:end
    assertThat(printed).containsExactly(110L, 110L);
  }

  @Test
  void theReadmeShowsThisSnippet() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/dev/retort/async/ReadmeConnectionsTest.java"));
    String snippet =
        source.substring(
            source.indexOf("// README:connections:start") + "// README:connections:start".length(),
            source.indexOf("    // README:connections:end"));
    String readme = Files.readString(Path.of("../README.md"));
    List<String> lines = snippet.strip().lines().map(l -> l.replaceFirst("^ {4}", "")).toList();
    String unindented = String.join("\n", lines);
    assertThat(readme).contains(unindented);
  }
}
