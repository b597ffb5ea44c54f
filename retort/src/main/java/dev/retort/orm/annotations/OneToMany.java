package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code List} of objects of another entity whose {@link ManyToOne} named {@link #mappedBy()}
 * refers back to this one. The two sides are kept in sync: adding a child to the list sets its
 * reference, and a child whose reference points here appears in the list once it is flushed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OneToMany {
  /** The field of the element class that refers back to this entity. */
  String mappedBy();

  /** How the collection is loaded. */
  Loading loading() default Loading.LAZY;

  /** Cascades from the owner to the elements. */
  Cascade[] cascade() default {Cascade.SAVE};
}
