package dev.retort.orm;

import dev.retort.orm.annotations.Loading;
import dev.retort.orm.internal.EntityMapping;
import dev.retort.orm.internal.Mapper;
import dev.retort.orm.internal.RelationshipMapping;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import java.util.List;

/**
 * Entry points of the ORM: {@code import static dev.retort.orm.Orm.*}. Queries ({@link
 * #select(Class)}), the Core tables and columns of mapped classes, and loader options.
 */
public final class Orm {
  private Orm() {}

  /** {@code SELECT} the entity's columns; results are entities. */
  @SuppressWarnings("unchecked")
  public static <T> OrmSelect<T> select(Class<T> entity) {
    return (OrmSelect<T>) OrmSelect.of(false, entity);
  }

  /**
   * {@code SELECT} several entity classes and/or expressions; results are {@link Tuple}s, e.g.
   * {@code select(User.class, Address.class).join(User_.addresses)}.
   */
  @SuppressWarnings("unchecked")
  public static OrmSelect<Tuple> select(Object first, Object... more) {
    Object[] items = new Object[more.length + 1];
    items[0] = first;
    System.arraycopy(more, 0, items, 1, more.length);
    return (OrmSelect<Tuple>) OrmSelect.of(true, items);
  }

  /**
   * Maps entity classes (and the classes their relationships reach) into one {@link MetaData} and
   * returns it, e.g. for {@code SchemaManager.createAll(conn, Orm.metadata(User.class))}.
   */
  public static MetaData metadata(Class<?>... entities) {
    return Mapper.map(List.of(entities));
  }

  /** The Core table an entity class maps to. */
  public static Table table(Class<?> entity) {
    return Mapper.of(entity).table();
  }

  /**
   * The Core column of a mapped attribute, typed: {@code Orm.column(User.class, "name",
   * String.class)}; the generated metamodel ({@code User_.name}) calls this. A many-to-one's name
   * gives its foreign-key column.
   *
   * @throws dev.retort.error.ArgumentException when there is no such attribute or it holds another
   *     type
   */
  @SuppressWarnings("unchecked")
  public static <T> Column<T> column(Class<?> entity, String attribute, Class<T> type) {
    EntityMapping<?> m = Mapper.of(entity);
    Column<?> c = m.column(attribute);
    return c.table().column(c.name(), type);
  }

  /**
   * A typed handle on a relationship: {@code Orm.relationship(User.class, "addresses",
   * Address.class)}.
   */
  public static <S, T> Relationship<S, T> relationship(
      Class<S> owner, String name, Class<T> target) {
    RelationshipMapping r = Mapper.of(owner).relationship(name);
    if (r.target().type() != target) {
      throw new dev.retort.error.ArgumentException(
          r
              + " relates to "
              + r.target().type().getSimpleName()
              + ", not "
              + target.getSimpleName());
    }
    return new Relationship<>(owner, name, target);
  }

  /** Loads the relationship with one extra {@code IN} query per relationship in this query. */
  public static LoaderOption selectinLoad(Relationship<?, ?> relationship) {
    return new LoaderOption(relationship, Loading.SELECTIN);
  }

  /** Loads the relationship in the same query through a LEFT OUTER JOIN. */
  public static LoaderOption joinedLoad(Relationship<?, ?> relationship) {
    return new LoaderOption(relationship, Loading.JOINED);
  }

  /** Leaves the relationship unloaded (loaded on first access in a sync session). */
  public static LoaderOption lazyLoad(Relationship<?, ?> relationship) {
    return new LoaderOption(relationship, Loading.LAZY);
  }

  /** Leaves the relationship unloaded; touching it raises. */
  public static LoaderOption raiseLoad(Relationship<?, ?> relationship) {
    return new LoaderOption(relationship, Loading.RAISE);
  }
}
