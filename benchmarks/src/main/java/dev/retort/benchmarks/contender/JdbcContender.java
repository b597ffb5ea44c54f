package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.BenchDatabase;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.Item;
import dev.retort.benchmarks.NewItem;
import dev.retort.benchmarks.Retry;
import dev.retort.benchmarks.Tasks;
import dev.retort.benchmarks.workload.BulkInsert;
import dev.retort.benchmarks.workload.Hydration;
import dev.retort.benchmarks.workload.ManyQueries;
import dev.retort.benchmarks.workload.PrimaryKeyGets;
import dev.retort.benchmarks.workload.ReadModifyWrite;
import dev.retort.benchmarks.workload.UnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The reference: hand-written JDBC as a careful developer writes it. HikariCP pool, one connection
 * per task on virtual threads, prepared statements (prepared per call, as DAO code does; the
 * drivers cache them), rows read by index into records, batches for writes with the driver's
 * rewriting (pgjdbc {@code reWriteBatchedInserts}, MariaDB's bulk protocol).
 */
public final class JdbcContender
    implements Contender,
        PrimaryKeyGets,
        ManyQueries,
        Hydration,
        BulkInsert,
        UnitOfWork,
        ReadModifyWrite {
  private static final String COLUMNS = "id, name, category, quantity, price, note";
  private static final String GET = "SELECT " + COLUMNS + " FROM bench_item WHERE id = ?";
  private static final String PAGE =
      "SELECT " + COLUMNS + " FROM bench_item WHERE category = ? ORDER BY id LIMIT " + Ids.PAGE;
  private static final String RANGE_SUM =
      "SELECT SUM(quantity) FROM bench_item WHERE id BETWEEN ? AND ?";
  private static final String HYDRATE = "SELECT " + COLUMNS + " FROM bench_item WHERE id <= ?";
  private static final String INSERT =
      "INSERT INTO bench_insert (name, category, quantity, price, note) VALUES (?, ?, ?, ?, ?)";
  private static final String LOAD = "SELECT " + COLUMNS + " FROM bench_update";
  private static final String UPDATE = "UPDATE bench_update SET quantity = ? WHERE id = ?";
  private static final int BATCH = 1_000;

  private final DataSource pool;
  private final Tasks tasks;
  private final Backend backend;
  private final String readBalance;

  /** Uses the shared HikariCP pool. */
  public JdbcContender(BenchDatabase db) {
    this.pool = db.pool();
    this.tasks = db.tasks();
    this.backend = db.backend();
    this.readBalance =
        "SELECT balance FROM bench_account WHERE id = ?" + (db.hasRowLocks() ? " FOR UPDATE" : "");
  }

  @Override
  public long pkGets(int taskCount, int gets) throws Exception {
    return tasks.run(
        taskCount,
        t -> {
          long sum = 0;
          try (Connection c = pool.getConnection()) {
            for (int i = 0; i < gets; i++) {
              try (PreparedStatement ps = c.prepareStatement(GET)) {
                ps.setLong(1, Ids.pkGet(t, i, gets));
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  sum += item(rs).checksum();
                }
              }
            }
          }
          return sum;
        });
  }

  @Override
  public long manyQueries(int requests) throws Exception {
    return tasks.run(
        requests,
        r -> {
          long sum = 0;
          try (Connection c = pool.getConnection()) {
            for (int k = 0; k < 10; k++) {
              try (PreparedStatement ps = c.prepareStatement(GET)) {
                ps.setLong(1, Ids.requestGet(r, k));
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  sum += item(rs).checksum();
                }
              }
            }
            for (int k = 0; k < 5; k++) {
              try (PreparedStatement ps = c.prepareStatement(PAGE)) {
                ps.setInt(1, Ids.requestCategory(r, k));
                for (Item item : items(ps)) {
                  sum += item.checksum();
                }
              }
            }
            for (int k = 0; k < 5; k++) {
              try (PreparedStatement ps = c.prepareStatement(RANGE_SUM)) {
                long start = Ids.requestRangeStart(r, k);
                ps.setLong(1, start);
                ps.setLong(2, start + Ids.RANGE - 1);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  sum += rs.getLong(1);
                }
              }
            }
          }
          return sum;
        });
  }

  @Override
  public long hydrate(int rows) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(HYDRATE)) {
      ps.setLong(1, rows);
      long sum = 0;
      for (Item item : items(ps)) {
        sum += item.checksum();
      }
      return sum;
    }
  }

  @Override
  public long bulkInsert(List<NewItem> rows) throws SQLException {
    Set<Long> keys = new HashSet<>(rows.size() * 2);
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
        if (backend == Backend.SQLITE) {
          // sqlite-jdbc reports only the last key of a batch; in-process, a row at a time is fast.
          for (NewItem row : rows) {
            bind(ps, row);
            ps.executeUpdate();
            readKeys(ps, keys);
          }
        } else {
          for (int i = 0; i < rows.size(); i++) {
            bind(ps, rows.get(i));
            ps.addBatch();
            if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
              ps.executeBatch();
              readKeys(ps, keys);
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
    return keys.size();
  }

  @Override
  public long unitOfWork(int rows) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Item> loaded;
        try (PreparedStatement ps = c.prepareStatement(LOAD)) {
          loaded = items(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
          for (int i = 0; i < loaded.size(); i++) {
            Item item = loaded.get(i);
            ps.setInt(1, item.quantity() + 1);
            ps.setLong(2, item.id());
            ps.addBatch();
            if ((i + 1) % BATCH == 0 || i == loaded.size() - 1) {
              ps.executeBatch();
            }
          }
        }
        c.commit();
        return loaded.size();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  @Override
  public long readModifyWrite(int taskCount, int accounts) throws Exception {
    return tasks.run(
        taskCount,
        t ->
            Retry.run(
                () -> {
                  long account = Ids.account(t, accounts);
                  try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    try {
                      long balance;
                      try (PreparedStatement ps = c.prepareStatement(readBalance)) {
                        ps.setLong(1, account);
                        try (ResultSet rs = ps.executeQuery()) {
                          rs.next();
                          balance = rs.getLong(1);
                        }
                      }
                      try (PreparedStatement ps =
                          c.prepareStatement("UPDATE bench_account SET balance = ? WHERE id = ?")) {
                        ps.setLong(1, balance + 1);
                        ps.setLong(2, account);
                        ps.executeUpdate();
                      }
                      c.commit();
                      return 1L;
                    } catch (SQLException | RuntimeException e) {
                      rollbackQuietly(c);
                      throw e;
                    }
                  }
                }));
  }

  private static void bind(PreparedStatement ps, NewItem row) throws SQLException {
    ps.setString(1, row.name());
    ps.setInt(2, row.category());
    ps.setInt(3, row.quantity());
    ps.setDouble(4, row.price());
    ps.setString(5, row.note());
  }

  private static void readKeys(PreparedStatement ps, Set<Long> keys) throws SQLException {
    try (ResultSet rs = ps.getGeneratedKeys()) {
      while (rs.next()) {
        keys.add(rs.getLong(1));
      }
    }
  }

  private static List<Item> items(PreparedStatement ps) throws SQLException {
    List<Item> items = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        items.add(item(rs));
      }
    }
    return items;
  }

  private static Item item(ResultSet rs) throws SQLException {
    return new Item(
        rs.getLong(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getInt(4),
        rs.getDouble(5),
        rs.getString(6));
  }

  /** Ends a transaction that failed. */
  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool will find out
    }
  }
}
