package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the primary-key field (several fields make a composite key). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Id {
  /**
   * Who assigns the key: {@link Generation#IDENTITY} (the default) lets the database generate it
   * for a single integer key; {@link Generation#NONE} means the application sets it.
   */
  Generation generation() default Generation.IDENTITY;

  /** How a primary key gets its value. */
  enum Generation {
    /** An identity / auto-increment column; the key is read back when the row is inserted. */
    IDENTITY,
    /** The application assigns the key before the object is flushed. */
    NONE
  }
}
