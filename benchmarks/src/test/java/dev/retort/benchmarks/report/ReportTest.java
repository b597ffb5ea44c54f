package dev.retort.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.Workload;
import dev.retort.benchmarks.contender.ContenderSpec.Group;
import dev.retort.benchmarks.report.Outcome.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  private final Report report =
      new Report(
          List.of(
              new Outcome(
                  Backend.POSTGRESQL,
                  Workload.PK_GET,
                  "JDBC (HikariCP)",
                  Group.BASELINE,
                  Status.MEASURED,
                  List.of(1000.0, 3000.0, 2000.0),
                  1.0,
                  0,
                  ""),
              new Outcome(
                  Backend.POSTGRESQL,
                  Workload.PK_GET,
                  "Retort Core sync",
                  Group.RETORT_CORE,
                  Status.MEASURED,
                  List.of(1600.0, 1700.0),
                  1.2121,
                  0,
                  ""),
              Outcome.without(
                  Backend.POSTGRESQL,
                  Workload.PK_GET,
                  "Retort ORM sync",
                  Group.RETORT_ORM,
                  Status.PENDING,
                  "not yet: ORM pending"),
              Outcome.without(
                  Backend.POSTGRESQL,
                  Workload.PK_GET,
                  "jOOQ 3.20",
                  Group.PEER,
                  Status.FAILED,
                  "boom, it broke")),
          new Environment(LocalDate.of(2026, 1, 2), "JDK 25", 2, "Linux", Map.of(), "test"));

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Outcome.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Outcome.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    assertThat(Outcome.median(List.of())).isNaN();
  }

  @Test
  void cellsShowRatioAndThroughputOrWhyThereIsNone() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertThat(text)
        .contains("1.00× 2.00k")
        .contains("1.21× 1.65k")
        .contains("not yet: ORM pending")
        .contains("FAILED")
        .contains("jOOQ 3.20, workload 1: boom, it broke");
  }

  @Test
  void csvQuotesTextWithCommasAndListsEveryRound() throws Exception {
    Path csv = dir.resolve("r.csv");
    report.writeCsv(csv);
    List<String> lines = Files.readAllLines(csv);

    assertThat(lines).hasSize(5);
    assertThat(lines.get(1))
        .isEqualTo(
            "postgresql,1,pk get,gets/s,JDBC (HikariCP),baseline,measured,2000.0,1.0000,"
                + "1000.0;3000.0;2000.0,0,");
    assertThat(lines.get(4)).endsWith(",failed,,,,0,\"boom, it broke\"");
  }

  @Test
  void markdownHasOneTablePerBackend() throws Exception {
    Path md = dir.resolve("r.md");
    report.writeMarkdown(md);
    String text = Files.readString(md);

    assertThat(text).contains("**PostgreSQL**").contains("| contender | 1 pk get [gets/s] |");
    assertThat(text).contains("|---|---:|");
  }

  @Test
  void chartIsAPng() throws Exception {
    Path png = dir.resolve("r.png");
    RatioChart.write(report, "test", png);

    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
    assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
  }
}
