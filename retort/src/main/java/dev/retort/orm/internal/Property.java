package dev.retort.orm.internal;

import dev.retort.sql.schema.Column;

/**
 * A field mapped to a column.
 *
 * @param accessor reads and writes the field
 * @param columnName the column's name
 * @param index the column's position in the table
 * @param id whether the column is part of the primary key
 * @param generated whether the database generates its value (identity)
 * @param version whether it is the optimistic-lock version
 * @param column the Core column, set once the table exists
 */
public record Property(
    Accessor accessor,
    String columnName,
    int index,
    boolean id,
    boolean generated,
    boolean version,
    Column<?> column) {
  /** The attribute (field) name. */
  public String name() {
    return accessor.name();
  }

  Property withColumn(Column<?> c) {
    return new Property(accessor, columnName, index, id, generated, version, c);
  }
}
