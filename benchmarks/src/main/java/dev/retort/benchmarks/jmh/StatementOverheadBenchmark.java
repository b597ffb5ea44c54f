package dev.retort.benchmarks.jmh;

import static dev.retort.sql.Sql.select;

import dev.retort.benchmarks.BenchSchema;
import dev.retort.benchmarks.BenchSchema.ItemTable;
import dev.retort.benchmarks.Item;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one statement, the crux of workloads 1 and 2: a primary-key get, on an in-memory
 * SQLite database by default (no network, so the library's share shows), by hand over the same JDBC
 * connection ({@link #jdbc}), with {@code conn.fetchOne(select..., Item.class)} ({@link
 * #retortFetchOne}) and with {@code conn.execute(select...).one().as(Item.class)} ({@link
 * #retortExecuteOne}). Each call builds a new statement with the id inside, as an application does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatementOverheadBenchmark {
  private static final int ROWS = 1000;

  /**
   * The database; in-memory SQLite by default. Another URL (e.g. {@code -p
   * url=postgresql://postgres@127.0.0.1:5432/scratch}) measures a server; its bench tables are
   * dropped and created again.
   */
  @Param({"sqlite://"})
  public String url;

  private Engine engine;
  private Engine pooled;
  private java.nio.file.Path pooledFile;
  private Connection conn;
  private ItemTable item;
  private long next;

  /** Creates and fills the table. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException, java.io.IOException {
    BenchSchema schema = new BenchSchema();
    item = schema.item;
    engine = Engine.create(url);
    conn = engine.connect();
    SeededItems.create(conn, schema, ROWS);
    // An in-memory SQLite engine holds its one connection; checkouts go to a file database.
    pooledFile = java.nio.file.Files.createTempFile("retort-checkout", ".db");
    pooled = Engine.create(url.equals("sqlite://") ? "sqlite:///" + pooledFile : url);
  }

  /** Closes the connection and engine. */
  @TearDown(Level.Trial)
  public void tearDown() {
    conn.close();
    engine.close();
    pooled.close();
    try {
      java.nio.file.Files.deleteIfExists(pooledFile);
    } catch (java.io.IOException ignored) {
      // a temporary file
    }
  }

  private long nextId() {
    next = next % ROWS + 1;
    return next;
  }

  /** Prepared per call (the driver caches it), bound, read by index into a record. */
  @Benchmark
  public Item jdbc() throws SQLException {
    try (PreparedStatement ps =
        conn.jdbcConnection()
            .prepareStatement(
                "SELECT id, name, category, quantity, price, note FROM bench_item WHERE id = ?")) {
      ps.setLong(1, nextId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Item(
            rs.getLong(1),
            rs.getString(2),
            rs.getInt(3),
            rs.getInt(4),
            rs.getDouble(5),
            rs.getString(6));
      }
    }
  }

  /** Retort Core: a new statement, read straight into a record. */
  @Benchmark
  public Item retortFetchOne() {
    return conn.fetchOne(select(item.table).where(item.id.eq(nextId())), Item.class);
  }

  /**
   * A connection checked out of the engine's pool and returned (once per request in workload 2).
   */
  @Benchmark
  public boolean retortCheckout() {
    try (Connection c = pooled.connect()) {
      return c.isClosed();
    }
  }

  /** Workload 2's page: 10 items of a category in id order, by hand. */
  @Benchmark
  public long jdbcPage() throws SQLException {
    try (PreparedStatement ps =
        conn.jdbcConnection()
            .prepareStatement(
                "SELECT id, name, category, quantity, price, note FROM bench_item"
                    + " WHERE category = ? ORDER BY id LIMIT 10")) {
      ps.setInt(1, (int) (nextId() % Item.CATEGORIES));
      long sum = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sum +=
              new Item(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getInt(3),
                      rs.getInt(4),
                      rs.getDouble(5),
                      rs.getString(6))
                  .checksum();
        }
      }
      return sum;
    }
  }

  /** Workload 2's page with Retort: a new statement, fetched into records. */
  @Benchmark
  public long retortPage() {
    long sum = 0;
    for (Item i :
        conn.fetch(
            select(item.table)
                .where(item.category.eq((int) (nextId() % Item.CATEGORIES)))
                .orderBy(item.id)
                .limit(10),
            Item.class)) {
      sum += i.checksum();
    }
    return sum;
  }

  /** Workload 2's sum over 10 ids, by hand. */
  @Benchmark
  public long jdbcSum() throws SQLException {
    try (PreparedStatement ps =
        conn.jdbcConnection()
            .prepareStatement("SELECT SUM(quantity) FROM bench_item WHERE id BETWEEN ? AND ?")) {
      long start = nextId();
      ps.setLong(1, start);
      ps.setLong(2, start + 9);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Workload 2's sum with Retort. */
  @Benchmark
  public long retortSum() {
    long start = nextId();
    Long sum =
        conn.fetchOne(
            select(dev.retort.sql.Sql.sum(item.quantity)).where(item.id.between(start, start + 9)),
            Long.class);
    return sum == null ? 0 : sum;
  }

  /** Retort Core: a new statement, a buffered row mapped into a record. */
  @Benchmark
  public Item retortExecuteOne() {
    return conn.execute(select(item.table).where(item.id.eq(nextId()))).one().as(Item.class);
  }
}
