package dev.retort.orm.internal;

import dev.retort.orm.annotations.Cascade;
import dev.retort.orm.annotations.Loading;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import java.util.Set;

/**
 * A relationship between two mapped classes: many-to-one (a foreign-key column of the owner's
 * table), one-to-many (the inverse of a many-to-one on the element class) or many-to-many (through
 * an association table).
 */
public final class RelationshipMapping {
  /** The kinds of relationship. */
  public enum Kind {
    /** A reference to one object. */
    MANY_TO_ONE,
    /** A list of objects that refer back. */
    ONE_TO_MANY,
    /** A list of objects linked through an association table. */
    MANY_TO_MANY
  }

  final EntityMapping<?> owner;
  final Accessor accessor;
  final Kind kind;
  final Class<?> targetType;
  final Loading loading;
  final Set<Cascade> cascade;
  final String mappedBy;
  // MANY_TO_ONE: the foreign-key column of the owner's table and its index.
  String joinColumnName;
  boolean optional;
  Column<?> foreignKey;
  int foreignKeyIndex = -1;
  // MANY_TO_MANY: the association table and its two columns.
  String associationName;
  String ownerColumnName;
  String targetColumnName;
  Table association;
  Column<?> ownerColumn;
  Column<?> targetColumn;
  boolean owning;
  EntityMapping<?> target;
  RelationshipMapping inverse;

  RelationshipMapping(
      EntityMapping<?> owner,
      Accessor accessor,
      Kind kind,
      Class<?> targetType,
      Loading loading,
      Set<Cascade> cascade,
      String mappedBy) {
    this.owner = owner;
    this.accessor = accessor;
    this.kind = kind;
    this.targetType = targetType;
    this.loading = loading;
    this.cascade = cascade;
    this.mappedBy = mappedBy;
  }

  /** The field name. */
  public String name() {
    return accessor.name();
  }

  /** The class that declares the relationship. */
  public EntityMapping<?> owner() {
    return owner;
  }

  /** The field. */
  public Accessor accessor() {
    return accessor;
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** Whether the field holds a list. */
  public boolean isCollection() {
    return kind != Kind.MANY_TO_ONE;
  }

  /** The mapping of the related class. */
  public EntityMapping<?> target() {
    return target;
  }

  /** The default loading strategy. */
  public Loading loading() {
    return loading;
  }

  /** Whether the cascade is set. */
  public boolean cascades(Cascade c) {
    return cascade.contains(c);
  }

  /** For a many-to-one: the foreign-key column in the owner's table. */
  public Column<?> foreignKey() {
    return foreignKey;
  }

  /** For a many-to-one: the foreign-key column's index in the owner's table. */
  public int foreignKeyIndex() {
    return foreignKeyIndex;
  }

  /**
   * The other side: for a one-to-many the many-to-one it mirrors; for a many-to-one the one-to-many
   * that mirrors it, if any; for a many-to-many the other side's field, if declared.
   */
  public RelationshipMapping inverse() {
    return inverse;
  }

  /** For a many-to-many: the association table. */
  public Table association() {
    return association;
  }

  /** For a many-to-many: the association column referring to the owner. */
  public Column<?> ownerColumn() {
    return ownerColumn;
  }

  /** For a many-to-many: the association column referring to the target. */
  public Column<?> targetColumn() {
    return targetColumn;
  }

  /** For a many-to-many: whether this side writes the association rows. */
  public boolean owning() {
    return owning;
  }

  @Override
  public String toString() {
    return owner.type().getSimpleName() + "." + name();
  }
}
