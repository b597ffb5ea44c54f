package dev.retort.dialect;

import java.util.Map;

/**
 * Where and how to connect, as parsed from a database URL; the dialect turns it into a JDBC URL and
 * driver properties.
 *
 * @param host server host, or null for an embedded database
 * @param port server port, or null for the dialect's default
 * @param database database name, or for SQLite the file path; null for an in-memory database
 * @param user user name, or null
 * @param password password, or null
 * @param driverOptions URL query options that go to the driver unchanged
 */
public record ConnectSpec(
    String host,
    Integer port,
    String database,
    String user,
    String password,
    Map<String, String> driverOptions) {
  /** Copies the options map. */
  public ConnectSpec {
    driverOptions = Map.copyOf(driverOptions);
  }
}
