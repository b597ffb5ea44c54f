package dev.retort.testing;

import static dev.retort.sql.Sql.text;

import dev.retort.dialect.Dialect;
import dev.retort.sql.TextClause;

/** A query that runs for about a second on each backend, for cancellation and busy tests. */
public final class SlowQuery {
  private SlowQuery() {}

  /** A statement that keeps the server (or SQLite) busy for roughly a second or more. */
  public static TextClause of(Dialect dialect) {
    return switch (dialect.name()) {
      case "postgresql" -> text("SELECT pg_sleep(2)");
      case "mysql", "mariadb" -> text("SELECT SLEEP(2)");
      default ->
          text(
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000)"
                  + " SELECT count(*) FROM n");
    };
  }
}
