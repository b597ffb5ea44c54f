package dev.retort.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL cluster behind the test URL, managed with Debian's {@code pg_ctlcluster}:
 * the cluster is the one whose port is the URL's, so pointing RETORT_TEST_POSTGRESQL_URL at a
 * private cluster (say on 5433) keeps a restart test from disturbing other users of the main one.
 */
public final class PostgresCluster {
  private final String version;
  private final String name;
  private final int port;

  private PostgresCluster(String version, String name, int port) {
    this.version = version;
    this.name = name;
    this.port = port;
  }

  /**
   * Finds the cluster serving the PostgreSQL test URL; skips the test when there is none or the
   * tools are missing, and fails it under {@code CI=true}.
   */
  public static PostgresCluster forTestUrl() {
    Backend.POSTGRESQL.requireAvailable();
    URI uri = URI.create(Backend.POSTGRESQL.url());
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String host = uri.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      return unavailable("the PostgreSQL test URL is not on this machine (" + host + ")");
    }
    List<String> lines;
    try {
      lines = run(Duration.ofSeconds(30), "pg_lsclusters", "--no-header");
    } catch (IOException e) {
      return unavailable("pg_lsclusters is not available: " + e.getMessage());
    }
    for (String line : lines) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 3 && columns[2].equals(String.valueOf(port))) {
        return new PostgresCluster(columns[0], columns[1], port);
      }
    }
    return unavailable("no local cluster listens on port " + port + ": " + lines);
  }

  private static PostgresCluster unavailable(String why) {
    String message = "Cannot restart PostgreSQL: " + why;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " (CI=true: the restart test must run)");
    }
    Assumptions.abort(message);
    return null;
  }

  /** Restarts the cluster (fast shutdown: running sessions are terminated) and waits for it. */
  public void restart() throws IOException {
    pgCtlCluster("restart");
    awaitPort(Duration.ofSeconds(60));
  }

  /** Starts the cluster if it is not accepting connections; safe to call in a finally block. */
  public void ensureRunning() {
    if (isListening()) {
      return;
    }
    try {
      pgCtlCluster("start");
      awaitPort(Duration.ofSeconds(60));
    } catch (IOException e) {
      throw new AssertionError("could not start PostgreSQL " + this + " again", e);
    }
  }

  /** Whether the cluster accepts TCP connections on its port. */
  public boolean isListening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void pgCtlCluster(String action) throws IOException {
    run(
        Duration.ofSeconds(90),
        "pg_ctlcluster",
        "--skip-systemctl-redirect",
        version,
        name,
        action);
  }

  private void awaitPort(Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!isListening()) {
      if (System.nanoTime() > deadline) {
        throw new IOException(this + " is not listening " + limit.toSeconds() + " s after start");
      }
      ServerFaults.sleep(50);
    }
  }

  private static List<String> run(Duration limit, String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within " + limit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
    }
    List<String> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Override
  public String toString() {
    return "cluster " + version + "/" + name + " on port " + port;
  }
}
