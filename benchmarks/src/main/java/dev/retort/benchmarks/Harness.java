package dev.retort.benchmarks;

import dev.retort.benchmarks.contender.Contender;
import dev.retort.benchmarks.contender.ContenderSpec;
import dev.retort.benchmarks.contender.Contenders;
import dev.retort.benchmarks.report.Outcome;
import dev.retort.benchmarks.report.Outcome.Status;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every selected workload on one backend for every contender: warm-up rounds, then measured
 * rounds, the contenders interleaved within each round (and the order rotated from round to round,
 * so none always runs first or last). Every run is checked: its checksum must equal the one
 * computed from the seeded data, and what it wrote must show in the tables. A contender that fails
 * is reported as failed for that workload and the others go on.
 */
public final class Harness {
  private final BenchConfig config;
  private final List<ContenderSpec> specs;
  private final PrintStream log;

  /** A harness for these settings and contenders, logging progress to {@code log}. */
  public Harness(BenchConfig config, List<ContenderSpec> specs, PrintStream log) {
    this.config = config;
    this.specs = specs;
    this.log = log;
  }

  /** Runs one backend and returns an outcome for every workload and contender. */
  public List<Outcome> run(Backend backend) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    try (BenchDatabase db =
        BenchDatabase.open(
            backend, config.urls().get(backend), config.sizes(), config.runTimeout())) {
      Map<ContenderSpec, Contender> open = new LinkedHashMap<>();
      Map<ContenderSpec, String> openFailures = new LinkedHashMap<>();
      for (ContenderSpec spec : specs) {
        if (spec.isPending() || !spec.supports(backend)) {
          continue;
        }
        try {
          open.put(spec, spec.opener().open(db));
        } catch (Exception | LinkageError e) {
          openFailures.put(spec, "could not start: " + describe(e));
          log.println("  " + spec.name() + " could not start: " + describe(e));
        }
      }
      try {
        for (Workload workload : Workload.values()) {
          if (config.workloads().contains(workload)) {
            outcomes.addAll(runWorkload(db, workload, open, openFailures));
          }
        }
      } finally {
        for (Contender contender : open.values()) {
          try {
            contender.close();
          } catch (Exception e) {
            log.println("  closing a contender failed: " + describe(e));
          }
        }
      }
    }
    return outcomes;
  }

  private List<Outcome> runWorkload(
      BenchDatabase db,
      Workload workload,
      Map<ContenderSpec, Contender> open,
      Map<ContenderSpec, String> openFailures)
      throws Exception {
    Sizes sizes = db.sizes();
    long expected = Expected.checksum(workload, sizes);
    long expectedChange = Expected.stateChange(workload, sizes);
    long operations = workload.operations(sizes);
    List<ContenderSpec> running = new ArrayList<>();
    for (Map.Entry<ContenderSpec, Contender> entry : open.entrySet()) {
      if (workload.isImplementedBy(entry.getValue())) {
        running.add(entry.getKey());
      }
    }
    Map<ContenderSpec, List<Double>> measured = new LinkedHashMap<>();
    Map<ContenderSpec, Long> retries = new LinkedHashMap<>();
    Map<ContenderSpec, String> failures = new LinkedHashMap<>();
    running.forEach(spec -> measured.put(spec, new ArrayList<>()));
    int totalRounds = config.warmups() + config.rounds();
    for (int round = 0; round < totalRounds; round++) {
      boolean warmup = round < config.warmups();
      for (int i = 0; i < running.size(); i++) {
        ContenderSpec spec = running.get((i + round) % running.size());
        if (failures.containsKey(spec)) {
          continue;
        }
        try {
          db.beforeRun(workload);
          long before = db.stateOf(workload);
          Retry.takeCount();
          System.gc();
          long start = System.nanoTime();
          long checksum = workload.run(open.get(spec), db);
          long nanos = System.nanoTime() - start;
          long retried = Retry.takeCount();
          long change = db.stateOf(workload) - before;
          if (checksum != expected) {
            throw new IllegalStateException(
                "wrong result: checksum " + checksum + ", expected " + expected);
          }
          if (change != expectedChange) {
            throw new IllegalStateException(
                "the tables changed by " + change + ", expected " + expectedChange);
          }
          if (!warmup) {
            measured.get(spec).add(operations / (nanos / 1e9));
            retries.merge(spec, retried, Long::sum);
          }
        } catch (Exception | LinkageError e) {
          failures.put(spec, describe(e));
          log.println(
              "  "
                  + db.backend().title()
                  + " "
                  + workload.label()
                  + ": "
                  + spec.name()
                  + " failed: "
                  + describe(e));
        }
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    double jdbcMedian = Double.NaN;
    for (ContenderSpec spec : running) {
      if (spec.name().equals(Contenders.JDBC) && !failures.containsKey(spec)) {
        jdbcMedian = Outcome.median(measured.get(spec));
      }
    }
    StringBuilder line = new StringBuilder("  " + db.backend().title() + " " + workload.label());
    for (ContenderSpec spec : specs) {
      Outcome outcome;
      if (measured.containsKey(spec) && !failures.containsKey(spec)) {
        List<Double> rounds = measured.get(spec);
        double median = Outcome.median(rounds);
        outcome =
            new Outcome(
                db.backend(),
                workload,
                spec.name(),
                spec.group(),
                Status.MEASURED,
                rounds,
                jdbcMedian / median,
                retries.getOrDefault(spec, 0L),
                "");
        line.append(String.format(" | %s %s", spec.name(), Format.perSecond(median)));
      } else {
        outcome = missing(db.backend(), workload, spec, failures, openFailures, open);
      }
      outcomes.add(outcome);
    }
    log.println(line + " (" + workload.unit() + ")");
    return outcomes;
  }

  private static Outcome missing(
      Backend backend,
      Workload workload,
      ContenderSpec spec,
      Map<ContenderSpec, String> failures,
      Map<ContenderSpec, String> openFailures,
      Map<ContenderSpec, Contender> open) {
    if (failures.containsKey(spec) || openFailures.containsKey(spec)) {
      String why = failures.containsKey(spec) ? failures.get(spec) : openFailures.get(spec);
      return Outcome.without(backend, workload, spec.name(), spec.group(), Status.FAILED, why);
    }
    if (spec.isPending()) {
      boolean takesPart =
          spec.group() != ContenderSpec.Group.RETORT_ORM || workload.hasOrmContenders();
      return Outcome.without(
          backend,
          workload,
          spec.name(),
          spec.group(),
          takesPart ? Status.PENDING : Status.NOT_APPLICABLE,
          takesPart ? spec.pending() : "");
    }
    if (!spec.supports(backend)) {
      return Outcome.without(
          backend, workload, spec.name(), spec.group(), Status.NOT_SUPPORTED, "");
    }
    return Outcome.without(backend, workload, spec.name(), spec.group(), Status.NOT_APPLICABLE, "");
  }

  /** One line about a failure: its type and message, and the root cause's. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root != e) {
      text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return text.replace('\n', ' ');
  }
}
