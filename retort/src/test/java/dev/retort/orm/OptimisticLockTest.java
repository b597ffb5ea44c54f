package dev.retort.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.orm.model.Counter;
import dev.retort.orm.model.User;
import dev.retort.orm.model.UserView;
import dev.retort.testing.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Version checks between two sessions, and read-only records. */
class OptimisticLockTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aStaleUpdateFailsClearlyAndTheSessionRecovers(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Counter.class)) {
      SessionFactory sessions = SessionFactory.of(db.engine);
      sessions.inTransaction(s -> s.add(new Counter("hits")));
      try (Session first = sessions.open();
          Session second = sessions.open()) {
        Counter a = first.get(Counter.class, "hits").orElseThrow();
        Counter b = second.get(Counter.class, "hits").orElseThrow();
        second.commit(); // the read ends; b keeps version 1 (a web request's "edit form")
        a.value = 10;
        first.commit();
        assertThat(a.version).isEqualTo(2);

        b.value = 20;
        assertThatThrownBy(second::commit)
            .isInstanceOf(StaleDataException.class)
            .hasMessageContaining("Counter")
            .hasMessageContaining("version 1")
            .hasMessageContaining("changed or deleted by someone else");
        assertThat(b.version).isEqualTo(1);
        assertThat(second.inTransaction()).isFalse();
        // Reload and retry: the session is usable.
        second.refresh(b);
        assertThat(b.value).isEqualTo(10);
        b.value = 20;
        second.commit();
        assertThat(b.version).isEqualTo(3);
      }
      try (Session check = sessions.open()) {
        assertThat(check.get(Counter.class, "hits").orElseThrow().value).isEqualTo(20);
        check.commit();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsMapReadOnly(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, UserView.class)) {
      try (Session session = new Session(db.engine)) {
        session.execute(
            dev.retort.sql.Sql.insert(Orm.table(UserView.class))
                .value(Orm.column(UserView.class, "id", Long.class), 7L)
                .value(Orm.column(UserView.class, "name", String.class), "seven"));
        assertThat(session.scalars(Orm.select(UserView.class)))
            .containsExactly(new UserView(7L, "seven"));
        assertThatThrownBy(() -> session.add(new UserView(8L, "eight")))
            .hasMessageContaining("read-only");
        assertThatThrownBy(() -> session.add(new Object())).hasMessageContaining("not an entity");
        session.commit();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void mergeCopiesADetachedObjectOntoTheSessionsOne(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class)) {
      User detached;
      try (Session s = new Session(db.engine)) {
        detached = s.add(new User("eve", "Eve"));
        s.commit();
      }
      detached.fullname = "Eve Adams";
      try (Session s = new Session(db.engine)) {
        User merged = s.merge(detached);
        assertThat(merged).isNotSameAs(detached);
        assertThat(merged.fullname).isEqualTo("Eve Adams");
        s.commit();
        s.detach(merged);
        assertThat(s.get(User.class, detached.id).orElseThrow().fullname).isEqualTo("Eve Adams");
        s.commit();
      }
    }
  }
}
