package dev.retort.benchmarks.jmh;

import static dev.retort.sql.Sql.select;

import dev.retort.benchmarks.BenchSchema;
import dev.retort.benchmarks.BenchSchema.ItemTable;
import dev.retort.benchmarks.Item;
import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.Row;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * Reading {@link #rows} rows into {@link Item} records from an in-memory SQLite database (no
 * network, so the library's share of the time shows): by hand over the same JDBC connection ({@link
 * #jdbc}), with Retort's {@code conn.fetch(query, Item.class)} straight from the cursor ({@link
 * #retortFetch}), with {@code result.as(Item.class)} over buffered rows ({@link #retortRecords}),
 * and with typed {@code row.get(column)} calls ({@link #retortTypedGets}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RowHydrationBenchmark {
  /** Rows per query. */
  @Param({"1000"})
  public int rows;

  private Engine engine;
  private Connection conn;
  private ItemTable item;

  /** Creates and fills the table. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    BenchSchema schema = new BenchSchema();
    item = schema.item;
    engine = Engine.create("sqlite://");
    conn = engine.connect();
    SeededItems.create(conn, schema, rows);
  }

  /** Closes the connection and engine. */
  @TearDown(Level.Trial)
  public void tearDown() {
    conn.close();
    engine.close();
  }

  /** Prepared statement, rows read by index into records. */
  @Benchmark
  public List<Item> jdbc() throws SQLException {
    try (PreparedStatement ps =
        conn.jdbcConnection()
            .prepareStatement(
                "SELECT id, name, category, quantity, price, note FROM bench_item WHERE id <= ?")) {
      ps.setLong(1, rows);
      List<Item> items = new ArrayList<>(rows);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(
              new Item(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getInt(3),
                  rs.getInt(4),
                  rs.getDouble(5),
                  rs.getString(6)));
        }
      }
      return items;
    }
  }

  /** Retort Core, read straight into records by {@code fetch(query, Item.class)}. */
  @Benchmark
  public List<Item> retortFetch() {
    return conn.fetch(select(item.table).where(item.id.le((long) rows)), Item.class);
  }

  /** Retort Core, buffered rows mapped by {@code as(Item.class)}. */
  @Benchmark
  public List<Item> retortRecords() {
    return conn.execute(select(item.table).where(item.id.le((long) rows))).as(Item.class);
  }

  /** Retort Core, read with typed {@code row.get(column)}. */
  @Benchmark
  public List<Item> retortTypedGets() {
    List<Item> items = new ArrayList<>(rows);
    for (Row row : conn.execute(select(item.table).where(item.id.le((long) rows)))) {
      items.add(
          new Item(
              row.get(item.id),
              row.get(item.name),
              row.get(item.category),
              row.get(item.quantity),
              row.get(item.price),
              row.get(item.note)));
    }
    return items;
  }
}
