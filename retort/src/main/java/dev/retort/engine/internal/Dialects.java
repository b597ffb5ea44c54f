package dev.retort.engine.internal;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.mysql.MySqlDialect;
import dev.retort.dialect.postgresql.PostgresDialect;
import dev.retort.dialect.sqlite.SqliteDialect;
import dev.retort.error.ArgumentException;

/** Picks the dialect for a URL scheme; each engine gets its own instance. */
public final class Dialects {
  private Dialects() {}

  /** Creates the dialect for a URL scheme. */
  public static Dialect forScheme(String scheme) {
    return switch (scheme) {
      case "sqlite" -> new SqliteDialect();
      case "postgresql", "postgres" -> new PostgresDialect();
      case "mysql" -> new MySqlDialect(false);
      case "mariadb" -> new MySqlDialect(true);
      default -> throw new ArgumentException("No dialect for URL scheme '" + scheme + "'");
    };
  }
}
