package dev.retort.sql.compile;

/**
 * The lexical rules of a dialect that matter when finding {@code :name} parameters in plain SQL.
 *
 * @param backslashEscapes whether a backslash escapes the next character inside string literals
 *     (MySQL, MariaDB)
 * @param dollarQuoting whether {@code $tag$ ... $tag$} quotes a string (PostgreSQL)
 * @param backtickIdentifiers whether {@code `name`} quotes an identifier (MySQL, MariaDB, SQLite)
 */
public record TextSyntax(
    boolean backslashEscapes, boolean dollarQuoting, boolean backtickIdentifiers) {
  /** Standard SQL: quotes double themselves, no backslash escapes. */
  public static final TextSyntax STANDARD = new TextSyntax(false, false, true);
}
