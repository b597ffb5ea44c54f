package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code List} of objects of another entity linked through an association table of two foreign
 * keys, which the mapping creates. Declare the table on one side; the other side may name that
 * side's field with {@link #mappedBy()} to see the same links.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ManyToMany {
  /** The association table; empty on the side that uses {@link #mappedBy()}. */
  String table() default "";

  /** The association column referring to this entity; empty for {@code <table>_id}. */
  String joinColumn() default "";

  /** The association column referring to the element entity; empty for {@code <table>_id}. */
  String inverseJoinColumn() default "";

  /** On the inverse side: the field of the element class that owns the association table. */
  String mappedBy() default "";

  /** How the collection is loaded. */
  Loading loading() default Loading.LAZY;

  /** Cascades from the owner to the elements (never deletes them through the association). */
  Cascade[] cascade() default {Cascade.SAVE};
}
