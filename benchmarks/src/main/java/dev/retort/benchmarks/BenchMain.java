package dev.retort.benchmarks;

import dev.retort.benchmarks.contender.Contenders;
import dev.retort.benchmarks.jmh.JmhRunner;
import dev.retort.benchmarks.report.Environment;
import dev.retort.benchmarks.report.Outcome;
import dev.retort.benchmarks.report.RatioChart;
import dev.retort.benchmarks.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;

/**
 * The one command: runs every workload for every contender on each backend, prints the table,
 * writes {@code results.md}, {@code results.csv} and {@code ratios.png}, then runs the JMH
 * micro-benchmarks ({@code jmh.csv}, appended to {@code results.md}). Settings: see {@link
 * BenchConfig#fromSystemProperties()}. A backend that cannot be reached is skipped with a message.
 */
public final class BenchMain {
  private BenchMain() {}

  /** Runs the benchmarks with the settings in the system properties. */
  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    BenchConfig config = BenchConfig.fromSystemProperties();
    System.out.println(
        "Retort benchmarks"
            + (config.quick() ? " (quick: a tenth of the work, not for publishing)" : "")
            + ": backends "
            + config.backends()
            + ", "
            + config.warmups()
            + " warm-up + "
            + config.rounds()
            + " measured rounds; results in "
            + config.out().toAbsolutePath().normalize());
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, String> servers = new LinkedHashMap<>();
    Harness harness =
        new Harness(
            config, Contenders.matching(System.getProperty("bench.contenders")), System.out);
    for (Backend backend : config.backends()) {
      long backendStart = System.nanoTime();
      String url = config.urls().get(backend);
      System.out.println(backend.title() + " (" + dev.retort.engine.EngineUrl.mask(url) + ")");
      try {
        List<Outcome> results = harness.run(backend);
        outcomes.addAll(results);
        servers.put(backend.title(), serverVersion(backend, url));
      } catch (Exception e) {
        System.out.println("  skipped: " + Harness.describe(e));
      }
      System.out.printf(
          "  %s took %d s%n", backend.title(), seconds(System.nanoTime() - backendStart));
    }
    String settings = describe(config);
    Report report = new Report(outcomes, Environment.current(servers, settings));
    System.out.println();
    report.print(System.out);
    Path out = config.out();
    Files.createDirectories(out);
    report.writeCsv(out.resolve("results.csv"));
    Path markdown = out.resolve("results.md");
    report.writeMarkdown(markdown);
    RatioChart.write(
        report,
        Environment.current(servers, settings).date() + (config.quick() ? ", quick run" : ""),
        out.resolve("ratios.png"));
    if (config.jmh()) {
      System.out.println();
      System.out.println("JMH micro-benchmarks (one fork each; about a minute)");
      List<String> lines = new ArrayList<>();
      try {
        for (RunResult result : JmhRunner.run(config.quick(), out.resolve("jmh.csv"))) {
          lines.add(JmhRunner.describe(result));
        }
      } catch (Exception e) {
        lines.add("JMH failed: " + Harness.describe(e));
      }
      lines.forEach(System.out::println);
      List<String> section = new ArrayList<>(List.of("", "**JMH micro-benchmarks**", ""));
      lines.forEach(line -> section.add("- " + line));
      Files.write(
          markdown, section, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }
    long failed = outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).count();
    if (failed > 0) {
      System.out.printf(
          "%n%d cells FAILED: their contender failed or returned a wrong result (see the notes"
              + " under each table)%n",
          failed);
    }
    System.out.printf(
        "%nWrote %s (results.md, results.csv, ratios.png%s); total %d s%n",
        out.toAbsolutePath().normalize(),
        config.jmh() ? ", jmh.csv" : "",
        seconds(System.nanoTime() - started));
  }

  private static String describe(BenchConfig config) {
    Sizes s = config.sizes();
    return String.format(
        "%s; %d warm-up + %d measured rounds, contenders interleaved; pool %d; "
            + "1: %d tasks x %d gets; 2: %d requests x %d queries; 3: %,d rows; 4: %,d rows; "
            + "5: %,d rows; 6: %,d tasks over %d accounts",
        config.quick() ? "quick run (reduced sizes)" : "full run",
        config.warmups(),
        config.rounds(),
        s.pool(),
        s.pkTasks(),
        s.pkGetsPerTask(),
        s.requests(),
        Sizes.QUERIES_PER_REQUEST,
        s.hydrateRows(),
        s.insertRows(),
        s.updateRows(),
        s.rmwTasks(),
        s.accounts());
  }

  private static String serverVersion(Backend backend, String url) {
    try (dev.retort.engine.Engine engine = dev.retort.engine.Engine.create(url)) {
      var spec = engine.url().spec();
      Properties login = new Properties();
      if (spec.user() != null) {
        login.setProperty("user", spec.user());
      }
      if (spec.password() != null) {
        login.setProperty("password", spec.password());
      }
      try (Connection c = DriverManager.getConnection(engine.dialect().jdbcUrl(spec), login)) {
        return c.getMetaData().getDatabaseProductVersion();
      }
    } catch (Exception e) {
      return "(version unknown)";
    }
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }
}
