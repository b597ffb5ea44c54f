package dev.retort.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.orm.model.Address;
import dev.retort.orm.model.User;
import dev.retort.orm.model.User_;
import dev.retort.testing.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bulk insert and update through the batched path. */
class BulkTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void bulkInsertAndUpdateObjectsAndMaps(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class);
        Session session = new Session(db.engine)) {
      List<User> users = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        users.add(new User("u" + i, "User " + i));
      }
      db.take();
      assertThat(session.bulkInsert(User.class, users)).isEqualTo(2500);
      // Multi-row pages, not one statement per row; keys come back in order.
      assertThat(db.take().size()).isBetween(1, 10);
      assertThat(users).allSatisfy(u -> assertThat(u.id).isNotNull());
      assertThat(users.get(1).id).isGreaterThan(users.get(0).id);
      assertThat(session.contains(users.get(0))).isFalse();

      List<Map<String, Object>> addresses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        addresses.add(Map.of("email", "x" + i + "@example.com", "user", users.get(i)));
      }
      assertThat(session.bulkInsert(Address.class, addresses)).isEqualTo(10);

      List<Map<String, Object>> changes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        changes.add(Map.of("id", users.get(i).id, "fullname", "Renamed " + i));
      }
      assertThat(session.bulkUpdate(User.class, changes)).isEqualTo(100);
      session.commit();
      User first = session.get(User.class, users.get(0).id).orElseThrow();
      assertThat(first.fullname).isEqualTo("Renamed 0");
      assertThat(first.addresses).hasSize(1);
      assertThat(session.scalars(Orm.select(User.class).where(User_.fullname.like("Renamed%"))))
          .hasSize(100);
      session.commit();
    }
  }
}
