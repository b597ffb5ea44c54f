package dev.retort.engine;

import static dev.retort.sql.Sql.text;

/**
 * The few DDL spellings that differ between the backends, keyed on the dialect's name. Everything
 * else in the backend suite is the same SQL on every database.
 */
final class Ddl {
  private Ddl() {}

  /** An auto-generated integer primary key column named {@code id}. */
  static String autoId(Engine engine) {
    return switch (engine.dialect().name()) {
      case "sqlite" -> "id INTEGER PRIMARY KEY AUTOINCREMENT";
      case "postgresql" -> "id SERIAL PRIMARY KEY";
      default -> "id INTEGER AUTO_INCREMENT PRIMARY KEY";
    };
  }

  /** The column type for a kind of Java value: string, decimal, bool, date, time, ... */
  static String type(Engine engine, String kind) {
    String name = engine.dialect().name();
    return switch (kind) {
      case "string" -> "VARCHAR(200)";
      case "int" -> "INTEGER";
      case "bigint" -> "BIGINT";
      case "smallint" -> "SMALLINT";
      // SQLite's NUMERIC affinity would turn 12345.6789 into a float; TEXT keeps the digits.
      case "decimal" -> name.equals("sqlite") ? "TEXT" : "NUMERIC(12,4)";
      case "bool" -> "BOOLEAN";
      case "date" -> "DATE";
      case "time" ->
          switch (name) {
            case "sqlite" -> "TIME";
            default -> "TIME(6)";
          };
      case "timestamp" ->
          switch (name) {
            case "sqlite" -> "TIMESTAMP";
            case "postgresql" -> "TIMESTAMP(6)";
            default -> "DATETIME(6)";
          };
      case "timestamptz" ->
          switch (name) {
            case "sqlite" -> "TIMESTAMP";
            case "postgresql" -> "TIMESTAMPTZ";
            default -> "DATETIME(6)";
          };
      case "uuid" -> name.equals("sqlite") ? "TEXT" : "UUID";
      case "bytes" ->
          switch (name) {
            case "postgresql" -> "BYTEA";
            default -> "BLOB";
          };
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Drops the tables if they exist and commits. */
  static void drop(Connection conn, String... tables) {
    for (String table : tables) {
      conn.execute(text("DROP TABLE IF EXISTS " + table));
    }
    conn.commit();
  }

  /** Drops the tables with a connection of its own. */
  static void drop(Engine engine, String... tables) {
    try (Connection conn = engine.connect()) {
      drop(conn, tables);
    }
  }

  /**
   * The isolation level the server says the connection runs at, as an {@code IsolationLevel} name
   * (e.g. {@code SERIALIZABLE}).
   */
  static String serverIsolation(Connection conn) {
    String level =
        switch (conn.engine().dialect().name()) {
          case "sqlite" ->
              conn.execute(text("PRAGMA read_uncommitted")).scalarOne(Integer.class) == 0
                  ? "SERIALIZABLE"
                  : "READ_UNCOMMITTED";
          case "postgresql" ->
              conn.execute(text("SHOW transaction_isolation")).scalarOne(String.class);
          default -> conn.execute(text("SELECT @@tx_isolation")).scalarOne(String.class);
        };
    return level.toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
  }
}
