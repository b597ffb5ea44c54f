package dev.retort.engine;

import dev.retort.dialect.ConnectSpec;
import dev.retort.error.ArgumentException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed database URL: {@code sqlite:///relative.db}, {@code sqlite:////absolute.db}, {@code
 * sqlite://} (in memory), {@code postgresql://user:pass@host:port/db?opt=v}, {@code mysql://...} or
 * {@code mariadb://...}. Query options that Retort knows (see {@link EngineOptions}) configure the
 * engine; all others go to the JDBC driver. {@link #toString()} masks the password.
 *
 * @param scheme the scheme, lower case
 * @param spec host, port, database, credentials and driver options
 * @param engineOptions the query options Retort itself reads, by name
 * @param text the URL as given
 */
public record EngineUrl(
    String scheme, ConnectSpec spec, Map<String, String> engineOptions, String text) {

  /** The schemes Retort understands. */
  public static final Set<String> SCHEMES =
      Set.of("sqlite", "postgresql", "postgres", "mysql", "mariadb");

  /** Copies the options map. */
  public EngineUrl {
    engineOptions = Map.copyOf(engineOptions);
  }

  /**
   * Parses a database URL.
   *
   * @throws ArgumentException naming the URL (password masked) and what is wrong with it
   */
  public static EngineUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new ArgumentException("Database URL is empty; expected e.g. sqlite:///app.db");
    }
    int sep = url.indexOf("://");
    if (sep <= 0) {
      throw malformed(url, "expected scheme://..., e.g. sqlite:///app.db or postgresql://host/db");
    }
    String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
    int plus = scheme.indexOf('+');
    if (plus > 0) {
      scheme = scheme.substring(0, plus); // "postgresql+jdbc" style driver suffixes
    }
    if (!SCHEMES.contains(scheme)) {
      throw new ArgumentException(
          "Unknown database URL scheme '"
              + url.substring(0, sep)
              + "' in "
              + mask(url)
              + "; supported: sqlite, postgresql, mysql, mariadb");
    }
    String rest = url.substring(sep + 3);
    Map<String, String> query = new LinkedHashMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      parseQuery(url, rest.substring(q + 1), query);
      rest = rest.substring(0, q);
    }
    Map<String, String> engineOptions = new LinkedHashMap<>();
    for (String name : EngineOptions.URL_OPTIONS) {
      String value = query.remove(name);
      if (value != null) {
        engineOptions.put(name, value);
      }
    }
    ConnectSpec spec =
        scheme.equals("sqlite") ? sqliteSpec(url, rest, query) : serverSpec(url, rest, query);
    return new EngineUrl(scheme, spec, engineOptions, url);
  }

  private static ConnectSpec sqliteSpec(String url, String rest, Map<String, String> query) {
    String path;
    if (rest.isEmpty() || rest.equals("/") || rest.equals("/:memory:")) {
      path = null;
    } else if (rest.startsWith("/")) {
      path = decode(url, rest.substring(1)); // "///rel.db" -> "rel.db", "////abs" -> "/abs"
    } else {
      throw malformed(
          url,
          "a SQLite URL has no host: use sqlite:///relative.db, sqlite:////absolute.db or"
              + " sqlite:// for memory");
    }
    return new ConnectSpec(null, null, path, null, null, query);
  }

  private static ConnectSpec serverSpec(String url, String rest, Map<String, String> query) {
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? null : decode(url, rest.substring(slash + 1));
    if (database != null && database.isEmpty()) {
      database = null;
    }
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String credentials = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = credentials.indexOf(':');
      user = decode(url, colon < 0 ? credentials : credentials.substring(0, colon));
      password = colon < 0 ? null : decode(url, credentials.substring(colon + 1));
    }
    String host = authority;
    Integer port = null;
    int colon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : -1;
    colon = authority.startsWith("[") ? colon : authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.substring(0, colon);
      String portText = authority.substring(colon + 1);
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw malformed(url, "port '" + portText + "' is not a number");
      }
      if (port <= 0 || port > 65535) {
        throw malformed(url, "port " + port + " is out of range");
      }
    }
    if (host.isEmpty()) {
      throw malformed(url, "no host given");
    }
    return new ConnectSpec(host, port, database, user, password, query);
  }

  private static void parseQuery(String url, String query, Map<String, String> into) {
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw malformed(url, "query option '" + pair + "' has no value (expected name=value)");
      }
      into.put(decode(url, pair.substring(0, eq)), decode(url, pair.substring(eq + 1)));
    }
  }

  private static String decode(String url, String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(url, "bad percent-encoding in '" + text + "'");
    }
  }

  private static ArgumentException malformed(String url, String why) {
    return new ArgumentException("Malformed database URL " + mask(url) + ": " + why);
  }

  /** Returns the URL with its password (in the user info or a password option) masked. */
  public static String mask(String url) {
    // Find the user info the way parse() does (up to the last '@' before the query), and also in
    // a malformed URL without "://", so a message about a bad URL never shows its password.
    String masked = url;
    int sep = url.indexOf("://");
    int start = sep >= 0 ? sep + 3 : url.indexOf(':') + 1;
    int query = url.indexOf('?', start);
    int at = url.lastIndexOf('@', (query < 0 ? url.length() : query) - 1);
    int colon = at > start ? url.indexOf(':', start) : -1;
    if (colon >= 0 && colon < at) {
      masked = url.substring(0, colon + 1) + "***" + url.substring(at);
    }
    return masked.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  /** The URL with its password masked: safe to log and to put in error messages. */
  @Override
  public String toString() {
    return mask(text);
  }
}
