package dev.retort.benchmarks.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Where and how the numbers were taken, printed above every table.
 *
 * @param date the day of the run
 * @param jdk the Java runtime's vendor and version
 * @param cores the processors the JVM sees
 * @param os the operating system
 * @param servers each backend's database name and version
 * @param settings the sizes and rounds of the run, in words
 */
public record Environment(
    LocalDate date,
    String jdk,
    int cores,
    String os,
    Map<String, String> servers,
    String settings) {

  /** The current JVM and machine; servers and settings as given. */
  public static Environment current(Map<String, String> servers, String settings) {
    Runtime.Version version = Runtime.version();
    String jdk = System.getProperty("java.vendor", "?") + " " + version;
    String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
    return new Environment(
        LocalDate.now(), jdk, Runtime.getRuntime().availableProcessors(), os, servers, settings);
  }

  /** The lines describing the environment. */
  public List<String> lines() {
    StringBuilder db = new StringBuilder();
    servers.forEach(
        (name, version) ->
            db.append(db.isEmpty() ? "" : "; ").append(name).append(" ").append(version));
    return List.of(
        "Date: " + date + "; JDK: " + jdk + "; " + cores + " cores; " + os,
        "Databases (same machine): " + db,
        "Run: " + settings);
  }
}
