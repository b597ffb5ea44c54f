package dev.retort.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run does, read from system properties ({@code -Dbench.*}) and the environment.
 *
 * @param backends the databases to run on, in order
 * @param urls the Retort URL of each backend
 * @param workloads the workloads to run
 * @param sizes how big each workload is
 * @param warmups unmeasured rounds before the measured ones
 * @param rounds measured rounds; the table shows their median
 * @param jmh whether to run the JMH micro-benchmarks after the side-by-side runs
 * @param quick whether this is a quick (reduced) run
 * @param out where the table, CSV and chart go
 * @param runTimeout the longest one contender may take for one run of one workload
 */
public record BenchConfig(
    List<Backend> backends,
    Map<Backend, String> urls,
    Set<Workload> workloads,
    Sizes sizes,
    int warmups,
    int rounds,
    boolean jmh,
    boolean quick,
    Path out,
    Duration runTimeout) {

  /**
   * Reads the settings: {@code bench.backends} (comma-separated, default all three), {@code
   * bench.quick}, {@code bench.warmups}, {@code bench.rounds}, {@code bench.workloads} (numbers,
   * e.g. {@code 1,3}), {@code bench.jmh}, {@code bench.out}, and {@code bench.<backend>.url} or
   * {@code $RETORT_BENCH_<BACKEND>_URL}. An empty property counts as unset.
   */
  public static BenchConfig fromSystemProperties() {
    boolean quick = flag("bench.quick", false) || System.getProperty("quick") != null;
    List<Backend> backends = new ArrayList<>();
    for (String name : setting("bench.backends", "sqlite,postgresql,mariadb").split(",")) {
      if (!name.isBlank()) {
        Backend backend = Backend.of(name);
        if (!backends.contains(backend)) {
          backends.add(backend);
        }
      }
    }
    Map<Backend, String> urls = new EnumMap<>(Backend.class);
    for (Backend backend : Backend.values()) {
      String fromEnv = System.getenv(backend.environmentVariable());
      String fallback = fromEnv == null || fromEnv.isBlank() ? backend.defaultUrl() : fromEnv;
      urls.put(backend, setting("bench." + backend.key() + ".url", fallback));
    }
    Set<Workload> workloads = EnumSet.noneOf(Workload.class);
    String wanted = setting("bench.workloads", "");
    if (wanted.isBlank()) {
      workloads.addAll(EnumSet.allOf(Workload.class));
    } else {
      for (String number : wanted.split(",")) {
        workloads.add(Workload.byNumber(Integer.parseInt(number.trim())));
      }
    }
    int warmups = number("bench.warmups", 1);
    int rounds = number("bench.rounds", quick ? 2 : 5);
    String out = setting("bench.out", quick ? "target/bench-quick" : "results");
    return new BenchConfig(
        List.copyOf(backends),
        Map.copyOf(urls),
        Set.copyOf(workloads),
        quick ? Sizes.quick() : Sizes.full(),
        warmups,
        rounds,
        flag("bench.jmh", true),
        quick,
        Path.of(out),
        Duration.ofSeconds(number("bench.timeout", 300)));
  }

  private static String setting(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static boolean flag(String name, boolean fallback) {
    String value = setting(name, "");
    return value.isEmpty() ? fallback : !value.equalsIgnoreCase("false");
  }

  private static int number(String name, int fallback) {
    String value = setting(name, "");
    try {
      return value.isEmpty() ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
    }
  }
}
