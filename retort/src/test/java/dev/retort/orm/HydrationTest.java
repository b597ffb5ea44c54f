package dev.retort.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.ArgumentException;
import dev.retort.orm.model.Gauge;
import dev.retort.orm.model.Gauge_;
import dev.retort.orm.model.StrictGauge;
import dev.retort.orm.model.StrictGauge_;
import dev.retort.testing.Backend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Filling objects from rows: every column set, and a clear error for what cannot be set. */
class HydrationTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyColumnIsSetAndRevertRestoresThem(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Gauge.class)) {
      SessionFactory sessions = SessionFactory.of(db.engine);
      sessions.inTransaction(
          s -> {
            s.addAll(List.of(new Gauge("a", 1), new Gauge("b", null)));
            return null;
          });
      try (Session session = sessions.open()) {
        List<Gauge> all = session.scalars(Orm.select(Gauge.class).orderBy(Gauge_.label));
        assertThat(all).extracting(g -> g.label).containsExactly("a", "b");
        assertThat(all).extracting(g -> g.reading).containsExactly(1, null);
        assertThat(all).allSatisfy(g -> assertThat(g.id).isNotNull());
        all.get(0).label = "changed";
        all.get(0).reading = null;
        all.get(1).reading = 5;
        session.rollback(); // puts the loaded values back into the fields
        assertThat(all).extracting(g -> g.label).containsExactly("a", "b");
        assertThat(all).extracting(g -> g.reading).containsExactly(1, null);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNullForAPrimitiveFieldNamesTheField(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Gauge.class)) {
      SessionFactory sessions = SessionFactory.of(db.engine);
      sessions.inTransaction(s -> s.add(new Gauge("empty", null)));
      sessions.inTransaction(s -> s.add(new Gauge("full", 7)));
      try (Session session = sessions.open()) {
        StrictGauge full =
            session
                .execute(Orm.select(StrictGauge.class).where(StrictGauge_.label.eq("full")))
                .one();
        assertThat(full.reading).isEqualTo(7);
        assertThatThrownBy(
                () ->
                    session.scalars(
                        Orm.select(StrictGauge.class).where(StrictGauge_.label.eq("empty"))))
            .isInstanceOf(ArgumentException.class)
            .hasMessageContaining("Cannot put NULL into the primitive field StrictGauge.reading")
            .hasMessageContaining("declare it as Integer");
        session.rollback();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailedFlushLeavesEveryChangePendingForTheRetry(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Gauge.class)) {
      SessionFactory sessions = SessionFactory.of(db.engine);
      sessions.inTransaction(
          s -> {
            for (int i = 0; i < 50; i++) {
              s.add(new Gauge("g" + i, i));
            }
            return null;
          });
      try (Session session = sessions.open()) {
        List<Gauge> all = session.scalars(Orm.select(Gauge.class).orderBy(Gauge_.reading));
        for (Gauge g : all) {
          g.reading += 100;
        }
        all.get(49).label = "g0"; // collides with the unique label of the first
        assertThatThrownBy(session::commit).isInstanceOf(dev.retort.error.IntegrityException.class);
        // Nothing was committed; every change is still in the objects and still pending.
        assertThat(all).extracting(g -> g.reading).allSatisfy(r -> assertThat(r).isGreaterThan(99));
        all.get(49).label = "g49b";
        session.commit();
      }
      try (Session check = sessions.open()) {
        List<Gauge> all = check.scalars(Orm.select(Gauge.class).orderBy(Gauge_.reading));
        assertThat(all).hasSize(50);
        for (int i = 0; i < 50; i++) {
          assertThat(all.get(i).reading).isEqualTo(100 + i);
        }
        assertThat(all.get(49).label).isEqualTo("g49b");
        check.commit();
      }
    }
  }
}
