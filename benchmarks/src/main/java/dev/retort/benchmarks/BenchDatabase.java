package dev.retort.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.retort.async.AsyncEngine;
import dev.retort.dialect.ConnectSpec;
import dev.retort.dialect.IsolationLevel;
import dev.retort.engine.Engine;
import dev.retort.engine.EngineOptions;
import dev.retort.engine.SchemaManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One backend's database during a run: its URL and JDBC settings, the benchmark tables (created and
 * seeded on first use), and the pools the contenders share. Raw JDBC, jOOQ and Hibernate ORM share
 * one HikariCP pool; Retort's Core contenders share one {@link Engine} in AUTOCOMMIT mode, like the
 * JDBC pool, and its ORM contenders another with Retort's default transactions; Hibernate Reactive
 * opens its own Vert.x pool. Every pool has {@link Sizes#pool()} connections, and every JDBC pool
 * gets the driver properties Retort's dialect uses (batch rewriting on PostgreSQL, the bulk
 * protocol on MariaDB, WAL and a busy timeout on SQLite).
 */
public final class BenchDatabase implements AutoCloseable {
  private final Backend backend;
  private final Sizes sizes;
  private final BenchSchema schema = new BenchSchema();
  private final AsyncEngine retort;
  private final AsyncEngine retortCore;
  private final ConnectSpec spec;
  private final String jdbcUrl;
  private final Properties driverProperties;
  private final HikariDataSource pool;
  private final Tasks tasks;

  private BenchDatabase(Backend backend, String url, Sizes sizes, Duration runTimeout) {
    this.backend = backend;
    this.sizes = sizes;
    Engine engine = Engine.create(url, EngineOptions.defaults().withPoolSize(sizes.pool()));
    this.retort = AsyncEngine.of(engine);
    this.retortCore =
        AsyncEngine.of(
            Engine.create(
                url,
                EngineOptions.defaults()
                    .withPoolSize(sizes.pool())
                    .withIsolationLevel(IsolationLevel.AUTOCOMMIT)));
    this.spec = engine.url().spec();
    this.jdbcUrl = engine.dialect().jdbcUrl(spec);
    this.driverProperties = engine.dialect().driverProperties(spec);
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-jdbc-" + backend.key());
    config.setJdbcUrl(jdbcUrl);
    config.setDataSourceProperties(driverProperties);
    if (spec.user() != null) {
      config.setUsername(spec.user());
    }
    if (spec.password() != null) {
      config.setPassword(spec.password());
    }
    config.setMaximumPoolSize(sizes.pool());
    config.setAutoCommit(true);
    config.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(config);
    this.tasks = new Tasks(backend == Backend.SQLITE ? sizes.pool() : 0, runTimeout);
  }

  /**
   * Connects to a backend, creating its database when the server has none of that name, and creates
   * and seeds the benchmark tables unless they are already as they should be.
   */
  public static BenchDatabase open(Backend backend, String url, Sizes sizes, Duration runTimeout)
      throws SQLException {
    BenchDatabase db = new BenchDatabase(backend, url, sizes, runTimeout);
    try {
      db.createDatabaseIfMissing();
      db.prepareTables();
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The backend. */
  public Backend backend() {
    return backend;
  }

  /** The workload sizes of this run. */
  public Sizes sizes() {
    return sizes;
  }

  /** The tables, with Retort handles on their columns. */
  public BenchSchema schema() {
    return schema;
  }

  /**
   * Retort's async engine for the ORM contenders, with Retort's default transactions (a connection
   * begins one with its first statement); {@link AsyncEngine#sync()} is the sync engine on the same
   * pool.
   */
  public AsyncEngine retort() {
    return retort;
  }

  /**
   * Retort's engine for the Core contenders, in AUTOCOMMIT mode like the JDBC pool: reads outside
   * {@code inTransaction} run as single statements, as JDBC's do, instead of inside a transaction
   * that returning the connection must roll back (one more round trip per checkout).
   */
  public AsyncEngine retortCore() {
    return retortCore;
  }

  /** The HikariCP pool shared by raw JDBC, jOOQ and Hibernate ORM. */
  public HikariDataSource pool() {
    return pool;
  }

  /** The JDBC URL, without driver properties. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The driver properties every JDBC pool uses. */
  public Properties driverProperties() {
    return driverProperties;
  }

  /** Host, port, database, user and password as parsed from the URL. */
  public ConnectSpec spec() {
    return spec;
  }

  /** Runs the concurrent tasks of a workload. */
  public Tasks tasks() {
    return tasks;
  }

  /** Whether SELECT ... FOR UPDATE exists here (SQLite locks the whole database instead). */
  public boolean hasRowLocks() {
    return backend != Backend.SQLITE;
  }

  /** The rows workload 4 inserts: built before the clock starts, the same for every contender. */
  public List<NewItem> newRows(int count) {
    List<NewItem> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(new NewItem("new-" + i, i % Item.CATEGORIES, i % 1000, (i % 10_000) / 100.0, "n"));
    }
    return rows;
  }

  // ---- state checks around a run ----

  /** Puts the tables in the state a workload starts from (untimed). */
  public void beforeRun(Workload workload) throws SQLException {
    if (workload == Workload.BULK_INSERT) {
      String table = schema.inserted.name();
      update(
          switch (backend) {
            case POSTGRESQL -> "TRUNCATE " + table + " RESTART IDENTITY";
            case MARIADB -> "TRUNCATE TABLE " + table;
            case SQLITE -> "DELETE FROM " + table;
          });
    }
  }

  /**
   * A number the workload's run must change by exactly its expected amount: rows in the insert
   * table, total quantity of the update table, total balance of the accounts; 0 for read-only
   * workloads.
   */
  public long stateOf(Workload workload) throws SQLException {
    return switch (workload) {
      case BULK_INSERT -> scalar("SELECT COUNT(*) FROM " + schema.inserted.name());
      case UNIT_OF_WORK -> scalar("SELECT SUM(quantity) FROM " + schema.updated.name());
      case READ_MODIFY_WRITE -> scalar("SELECT SUM(balance) FROM bench_account");
      default -> 0;
    };
  }

  // ---- set-up ----

  private void createDatabaseIfMissing() throws SQLException {
    if (backend == Backend.SQLITE || spec.database() == null) {
      return;
    }
    String name = spec.database();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return; // an unusual name: the user made it; do not guess how to quote it
    }
    String host = spec.host() == null ? "127.0.0.1" : spec.host();
    Properties login = new Properties();
    if (spec.user() != null) {
      login.setProperty("user", spec.user());
    }
    if (spec.password() != null) {
      login.setProperty("password", spec.password());
    }
    if (backend == Backend.POSTGRESQL) {
      int port = spec.port() == null ? 5432 : spec.port();
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://" + host + ":" + port + "/postgres", login);
          PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE DATABASE " + name);
            }
          }
        }
      }
    } else {
      int port = spec.port() == null ? 3306 : spec.port();
      try (Connection c =
              DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", login);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE IF NOT EXISTS " + name);
      }
    }
  }

  private void prepareTables() throws SQLException {
    SchemaManager.createAll(retort.sync(), schema.metadata, true);
    if (backend != Backend.SQLITE) {
      // Hibernate's batched inserts need ids it can allocate itself: a pooled sequence.
      update("CREATE SEQUENCE IF NOT EXISTS bench_insert_seq START WITH 1 INCREMENT BY 1000");
    }
    if (scalar("SELECT COUNT(*) FROM bench_item") != Sizes.ITEM_ROWS
        || scalar("SELECT MAX(id) FROM bench_item") != Sizes.ITEM_ROWS) {
      seedItems(schema.item.name(), Sizes.ITEM_ROWS);
    }
    if (scalar("SELECT COUNT(*) FROM " + schema.updated.name()) != sizes.updateRows()) {
      seedItems(schema.updated.name(), sizes.updateRows());
    }
    if (scalar("SELECT COUNT(*) FROM bench_account") != sizes.accounts()) {
      update("DELETE FROM bench_account");
      try (Connection c = pool.getConnection();
          PreparedStatement ps =
              c.prepareStatement("INSERT INTO bench_account (id, balance) VALUES (?, 0)")) {
        c.setAutoCommit(false);
        for (int id = 1; id <= sizes.accounts(); id++) {
          ps.setLong(1, id);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      }
    }
    if (backend != Backend.MARIADB) {
      update("ANALYZE"); // fresh statistics for the planner after seeding
    }
  }

  private void seedItems(String table, int rows) throws SQLException {
    update("DELETE FROM " + table);
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + table
                    + " (id, name, category, quantity, price, note) VALUES (?, ?, ?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      for (long id = 1; id <= rows; id++) {
        Item item = Item.seeded(id);
        ps.setLong(1, item.id());
        ps.setString(2, item.name());
        ps.setInt(3, item.category());
        ps.setInt(4, item.quantity());
        ps.setDouble(5, item.price());
        ps.setString(6, item.note());
        ps.addBatch();
        if (id % 5_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  private long scalar(String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void update(String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() {
    tasks.close();
    pool.close();
    retort.close();
    retortCore.close();
  }
}
