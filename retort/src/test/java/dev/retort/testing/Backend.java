package dev.retort.testing;

import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the backend suite runs on. A server backend that cannot be reached is skipped when
 * CI is unset, and fails the test when {@code CI=true}: CI must exercise every backend. URLs can be
 * overridden with RETORT_TEST_POSTGRESQL_URL and RETORT_TEST_MARIADB_URL.
 */
public enum Backend {
  SQLITE(null, 0),
  POSTGRESQL("postgresql://postgres@127.0.0.1:5432/test", 5432),
  MARIADB("mariadb://root@127.0.0.1:3306/test", 3306);

  private static final Map<Backend, Boolean> REACHABLE = new ConcurrentHashMap<>();

  private final String defaultUrl;
  private final int port;

  Backend(String defaultUrl, int port) {
    this.defaultUrl = defaultUrl;
    this.port = port;
  }

  /**
   * The URL to test against: for SQLite a fresh database file in a temporary directory, so every
   * call gives an empty database; for a server the shared test database.
   */
  public String url() {
    if (this == SQLITE) {
      try {
        Path dir = Files.createTempDirectory("retort-test");
        dir.toFile().deleteOnExit();
        return "sqlite:///" + dir.resolve("test.db");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String override = System.getenv("RETORT_TEST_" + name() + "_URL");
    return override != null ? override : defaultUrl;
  }

  /** Creates an engine on this backend, or skips / fails the test when its server is down. */
  public Engine engine(EngineOptions options) {
    requireAvailable();
    return Engine.create(url(), options);
  }

  /** Creates an engine with default options; see {@link #engine(EngineOptions)}. */
  public Engine engine() {
    return engine(EngineOptions.defaults());
  }

  /** Skips the test when the server is unreachable and CI is unset; fails it under CI. */
  public void requireAvailable() {
    if (this == SQLITE || REACHABLE.computeIfAbsent(this, Backend::probe)) {
      return;
    }
    String message = this + " is not reachable at 127.0.0.1:" + port;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " and CI=true: backend tests must not skip in CI");
    }
    Assumptions.abort(message + "; skipping (set CI=true to make this a failure)");
  }

  private static boolean probe(Backend backend) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", backend.port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
