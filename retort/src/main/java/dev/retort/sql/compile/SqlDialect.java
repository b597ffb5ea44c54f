package dev.retort.sql.compile;

import dev.retort.sql.types.SqlType;

/**
 * What the {@link SqlCompiler} asks a dialect beyond DDL: capability flags for constructs not every
 * database has, and the small places where their SQL differs. Implemented by the dialect layer's
 * {@code Dialect}; the defaults are standard SQL as PostgreSQL speaks it.
 */
public interface SqlDialect extends DdlDialect {
  /** Whether INSERT and DELETE take a RETURNING clause. */
  boolean supportsReturning();

  /** Whether UPDATE takes a RETURNING clause (MariaDB has it for INSERT and DELETE only). */
  default boolean supportsUpdateReturning() {
    return supportsReturning();
  }

  /** Whether FULL OUTER JOIN exists. */
  default boolean supportsFullJoin() {
    return true;
  }

  /** Whether ORDER BY takes NULLS FIRST / NULLS LAST; if not, they are emulated. */
  default boolean supportsNullsOrdering() {
    return true;
  }

  /** Whether SELECT ... FOR UPDATE locks rows; if not, a plain FOR UPDATE is left out. */
  default boolean supportsRowLocks() {
    return true;
  }

  /**
   * The LIMIT clause to write when a query has an OFFSET but no LIMIT, or null when OFFSET may
   * stand alone.
   */
  default String limitForOffsetOnly() {
    return null;
  }

  /** The placeholder for a bound value of this type (null when unknown): {@code ?} or a cast. */
  default String placeholder(SqlType<?> type) {
    return "?";
  }

  /** The type name in {@code CAST(x AS name)}. */
  default String castTypeName(SqlType<?> type) {
    return typeName(type);
  }

  /** Whether the case-insensitive {@code ILIKE} operator exists. */
  default boolean supportsIlike() {
    return false;
  }

  /** Whether an upsert is written {@code ON DUPLICATE KEY UPDATE} (MySQL, MariaDB). */
  default boolean upsertOnDuplicateKey() {
    return false;
  }

  /**
   * The dialect's spelling of a value keyword such as {@code CURRENT_TIMESTAMP}; the keyword itself
   * by default.
   */
  default String keyword(String keyword) {
    return keyword;
  }

  /** An INSERT of a row of defaults only. */
  default String insertDefaultValues() {
    return "DEFAULT VALUES";
  }
}
