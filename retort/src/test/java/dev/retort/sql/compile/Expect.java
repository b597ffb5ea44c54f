package dev.retort.sql.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.mysql.MySqlDialect;
import dev.retort.dialect.postgresql.PostgresDialect;
import dev.retort.dialect.sqlite.SqliteDialect;
import dev.retort.error.UnsupportedFeatureException;
import dev.retort.sql.expr.Statement;
import java.util.List;

/**
 * Compile-only assertions: the exact SQL and parameter names a statement compiles to on each
 * dialect, without a database. {@code MARIADB} is the dialect the MariaDB backend uses; {@code
 * MYSQL} is the same dialect before it has seen a MariaDB server (no RETURNING).
 */
final class Expect {
  static final Dialect SQLITE = new SqliteDialect();
  static final Dialect POSTGRES = new PostgresDialect();
  static final Dialect MARIADB = new MySqlDialect(true);
  static final Dialect MYSQL = new MySqlDialect(false);

  /** The dialects of the three test backends. */
  static final List<Dialect> BACKENDS = List.of(SQLITE, POSTGRES, MARIADB);

  private final Statement statement;

  private Expect(Statement statement) {
    this.statement = statement;
  }

  static Expect expect(Statement statement) {
    return new Expect(statement);
  }

  /** The same SQL on SQLite, PostgreSQL and MariaDB. */
  Expect everywhere(String sql) {
    for (Dialect d : BACKENDS) {
      on(d, sql);
    }
    return this;
  }

  Expect sqlite(String sql) {
    return on(SQLITE, sql);
  }

  Expect postgres(String sql) {
    return on(POSTGRES, sql);
  }

  Expect mariadb(String sql) {
    return on(MARIADB, sql);
  }

  Expect mysql(String sql) {
    return on(MYSQL, sql);
  }

  /** SQLite and PostgreSQL write the same SQL. */
  Expect sqliteAndPostgres(String sql) {
    return on(SQLITE, sql).on(POSTGRES, sql);
  }

  Expect on(Dialect dialect, String sql) {
    assertThat(dialect.compile(statement).sql()).as("SQL on %s", dialect).isEqualTo(sql);
    return this;
  }

  /** The parameter bound at each placeholder, in order, on every backend dialect. */
  Expect names(String... names) {
    for (Dialect d : BACKENDS) {
      assertThat(d.compile(statement).parameterNames())
          .as("parameter names on %s", d)
          .containsExactly(names);
    }
    return this;
  }

  /** The statement fails to compile on the dialect, naming the construct and the dialect. */
  Expect unsupportedOn(Dialect dialect, String construct) {
    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> dialect.compile(statement));
    assertThat(e).as("compiling on %s", dialect).isNotNull();
    assertThat(e.construct()).isEqualTo(construct);
    assertThat(e.dialect()).isEqualTo(dialect.name());
    assertThat(e.getMessage())
        .startsWith(construct + " is not supported by the " + dialect.name() + " dialect");
    return this;
  }

  /** The compiled form on one dialect, for further checks. */
  Compiled compiled(Dialect dialect) {
    return dialect.compile(statement);
  }
}
