package dev.retort.sql.schema;

import java.util.Objects;

/** A column's default computed by the database when an INSERT leaves the column out. */
public sealed interface ServerDefault {
  /**
   * A SQL expression written as is into the DDL, e.g. {@code CURRENT_TIMESTAMP}.
   *
   * @param sql the expression
   */
  record Expression(String sql) implements ServerDefault {
    /** Checks the expression is not blank. */
    public Expression {
      if (Objects.requireNonNull(sql, "sql").isBlank()) {
        throw new IllegalArgumentException("A server default expression must not be blank");
      }
    }
  }

  /**
   * A constant value, rendered by the dialect as a SQL literal of the column's type.
   *
   * @param value the value, of the column's Java type
   */
  record Value(Object value) implements ServerDefault {
    /** Checks the value is not null; leave the default out for NULL. */
    public Value {
      Objects.requireNonNull(value, "value");
    }
  }
}
