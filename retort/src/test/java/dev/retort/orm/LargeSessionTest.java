package dev.retort.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.orm.model.Counter;
import dev.retort.orm.model.Counter_;
import dev.retort.testing.Backend;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sessions holding thousands of objects (past every initial table size): identity, detach, delete,
 * dirty checking and rollback keep working after the identity map and the object table grew, reused
 * holes and compacted.
 */
class LargeSessionTest {
  private static final int ROWS = 3000;

  private static String name(int i) {
    return "c" + String.format("%05d", i);
  }

  private static void seed(OrmTestSupport db) {
    List<Counter> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Counter c = new Counter(name(i));
      c.value = i;
      rows.add(c);
    }
    try (Session s = new Session(db.engine)) {
      s.bulkInsert(Counter.class, rows);
      s.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void identityHoldsThroughDetachAndReload(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Counter.class)) {
      seed(db);
      try (Session session = new Session(db.engine)) {
        List<Counter> first = session.scalars(Orm.select(Counter.class).orderBy(Counter_.name));
        assertThat(first).hasSize(ROWS);
        assertThat(first.get(1234).value).isEqualTo(1234);
        db.take();
        for (int i = 0; i < ROWS; i += 7) {
          assertThat(session.get(Counter.class, name(i))).containsSame(first.get(i));
        }
        assertThat(db.take()).isEmpty();

        for (int i = 0; i < ROWS; i += 2) {
          session.detach(first.get(i));
        }
        assertThat(session.contains(first.get(0))).isFalse();
        assertThat(session.contains(first.get(1))).isTrue();
        List<Counter> second = session.scalars(Orm.select(Counter.class).orderBy(Counter_.name));
        for (int i = 0; i < ROWS; i++) {
          if (i % 2 == 0) {
            assertThat(second.get(i)).isNotSameAs(first.get(i));
            assertThat(second.get(i).name).isEqualTo(name(i));
            assertThat(session.contains(second.get(i))).isTrue();
          } else {
            assertThat(second.get(i)).isSameAs(first.get(i));
          }
        }
        Map<Counter, Boolean> distinct = new IdentityHashMap<>();
        second.forEach(c -> distinct.put(c, true));
        assertThat(distinct).hasSize(ROWS);
        assertThat(session.toString()).contains(ROWS + " objects");
        session.commit();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void changesAndDeletesFlushAndRollbackRestores(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Counter.class)) {
      seed(db);
      try (Session session = new Session(db.engine)) {
        List<Counter> all = session.scalars(Orm.select(Counter.class).orderBy(Counter_.name));
        for (int i = 0; i < ROWS; i += 3) {
          all.get(i).value += 1000;
        }
        for (int i = 1; i < ROWS; i += 5) {
          session.delete(all.get(i));
        }
        Counter added = session.add(new Counter("zz-new"));
        session.flush();
        assertThat(all.get(0).version).isEqualTo(2);
        assertThat(all.get(2).version).isEqualTo(1);
        assertThat(session.contains(all.get(1))).isFalse();
        assertThat(session.get(Counter.class, "zz-new")).containsSame(added);

        session.rollback();
        // Deleted objects are back, the new one is gone, changed ones reverted and expired.
        assertThat(session.contains(all.get(1))).isTrue();
        assertThat(session.contains(added)).isFalse();
        assertThat(all.get(0).value).isZero(); // the unflushed change is reverted
        List<Counter> reloaded = session.scalars(Orm.select(Counter.class).orderBy(Counter_.name));
        assertThat(reloaded).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
          assertThat(reloaded.get(i)).isSameAs(all.get(i));
          assertThat(reloaded.get(i).value).isEqualTo(i);
          assertThat(reloaded.get(i).version).isEqualTo(1);
        }
        assertThat(session.get(Counter.class, "zz-new")).isEmpty();

        for (int i = 0; i < ROWS; i += 2) {
          all.get(i).value = -i - 1;
        }
        session.commit();
      }
      try (Session check = new Session(db.engine)) {
        List<Counter> all = check.scalars(Orm.select(Counter.class).orderBy(Counter_.name));
        assertThat(all).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
          assertThat(all.get(i).value).isEqualTo(i % 2 == 0 ? -i - 1 : i);
          assertThat(all.get(i).version).isEqualTo(i % 2 == 0 ? 2 : 1);
        }
        check.commit();
      }
    }
  }
}
