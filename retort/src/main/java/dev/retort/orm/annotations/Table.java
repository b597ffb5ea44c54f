package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The table an {@link Entity} maps to; without it the table is the class name in snake_case. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
  /** The table name. */
  String value();

  /** The schema, or empty for the connection's default. */
  String schema() default "";
}
