package dev.retort.dialect;

import java.util.Locale;

/**
 * A column's type as the database reports it through JDBC metadata ({@code
 * DatabaseMetaData.getColumns}), which {@link Dialect#reflectedType} maps back to a Retort type.
 *
 * @param name the database's type name without size, e.g. {@code varchar}, {@code int8}, {@code
 *     DECIMAL}; for SQLite the declared type name
 * @param jdbcType the {@link java.sql.Types} code
 * @param size the length of a character type or the precision of a numeric one; 0 when unknown
 * @param scale the digits after the decimal point of a numeric type; 0 when none
 */
public record ReflectedType(String name, int jdbcType, int size, int scale) {
  /** Normalizes a missing name to empty. */
  public ReflectedType {
    name = name == null ? "" : name.strip();
  }

  /** The type name in upper case, for case-insensitive comparison. */
  public String upperName() {
    return name.toUpperCase(Locale.ROOT);
  }
}
