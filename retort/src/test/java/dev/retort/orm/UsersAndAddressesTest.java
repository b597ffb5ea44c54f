package dev.retort.orm;

import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.orm.model.Address;
import dev.retort.orm.model.Address_;
import dev.retort.orm.model.User;
import dev.retort.orm.model.User_;
import dev.retort.sql.Sql;
import dev.retort.testing.Backend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The classic users-and-addresses flow, on every backend. */
class UsersAndAddressesTest {

  private static Long addUsers(OrmTestSupport db) {
    try (Session session = new Session(db.engine)) {
      User ann = new User("ann", "Ann Lee");
      ann.addAddress("ann@example.com");
      ann.addAddress("ann@work.org");
      User bob = new User("bob", "Bob Stone");
      bob.addAddress("bob@example.com");
      session.addAll(List.of(ann, bob));
      session.commit();
      assertThat(ann.id).isNotNull();
      assertThat(bob.id).isNotNull().isNotEqualTo(ann.id);
      assertThat(ann.addresses).allSatisfy(a -> assertThat(a.id).isNotNull());
      assertThat(ann.version).isEqualTo(1);
      return ann.id;
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void addQueryChangeDelete(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class)) {
      db.take();
      Long annId = addUsers(db);
      // One multi-row INSERT per table (keys come back through RETURNING or generated keys).
      assertThat(db.take()).hasSize(2);

      try (Session session = new Session(db.engine)) {
        List<User> found =
            session
                .execute(
                    select(User.class)
                        .join(User_.addresses)
                        .where(Address_.email.like("%@example.com"))
                        .orderBy(User_.name))
                .all();
        assertThat(found).extracting(u -> u.name).containsExactly("ann", "bob");
        User ann = found.get(0);
        // Identity: the same row gives the same object, and get() answers without SQL.
        db.take();
        assertThat(session.get(User.class, annId)).containsSame(ann);
        assertThat(session.get(User.class, annId.intValue())).containsSame(ann);
        assertThat(db.take()).isEmpty();
        assertThat(session.scalars(select(User.class).where(User_.name.eq("ann"))))
            .containsExactly(ann);

        // Lazy collection loads on first access in a sync session.
        assertThat(ann.addresses)
            .extracting(a -> a.email)
            .containsExactly("ann@example.com", "ann@work.org");
        assertThat(ann.addresses.get(0).user).isSameAs(ann);

        // Tuples: two entities with a join.
        List<Tuple> pairs =
            session
                .execute(
                    select(User.class, Address.class).join(User_.addresses).orderBy(Address_.email))
                .all();
        assertThat(pairs).hasSize(3);
        assertThat(pairs.get(0).get(User.class)).isSameAs(ann);
        assertThat(pairs.get(0).get(Address.class)).isSameAs(ann.addresses.get(0));

        // Columns give rows.
        assertThat(
                session
                    .execute(Sql.select(User_.name).where(User_.id.eq(annId)))
                    .scalars(String.class))
            .containsExactly("ann");

        // Dirty checking: a plain field write becomes an UPDATE with the version checked.
        ann.fullname = "Ann Lee-Smith";
        db.take();
        session.commit();
        assertThat(db.take()).hasSize(1).first().asString().startsWith("UPDATE");
        assertThat(ann.version).isEqualTo(2);
      }

      try (Session session = new Session(db.engine)) {
        User ann = session.get(User.class, annId).orElseThrow();
        assertThat(ann.fullname).isEqualTo("Ann Lee-Smith");
        assertThat(ann.version).isEqualTo(2);
        // delete-orphan: removing from the collection deletes the row.
        Address work =
            ann.addresses.stream()
                .filter(a -> a.email.endsWith("work.org"))
                .findFirst()
                .orElseThrow();
        ann.addresses.remove(work);
        assertThat(work.user).isNull();
        session.commit();
        assertThat(session.contains(work)).isFalse();
        assertThat(count(session, Address.class)).isEqualTo(2);

        // Bidirectional: setting the reference moves the address into the loaded collection.
        User bob = session.scalars(select(User.class).where(User_.name.eq("bob"))).get(0);
        Address moved = new Address("moved@example.com");
        moved.user = bob;
        session.add(moved);
        session.flush();
        assertThat(bob.addresses).contains(moved);
        session.commit();

        // Cascade delete: the user's addresses go with it.
        session.delete(bob);
        session.commit();
        assertThat(count(session, User.class)).isEqualTo(1);
        assertThat(count(session, Address.class)).isEqualTo(1);
      }
    }
  }

  static long count(Session session, Class<?> entity) {
    return session.execute(Sql.select(Sql.count()).from(Orm.table(entity))).scalar(Long.class);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rollbackDiscardsChangesAndNewObjects(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class)) {
      Long annId = addUsers(db);
      try (Session session = new Session(db.engine)) {
        User ann = session.get(User.class, annId).orElseThrow();
        ann.fullname = "changed";
        User carl = session.add(new User("carl", "Carl"));
        session.flush();
        assertThat(carl.id).isNotNull();
        assertThat(session.inTransaction()).isTrue();
        session.rollback();
        assertThat(session.inTransaction()).isFalse();
        assertThat(db.engine.poolStatus().active()).isZero();
        // The new object left the session and lost its generated key.
        assertThat(session.contains(carl)).isFalse();
        assertThat(carl.id).isNull();
        // The changed one is expired: the next load restores the committed value.
        assertThat(session.get(User.class, annId)).containsSame(ann);
        assertThat(ann.fullname).isEqualTo("Ann Lee");
        assertThat(count(session, User.class)).isEqualTo(2);
        session.rollback();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void failedFlushLeavesTheSessionUsable(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class)) {
      addUsers(db);
      try (Session session = new Session(db.engine)) {
        User dan = session.add(new User("dan", "Dan"));
        dan.addAddress("dan@example.com");
        session.flush();
        User dup = session.add(new User("ann", "Another Ann"));
        assertThatThrownBy(session::commit).isInstanceOf(dev.retort.error.IntegrityException.class);
        assertThat(session.inTransaction()).isFalse();
        assertThat(db.engine.poolStatus().active()).isZero();
        // Everything since the transaction began is pending again, keys cleared.
        assertThat(dan.id).isNull();
        assertThat(dup.id).isNull();
        assertThat(session.contains(dan)).isTrue();
        dup.name = "ann2";
        session.commit();
        assertThat(dan.id).isNotNull();
        assertThat(dan.addresses.get(0).id).isNotNull();
        assertThat(count(session, User.class)).isEqualTo(4);
        assertThat(count(session, Address.class)).isEqualTo(4);
        session.commit();
      }
    }
  }
}
