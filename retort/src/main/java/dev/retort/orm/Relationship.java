package dev.retort.orm;

import dev.retort.orm.internal.Mapper;
import dev.retort.orm.internal.RelationshipMapping;

/**
 * A typed handle on a mapped relationship, for joins and loader options: {@code User_.addresses} or
 * {@code Orm.relationship(User.class, "addresses", Address.class)}.
 *
 * @param <S> the class declaring the relationship
 * @param <T> the related class
 */
public final class Relationship<S, T> {
  private final Class<S> owner;
  private final String name;
  private final Class<T> target;

  Relationship(Class<S> owner, String name, Class<T> target) {
    this.owner = owner;
    this.name = name;
    this.target = target;
  }

  /** The class declaring the relationship. */
  public Class<S> owner() {
    return owner;
  }

  /** The field name. */
  public String name() {
    return name;
  }

  /** The related class. */
  public Class<T> target() {
    return target;
  }

  RelationshipMapping mapping() {
    return Mapper.of(owner).relationship(name);
  }

  @Override
  public String toString() {
    return owner.getSimpleName() + "." + name;
  }
}
