package dev.retort.dialect;

import java.sql.Connection;

/** Transaction isolation levels, plus {@link #AUTOCOMMIT} for running without a transaction. */
public enum IsolationLevel {
  /** Dirty reads allowed. */
  READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
  /** Each statement sees data committed before it began. */
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  /** Each transaction sees one snapshot (InnoDB's and PostgreSQL's snapshot isolation). */
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  /** Transactions behave as if run one after another; conflicts fail with a retryable error. */
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE),
  /** No transaction: every statement commits on its own. */
  AUTOCOMMIT(-1);

  private final int jdbcLevel;

  IsolationLevel(int jdbcLevel) {
    this.jdbcLevel = jdbcLevel;
  }

  /** The {@code java.sql.Connection.TRANSACTION_*} constant, or -1 for {@link #AUTOCOMMIT}. */
  public int jdbcLevel() {
    return jdbcLevel;
  }

  /**
   * Parses a level name such as {@code "read committed"}, {@code "READ_COMMITTED"} or {@code
   * "AUTOCOMMIT"}.
   *
   * @throws IllegalArgumentException naming the accepted values when the name is unknown
   */
  public static IsolationLevel parse(String name) {
    String key = name.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
    try {
      return valueOf(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown isolation level '"
              + name
              + "'; use one of "
              + java.util.Arrays.toString(values()),
          e);
    }
  }
}
