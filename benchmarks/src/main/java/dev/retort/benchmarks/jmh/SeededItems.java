package dev.retort.benchmarks.jmh;

import dev.retort.benchmarks.BenchSchema;
import dev.retort.benchmarks.Item;
import dev.retort.engine.Connection;
import dev.retort.engine.SchemaManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The micro-benchmarks' table: {@code bench_item} created afresh and filled with seeded rows. */
final class SeededItems {
  private SeededItems() {}

  /** Drops and creates the benchmark tables, then inserts items 1 to {@code rows} and commits. */
  static void create(Connection conn, BenchSchema schema, int rows) throws SQLException {
    SchemaManager.dropAll(conn, schema.metadata, true);
    SchemaManager.createAll(conn, schema.metadata);
    try (PreparedStatement ps =
        conn.jdbcConnection()
            .prepareStatement(
                "INSERT INTO bench_item (id, name, category, quantity, price, note)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (long id = 1; id <= rows; id++) {
        Item i = Item.seeded(id);
        ps.setLong(1, i.id());
        ps.setString(2, i.name());
        ps.setInt(3, i.category());
        ps.setInt(4, i.quantity());
        ps.setDouble(5, i.price());
        ps.setString(6, i.note());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    conn.commit();
  }
}
