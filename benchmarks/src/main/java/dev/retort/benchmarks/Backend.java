package dev.retort.benchmarks;

import java.util.Locale;

/** The databases the benchmarks run on, with where to find each by default. */
public enum Backend {
  SQLITE("SQLite", "sqlite:///target/bench.db"),
  POSTGRESQL("PostgreSQL", "postgresql://postgres@127.0.0.1:5432/retort_bench"),
  MARIADB("MariaDB", "mariadb://root@127.0.0.1:3306/retort_bench");

  private final String title;
  private final String defaultUrl;

  Backend(String title, String defaultUrl) {
    this.title = title;
    this.defaultUrl = defaultUrl;
  }

  /** The name shown in tables and charts. */
  public String title() {
    return title;
  }

  /** The lower-case key used in settings: {@code sqlite}, {@code postgresql}, {@code mariadb}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Retort URL used when neither {@code -Dbench.<key>.url} nor the environment names one. */
  public String defaultUrl() {
    return defaultUrl;
  }

  /** The environment variable that may hold this backend's URL. */
  public String environmentVariable() {
    return "RETORT_BENCH_" + name() + "_URL";
  }

  /**
   * Finds a backend by its key or title, ignoring case.
   *
   * @throws IllegalArgumentException naming the known keys when none matches
   */
  public static Backend of(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Backend backend : values()) {
      if (backend.key().equals(wanted) || backend.title.toLowerCase(Locale.ROOT).equals(wanted)) {
        return backend;
      }
    }
    if (wanted.equals("mysql") || wanted.equals("postgres")) {
      return wanted.equals("mysql") ? MARIADB : POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "Unknown backend '" + name + "' in bench.backends; use sqlite, postgresql or mariadb");
  }
}
