package dev.retort.benchmarks.report;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.Format;
import dev.retort.benchmarks.Workload;
import dev.retort.benchmarks.report.Outcome.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The results as a table per backend (contenders down, workloads across; each cell the time
 * relative to raw JDBC and the median throughput), as Markdown, and as CSV.
 */
public final class Report {
  private static final String LEGEND =
      "Each cell: median time relative to raw JDBC on the same workload (1.00× = as fast, 1.25× ="
          + " 25% slower, 0.90× = 10% faster), then the median throughput per second. n/a: the"
          + " contender does not run on this backend; -: not part of this workload.";

  private final List<Outcome> outcomes;
  private final Environment environment;

  /** A report of these outcomes. */
  public Report(List<Outcome> outcomes, Environment environment) {
    this.outcomes = List.copyOf(outcomes);
    this.environment = environment;
  }

  /** The outcomes. */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /** Prints a plain-text table per backend. */
  public void print(PrintStream out) {
    environment.lines().forEach(out::println);
    out.println(LEGEND);
    for (Backend backend : backends()) {
      List<List<String>> rows = matrix(backend);
      int[] widths = new int[rows.get(0).size()];
      for (List<String> row : rows) {
        for (int i = 0; i < row.size(); i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
      out.println();
      out.println(backend.title());
      for (int r = 0; r < rows.size(); r++) {
        List<String> row = rows.get(r);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
          String cell = row.get(i);
          line.append(i == 0 ? pad(cell, widths[i]) : " | " + padLeft(cell, widths[i]));
        }
        out.println(line.toString().stripTrailing());
        if (r == 0) {
          out.println("-".repeat(line.length()));
        }
      }
      notes(backend).forEach(note -> out.println("  " + note));
    }
  }

  /** Writes the Markdown version of the tables. */
  public void writeMarkdown(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    environment.lines().forEach(line -> lines.add(line + "  "));
    lines.add("");
    lines.add(LEGEND);
    for (Backend backend : backends()) {
      lines.add("");
      lines.add("**" + backend.title() + "**");
      lines.add("");
      List<List<String>> rows = matrix(backend);
      for (int r = 0; r < rows.size(); r++) {
        lines.add("| " + String.join(" | ", rows.get(r)) + " |");
        if (r == 0) {
          lines.add("|---" + "|---:".repeat(rows.get(0).size() - 1) + "|");
        }
      }
      List<String> notes = notes(backend);
      if (!notes.isEmpty()) {
        lines.add("");
        notes.forEach(note -> lines.add("- " + note));
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Writes one CSV line per backend, workload and contender. */
  public void writeCsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "backend,workload,workload_name,unit,contender,group,status,median_per_second,"
            + "time_ratio_to_jdbc,rounds_per_second,retries,note");
    for (Outcome o : outcomes) {
      lines.add(
          String.join(
              ",",
              o.backend().key(),
              String.valueOf(o.workload().number()),
              csv(o.workload().title()),
              csv(o.workload().unit()),
              csv(o.contender()),
              o.group().name().toLowerCase(Locale.ROOT),
              o.status().name().toLowerCase(Locale.ROOT),
              number(o.median(), "%.1f"),
              number(o.timeRatio(), "%.4f"),
              o.perSecond().stream()
                  .map(v -> String.format(Locale.ROOT, "%.1f", v))
                  .collect(Collectors.joining(";")),
              String.valueOf(o.retries()),
              csv(o.note())));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** The backends that have outcomes, in run order. */
  public List<Backend> backends() {
    Set<Backend> seen = new LinkedHashSet<>();
    outcomes.forEach(o -> seen.add(o.backend()));
    return List.copyOf(seen);
  }

  /** The workloads that have outcomes on a backend, in order. */
  public List<Workload> workloads(Backend backend) {
    Set<Workload> seen = new LinkedHashSet<>();
    outcomes.stream().filter(o -> o.backend() == backend).forEach(o -> seen.add(o.workload()));
    return seen.stream().sorted().toList();
  }

  /** The contenders, in listing order. */
  public List<String> contenders(Backend backend) {
    Set<String> seen = new LinkedHashSet<>();
    outcomes.stream().filter(o -> o.backend() == backend).forEach(o -> seen.add(o.contender()));
    return List.copyOf(seen);
  }

  /** The outcome of one cell, or null. */
  public Outcome find(Backend backend, Workload workload, String contender) {
    for (Outcome o : outcomes) {
      if (o.backend() == backend && o.workload() == workload && o.contender().equals(contender)) {
        return o;
      }
    }
    return null;
  }

  /** The header row and one row per contender, as text cells. */
  List<List<String>> matrix(Backend backend) {
    List<Workload> workloads = workloads(backend);
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("contender");
    workloads.forEach(w -> header.add(w.label() + " [" + w.unit() + "]"));
    rows.add(header);
    for (String contender : contenders(backend)) {
      List<String> row = new ArrayList<>();
      row.add(contender);
      for (Workload workload : workloads) {
        row.add(cell(find(backend, workload, contender)));
      }
      rows.add(row);
    }
    return rows;
  }

  static String cell(Outcome o) {
    if (o == null) {
      return "-";
    }
    return switch (o.status()) {
      case MEASURED -> Format.ratio(o.timeRatio()) + " " + Format.perSecond(o.median());
      case PENDING -> o.note();
      case NOT_SUPPORTED -> "n/a";
      case NOT_APPLICABLE -> "-";
      case FAILED -> "FAILED";
    };
  }

  private List<String> notes(Backend backend) {
    List<String> notes = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.backend() != backend) {
        continue;
      }
      if (o.status() == Status.FAILED) {
        notes.add(o.contender() + ", workload " + o.workload().number() + ": " + o.note());
      } else if (o.retries() > 0) {
        notes.add(
            o.contender()
                + ", workload "
                + o.workload().number()
                + ": "
                + o.retries()
                + " transactions retried over the measured rounds");
      }
    }
    return notes;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
  }

  private static String csv(String text) {
    if (text == null) {
      return "";
    }
    return text.contains(",") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\""
        : text;
  }
}
