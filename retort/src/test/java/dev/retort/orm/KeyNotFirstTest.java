package dev.retort.orm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.Table;
import dev.retort.testing.Backend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An entity whose key is not its first field is loaded by its key, not by its first column. */
class KeyNotFirstTest {
  /** The key is declared after another column. */
  @Entity
  @Table("orm_key_last")
  public static class KeyLast {
    public String label;

    @Id public Long id;

    protected KeyLast() {}

    KeyLast(String label) {
      this.label = label;
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void queriesAndGetsFindObjectsByTheirKeyColumn(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, KeyLast.class)) {
      SessionFactory sessions = SessionFactory.of(db.engine);
      List<Long> ids =
          sessions.inTransaction(
              s -> {
                KeyLast a = s.add(new KeyLast("a"));
                KeyLast b = s.add(new KeyLast("b"));
                s.flush();
                return List.of(a.id, b.id);
              });
      try (Session s = sessions.open()) {
        List<KeyLast> all =
            s.scalars(
                Orm.select(KeyLast.class).orderBy(Orm.column(KeyLast.class, "id", Long.class)));
        assertThat(all).extracting(k -> k.id).containsExactlyElementsOf(ids);
        assertThat(all).extracting(k -> k.label).containsExactly("a", "b");
        assertThat(s.get(KeyLast.class, ids.get(1)).orElseThrow()).isSameAs(all.get(1));
        s.commit();
      }
    }
  }
}
