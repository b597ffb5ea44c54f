package dev.retort.benchmarks.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the JMH micro-benchmarks of this package in one fork and writes their results as CSV. */
public final class JmhRunner {
  private JmhRunner() {}

  /**
   * Runs every benchmark in this package, writes their results to {@code csv} and returns them;
   * {@code quick} shortens warm-up and measurement.
   */
  public static Collection<RunResult> run(boolean quick, Path csv) throws Exception {
    Files.createDirectories(csv.toAbsolutePath().getParent());
    Options options =
        new OptionsBuilder()
            .include(JmhRunner.class.getPackageName() + "\\..*Benchmark")
            .forks(1)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 2 : 5)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgs(
                "-Xms512m",
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
            .verbosity(VerboseMode.SILENT)
            .resultFormat(ResultFormatType.CSV)
            .result(csv.toString())
            .build();
    try {
      return new Runner(options).run();
    } catch (RunnerException e) {
      throw new Exception("JMH failed: " + e.getMessage(), e);
    }
  }

  /** One line per result: benchmark, parameters, score ± error and unit. */
  public static String describe(RunResult result) {
    var primary = result.getPrimaryResult();
    String name = result.getParams().getBenchmark();
    name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
    StringBuilder params = new StringBuilder();
    for (String key : result.getParams().getParamsKeys()) {
      params
          .append(params.isEmpty() ? " (" : ", ")
          .append(key)
          .append('=')
          .append(result.getParams().getParam(key));
    }
    if (!params.isEmpty()) {
      params.append(')');
    }
    return String.format(
        Locale.ROOT,
        "%s%s: %.3f ± %.3f %s",
        name,
        params,
        primary.getScore(),
        primary.getScoreError(),
        primary.getScoreUnit());
  }
}
