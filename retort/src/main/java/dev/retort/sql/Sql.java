package dev.retort.sql;

import java.util.List;

/** Entry points for building statements: {@code import static dev.retort.sql.Sql.*}. */
public final class Sql {
  private Sql() {}

  /**
   * Plain SQL with {@code :name} parameters, e.g. {@code text("SELECT * FROM t WHERE id = :id")}.
   */
  public static TextClause text(String sql) {
    return new TextClause(sql, List.of());
  }
}
