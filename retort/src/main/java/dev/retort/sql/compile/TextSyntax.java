package dev.retort.sql.compile;

/**
 * The lexical rules of a dialect that matter when finding {@code :name} parameters in plain SQL.
 *
 * @param backslashEscapes whether a backslash escapes the next character inside string literals
 *     (MySQL, MariaDB)
 * @param dollarQuoting whether {@code $tag$ ... $tag$} quotes a string (PostgreSQL)
 * @param backtickIdentifiers whether {@code `name`} quotes an identifier (MySQL, MariaDB, SQLite)
 * @param hashComments whether {@code #} starts a comment that runs to the end of the line (MySQL,
 *     MariaDB)
 * @param escapeStrings whether {@code E'...'} is a string in which a backslash escapes the next
 *     character, whatever {@code backslashEscapes} says of plain strings (PostgreSQL)
 * @param nestedBlockComments whether a {@code /*} inside a block comment opens a nested one, so the
 *     comment ends only at its matching close (PostgreSQL; MySQL and SQLite end it at the first)
 */
public record TextSyntax(
    boolean backslashEscapes,
    boolean dollarQuoting,
    boolean backtickIdentifiers,
    boolean hashComments,
    boolean escapeStrings,
    boolean nestedBlockComments) {
  /** Standard SQL (and SQLite): quotes double themselves, no backslash escapes. */
  public static final TextSyntax STANDARD = new TextSyntax(false, false, true, false, false, false);

  /** PostgreSQL: dollar quoting, {@code E'...'} escape strings, nested block comments. */
  public static final TextSyntax POSTGRESQL = new TextSyntax(false, true, false, false, true, true);

  /** MySQL and MariaDB: backslash escapes in strings, backtick identifiers, {@code #} comments. */
  public static final TextSyntax MYSQL = new TextSyntax(true, false, true, true, false, false);
}
