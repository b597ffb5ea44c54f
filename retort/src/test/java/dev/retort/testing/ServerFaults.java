package dev.retort.testing;

import static dev.retort.sql.Sql.text;

import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.error.RetortException;
import java.time.Duration;
import java.util.Map;

/**
 * Server-side faults for the fault tests: which backend a connection is, killing it from another
 * connection, and waiting until the server has dropped it. PostgreSQL and MariaDB only.
 */
public final class ServerFaults implements AutoCloseable {
  private final Backend backend;
  private final Engine admin;

  /** Opens a small admin engine on the backend, used to kill connections of other engines. */
  public ServerFaults(Backend backend) {
    if (backend == Backend.SQLITE) {
      throw new IllegalArgumentException("SQLite has no server connections to kill");
    }
    this.backend = backend;
    this.admin =
        backend.engine(
            EngineOptions.defaults().withPoolSize(2).withAcquireTimeout(Duration.ofSeconds(10)));
  }

  /** The server's id of the session behind {@code connection} (backend pid or thread id). */
  public static long sessionId(Connection connection) {
    String sql =
        switch (connection.engine().dialect().name()) {
          case "postgresql" -> "SELECT pg_backend_pid()";
          default -> "SELECT CONNECTION_ID()";
        };
    return connection.execute(text(sql)).scalarOne(Number.class).longValue();
  }

  /**
   * Kills the session from another connection (pg_terminate_backend / KILL CONNECTION) and waits
   * until the server no longer lists it.
   */
  public void kill(long sessionId) {
    try (Connection conn = admin.connect()) {
      if (backend == Backend.POSTGRESQL) {
        conn.execute(
            text("SELECT pg_terminate_backend(CAST(:pid AS INTEGER), 5000)"),
            Map.of("pid", sessionId));
      } else {
        try {
          conn.execute(text("KILL CONNECTION " + sessionId));
        } catch (RetortException alreadyGone) {
          // Unknown thread id: the session ended by itself meanwhile.
        }
      }
      conn.rollback();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (isAlive(conn, sessionId)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("session " + sessionId + " still alive 10 s after the kill");
        }
        sleep(10);
      }
    }
  }

  /** Waits (at most 10 s) until the session is running a statement. */
  public void awaitRunning(long sessionId) {
    String sql =
        backend == Backend.POSTGRESQL
            ? "SELECT count(*) FROM pg_stat_activity WHERE pid = :id AND state = 'active'"
            : "SELECT count(*) FROM information_schema.processlist"
                + " WHERE id = :id AND command = 'Query'";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try (Connection conn = admin.connect()) {
      while (true) {
        long n =
            conn.execute(text(sql), Map.of("id", sessionId)).scalarOne(Number.class).longValue();
        conn.rollback();
        if (n > 0) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("session " + sessionId + " did not start its statement");
        }
        sleep(5);
      }
    }
  }

  /** Whether the server still lists the session. */
  public boolean isAlive(long sessionId) {
    try (Connection conn = admin.connect()) {
      boolean alive = isAlive(conn, sessionId);
      conn.rollback();
      return alive;
    }
  }

  private boolean isAlive(Connection conn, long sessionId) {
    String sql =
        backend == Backend.POSTGRESQL
            ? "SELECT count(*) FROM pg_stat_activity WHERE pid = :id"
            : "SELECT count(*) FROM information_schema.processlist WHERE id = :id";
    long n = conn.execute(text(sql), Map.of("id", sessionId)).scalarOne(Number.class).longValue();
    conn.rollback();
    return n > 0;
  }

  /**
   * How many sessions on the test database, other than this helper's own, sit idle inside a
   * transaction: connections a pool would hand out with a transaction already going.
   */
  public long idleInTransaction() {
    String sql =
        backend == Backend.POSTGRESQL
            ? "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()"
            : "SELECT count(*) FROM information_schema.innodb_trx t"
                + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
                + " WHERE p.db = DATABASE() AND p.command = 'Sleep' AND p.id <> CONNECTION_ID()";
    try (Connection conn = admin.connect()) {
      long n = conn.execute(text(sql)).scalarOne(Number.class).longValue();
      conn.rollback();
      return n;
    }
  }

  /** The engine used for the kills, for other checks on the server. */
  public Engine admin() {
    return admin;
  }

  @Override
  public void close() {
    admin.close();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
