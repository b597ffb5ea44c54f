package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.InvalidRequestException;
import dev.retort.testing.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streaming keeps memory bounded: a million rows go through a child JVM with a 48 MB heap via
 * {@code stream()}, while reading them fully buffered with {@code execute()} runs out of memory.
 */
class StreamingTest {
  private static final int MILLION = 1_000_000;
  private static final long SUM = (long) MILLION * (MILLION + 1) / 2;

  private Engine engine;

  @AfterEach
  void checkPool() {
    if (engine != null) {
      try {
        assertThat(engine.poolStatus().active()).isZero();
      } finally {
        engine.close();
      }
    }
  }

  /** SQL to run first so the database allows a million recursion steps. */
  private static String recursionSetup(Engine engine) {
    return switch (engine.dialect().name()) {
      case "mariadb", "mysql" -> "SET SESSION max_recursive_iterations = " + (MILLION + 10);
      default -> "";
    };
  }

  private record ChildResult(int exitCode, String output) {}

  private static ChildResult runChild(String url, String mode, String setup)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx48m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StreamRows.class.getName());
    command.add(url);
    command.add(mode);
    command.add(String.valueOf(MILLION));
    command.add(setup);
    Path log = Files.createTempFile("retort-stream-child", ".log");
    try {
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!child.waitFor(120, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
        throw new AssertionError(
            "child JVM did not finish within 120 s:\n" + Files.readString(log));
      }
      return new ChildResult(child.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aMillionRowsStreamThroughA48MbHeap(Backend backend) throws Exception {
    engine = backend.engine();
    ChildResult result = runChild(engine.url().text(), "stream", recursionSetup(engine));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("rows=" + MILLION + " sum=" + SUM);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theSameRowsBufferedRunOutOfMemory(Backend backend) throws Exception {
    // The control: without streaming, 48 MB is not enough, so the test above proves the bound.
    engine = backend.engine();
    ChildResult result = runChild(engine.url().text(), "execute", recursionSetup(engine));
    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("OutOfMemoryError");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aStreamClosedEarlyFreesTheConnectionForMoreWork(Backend backend) {
    engine = backend.engine();
    try (Connection conn = engine.connect()) {
      conn.execute(text(recursionSetup(engine).isEmpty() ? "SELECT 1" : recursionSetup(engine)));
      Result result = conn.stream(text(StreamRows.query(50_000)), Map.of(), 100);
      assertThat(result.columns()).hasSize(2);
      Iterator<Row> rows = result.iterator();
      for (int i = 1; i <= 10; i++) {
        assertThat(rows.next().get(0, Integer.class)).isEqualTo(i);
      }
      result.close();
      assertThat(rows.hasNext()).isFalse();
      assertThatThrownBy(result::iterator)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("read only once");

      // The connection carries on, and a second stream can be read to its end.
      assertThat(conn.execute(text("SELECT 7")).scalarOne(Integer.class)).isEqualTo(7);
      try (Result again = conn.stream(text(StreamRows.query(2_000)), Map.of(), 100)) {
        assertThat(again.scalars(Long.class)).hasSize(2_000).endsWith(2_000L);
      }
      assertThat(conn.execute(text("SELECT 8")).scalarOne(Integer.class)).isEqualTo(8);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void closingTheConnectionClosesAnOpenStream(Backend backend) {
    engine = backend.engine();
    Iterator<Row> rows;
    try (Connection conn = engine.connect()) {
      conn.execute(text(recursionSetup(engine).isEmpty() ? "SELECT 1" : recursionSetup(engine)));
      Result result = conn.stream(text(StreamRows.query(50_000)), Map.of(), 100);
      rows = result.iterator();
      assertThat(rows.next().get(0, Integer.class)).isEqualTo(1);
    }
    // The connection went back to the pool and took the cursor with it.
    assertThat(engine.poolStatus().active()).isZero();
    assertThat(rows.hasNext()).isFalse();
  }
}
