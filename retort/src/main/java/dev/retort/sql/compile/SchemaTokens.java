package dev.retort.sql.compile;

import java.util.Map;

/**
 * Schema names compiled as tokens, so one cached statement serves every schema a schema translation
 * maps to (schema-per-tenant): the compiler writes {@code \u0001schema\u0002} before each table
 * name, and {@link #translate} replaces the tokens at execution.
 */
public final class SchemaTokens {
  static final char START = '\u0001';
  static final char END = '\u0002';

  private SchemaTokens() {}

  /**
   * Replaces the schema tokens in compiled SQL: a schema the map names becomes its target (a null
   * or empty target means no schema); others stay as written. The key for tables written without a
   * schema is the empty string.
   */
  public static String translate(String sql, Map<String, String> schemas, DdlDialect dialect) {
    int start = sql.indexOf(START);
    if (start < 0) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 32);
    int from = 0;
    while (start >= 0) {
      int end = sql.indexOf(END, start);
      out.append(sql, from, start);
      String written = sql.substring(start + 1, end);
      String schema = schemas.containsKey(written) ? schemas.get(written) : written;
      if (schema != null && !schema.isEmpty()) {
        out.append(dialect.identifier(schema)).append('.');
      }
      from = end + 1;
      start = sql.indexOf(START, from);
    }
    return out.append(sql, from, sql.length()).toString();
  }
}
