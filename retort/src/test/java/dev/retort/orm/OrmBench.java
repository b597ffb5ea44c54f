package dev.retort.orm;

import dev.retort.engine.Connection;
import dev.retort.orm.model.User;
import dev.retort.testing.Backend;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: measures hydrating 100,000 entities and flushing 20,000 new ones with keys, against
 * raw JDBC doing the same, per backend. Run with {@code java -cp <test classpath>
 * dev.retort.orm.OrmBench}; prints best-of-5 milliseconds and the ratio.
 */
public final class OrmBench {
  private OrmBench() {}

  public static void main(String[] args) throws Exception {
    for (Backend backend : Backend.values()) {
      try (OrmTestSupport db = new OrmTestSupport(backend, User.class)) {
        List<User> seed = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
          seed.add(new User("seed" + i, "Seed User " + i));
        }
        try (Session s = new Session(db.engine)) {
          s.bulkInsert(User.class, seed);
          s.commit();
        }
        long ormLoad = Long.MAX_VALUE;
        long jdbcLoad = Long.MAX_VALUE;
        long ormFlush = Long.MAX_VALUE;
        long jdbcFlush = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
          long t0 = System.nanoTime();
          try (Session s = new Session(db.engine)) {
            if (s.scalars(Orm.select(User.class)).size() != 100_000) {
              throw new AssertionError();
            }
            s.commit();
          }
          ormLoad = Math.min(ormLoad, System.nanoTime() - t0);
          t0 = System.nanoTime();
          try (Connection c = db.engine.connect()) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement st = c.jdbcConnection().createStatement();
                ResultSet rs =
                    st.executeQuery("SELECT id, name, fullname, version FROM orm_users")) {
              while (rs.next()) {
                rows.add(
                    new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)});
              }
            }
            List<User> users = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
              User u = new User((String) r[1], (String) r[2]);
              u.id = (Long) r[0];
              u.version = (Long) r[3];
              users.add(u);
            }
            c.commit();
          }
          jdbcLoad = Math.min(jdbcLoad, System.nanoTime() - t0);

          List<User> fresh = new ArrayList<>();
          for (int i = 0; i < 20_000; i++) {
            fresh.add(new User("o" + run + "_" + i, "New " + i));
          }
          t0 = System.nanoTime();
          try (Session s = new Session(db.engine)) {
            s.addAll(fresh);
            s.commit();
          }
          ormFlush = Math.min(ormFlush, System.nanoTime() - t0);
          t0 = System.nanoTime();
          try (Connection c = db.engine.connect()) {
            java.sql.Connection jdbc = c.jdbcConnection();
            jdbc.setAutoCommit(false);
            List<Long> keys = new ArrayList<>();
            try (PreparedStatement ps =
                jdbc.prepareStatement(
                    "INSERT INTO orm_users (name, fullname, version) VALUES (?, ?, 1)",
                    new String[] {"id"})) {
              for (int i = 0; i < 20_000; i++) {
                ps.setString(1, "j" + run + "_" + i);
                ps.setString(2, "New " + i);
                ps.addBatch();
              }
              ps.executeBatch();
              try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs.next()) {
                  keys.add(rs.getLong(1));
                }
              }
            }
            jdbc.commit();
          }
          jdbcFlush = Math.min(jdbcFlush, System.nanoTime() - t0);
          try (Connection c = db.engine.connect()) {
            c.execute(dev.retort.sql.Sql.text("DELETE FROM orm_users WHERE name NOT LIKE 'seed%'"));
            c.commit();
          }
        }
        System.out.printf(
            "%s: hydrate 100k ORM %d ms, JDBC %d ms (x%.2f); flush 20k ORM %d ms, JDBC %d ms"
                + " (x%.2f)%n",
            backend,
            ormLoad / 1_000_000,
            jdbcLoad / 1_000_000,
            (double) ormLoad / jdbcLoad,
            ormFlush / 1_000_000,
            jdbcFlush / 1_000_000,
            (double) ormFlush / jdbcFlush);
      }
    }
  }
}
