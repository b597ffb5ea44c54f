package dev.retort.orm;

import static dev.retort.orm.Orm.joinedLoad;
import static dev.retort.orm.Orm.raiseLoad;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.orm.model.Address;
import dev.retort.orm.model.Address_;
import dev.retort.orm.model.Post;
import dev.retort.orm.model.Post_;
import dev.retort.orm.model.Tag;
import dev.retort.orm.model.User;
import dev.retort.orm.model.User_;
import dev.retort.testing.Backend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How many statements each loader strategy sends, counted on every backend. */
class LoaderStrategyTest {
  private static void seed(OrmTestSupport db) {
    try (Session session = new Session(db.engine)) {
      for (int i = 0; i < 4; i++) {
        User u = new User("user" + i, "User " + i);
        u.addAddress("a" + i + "@example.com");
        u.addAddress("b" + i + "@example.com");
        session.add(u);
      }
      session.commit();
    }
    db.take();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void selectinSendsOneInQueryPerRelationship(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class);
        Session session = new Session(db.engine)) {
      seed(db);
      List<User> users =
          session.scalars(
              select(User.class).options(selectinLoad(User_.addresses)).orderBy(User_.id));
      List<String> sent = db.take();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(1)).contains(" IN ");
      assertThat(users).allSatisfy(u -> assertThat(u.addresses).hasSize(2));
      // The back references came from the identity map: no more SQL.
      assertThat(users.get(0).addresses.get(0).user).isSameAs(users.get(0));
      assertThat(db.take()).isEmpty();
      session.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void joinedSendsOneQueryAndDeduplicates(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class);
        Session session = new Session(db.engine)) {
      seed(db);
      List<User> users =
          session.scalars(
              select(User.class).options(joinedLoad(User_.addresses)).orderBy(User_.id));
      assertThat(db.take()).hasSize(1).first().asString().contains("LEFT OUTER JOIN");
      assertThat(users).hasSize(4).doesNotHaveDuplicates();
      assertThat(users).allSatisfy(u -> assertThat(u.addresses).hasSize(2));
      assertThat(db.take()).isEmpty();
      // A many-to-one joined the other way.
      session.expireAll();
      List<Address> addresses =
          session.scalars(
              select(Address.class).options(joinedLoad(Address_.user)).orderBy(Address_.id));
      assertThat(db.take()).hasSize(1);
      assertThat(addresses).hasSize(8).allSatisfy(a -> assertThat(a.user).isNotNull());
      session.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void lazyLoadsOnAccessAndRaiseRaises(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, User.class);
        Session session = new Session(db.engine)) {
      seed(db);
      List<User> users = session.scalars(select(User.class).orderBy(User_.id));
      assertThat(db.take()).hasSize(1);
      for (User u : users) {
        assertThat(u.addresses).hasSize(2);
      }
      assertThat(db.take()).hasSize(4); // one per collection touched: the N+1 that RAISE catches

      session.expireAll();
      List<User> again =
          session.scalars(select(User.class).options(raiseLoad(User_.addresses)).orderBy(User_.id));
      assertThat(db.take()).hasSize(1);
      assertThatThrownBy(() -> again.get(0).addresses.size())
          .isInstanceOf(UnloadedRelationshipException.class)
          .hasMessageContaining("User.addresses")
          .hasMessageContaining("RAISE")
          .hasMessageContaining("Orm.selectinLoad(User_.addresses)");
      // An explicit fetch loads it.
      List<Address> fetched = session.fetch(again.get(0), User_.addresses);
      assertThat(fetched).hasSize(2);
      assertThat(again.get(0).addresses).hasSize(2);
      session.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void manyToManyThroughAnAssociationTable(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Post.class);
        Session session = new Session(db.engine)) {
      Tag java = new Tag("java");
      Tag sql = new Tag("sql");
      Post p1 = new Post("one");
      p1.tags.addAll(List.of(java, sql));
      Post p2 = new Post("two");
      p2.tags.add(java);
      session.addAll(List.of(p1, p2));
      session.commit();
      db.take();

      session.expireAll();
      List<Post> posts =
          session.scalars(select(Post.class).options(selectinLoad(Post_.tags)).orderBy(Post_.id));
      assertThat(db.take()).hasSize(2);
      assertThat(posts.get(0).tags).extracting(t -> t.name).containsExactly("java", "sql");
      assertThat(posts.get(1).tags).extracting(t -> t.name).containsExactly("java");
      // The inverse side reads the same links.
      assertThat(session.<List<Post>>fetch(java, "posts")).containsExactly(p1, p2);

      p1.tags.remove(sql);
      session.commit();
      session.expireAll();
      List<Post> reloaded =
          session.scalars(select(Post.class).options(joinedLoad(Post_.tags)).orderBy(Post_.id));
      assertThat(reloaded.get(0).tags).extracting(t -> t.name).containsExactly("java");
      // Deleting a post deletes its links, not the tags.
      session.delete(p2);
      session.commit();
      assertThat(UsersAndAddressesTest.count(session, Tag.class)).isEqualTo(2);
      session.commit();
    }
  }
}
