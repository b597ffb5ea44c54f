package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Column options of a mapped field; without it the column is named like the field in snake_case, is
 * nullable unless the field is primitive, and has the SQL type that fits the field's Java type
 * (String becomes {@code VARCHAR(255)}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Column {
  /** The column name; empty for the field name in snake_case. */
  String name() default "";

  /** Whether the column accepts NULL. */
  boolean nullable() default true;

  /** Whether the column has a single-column UNIQUE constraint. */
  boolean unique() default false;

  /** Whether the column gets a (non-unique) index. */
  boolean index() default false;

  /** For a String: the VARCHAR length; 0 means unbounded TEXT. */
  int length() default 255;

  /** For a BigDecimal: total digits. */
  int precision() default 19;

  /** For a BigDecimal: digits after the point. */
  int scale() default 2;
}
