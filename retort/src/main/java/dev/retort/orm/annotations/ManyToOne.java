package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reference to one object of another entity, stored as a foreign-key column of this entity's
 * table (e.g. {@code Address.user} stored in {@code addresses.user_id}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ManyToOne {
  /** The foreign-key column; empty for the field name in snake_case plus {@code _id}. */
  String joinColumn() default "";

  /** Whether the foreign key may be NULL. */
  boolean optional() default true;

  /**
   * How the target is loaded; SELECTIN by default, because a plain field cannot load itself later.
   */
  Loading loading() default Loading.SELECTIN;

  /** Cascades from this object to its target. */
  Cascade[] cascade() default {Cascade.SAVE};
}
