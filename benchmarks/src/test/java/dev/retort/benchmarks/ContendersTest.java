package dev.retort.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retort.benchmarks.contender.ContenderSpec;
import dev.retort.benchmarks.contender.Contenders;
import dev.retort.benchmarks.report.Outcome;
import dev.retort.benchmarks.report.Outcome.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every contender does every workload it implements correctly: with tiny sizes and one round, each
 * run's checksum must match the one computed from the seeded data and its writes must show in the
 * tables (the harness checks both and reports a failure otherwise). No timing is asserted. SQLite
 * always runs; PostgreSQL and MariaDB run when reachable at {@code $RETORT_TEST_POSTGRESQL_URL} /
 * {@code $RETORT_TEST_MARIADB_URL} (default: database {@code test} on 127.0.0.1), and fail instead
 * of skipping when {@code CI} is set.
 */
class ContendersTest {
  @TempDir Path dir;

  @Test
  void bothRetortOrmSessionFlavoursAreContenders() {
    assertThat(Contenders.all())
        .filteredOn(spec -> spec.group() == ContenderSpec.Group.RETORT_ORM)
        .extracting(ContenderSpec::name, ContenderSpec::isPending)
        .containsExactly(tuple("Retort ORM sync", false), tuple("Retort ORM async", false));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyContenderComputesTheExpectedResults(Backend backend) throws Exception {
    String url = url(backend);
    assumeReachable(backend, url);
    BenchConfig config =
        new BenchConfig(
            List.of(backend),
            Map.of(backend, url),
            EnumSet.allOf(Workload.class),
            Sizes.tiny(),
            0,
            1,
            false,
            true,
            dir,
            java.time.Duration.ofSeconds(120));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<Outcome> outcomes =
        new Harness(config, Contenders.all(), new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(backend);

    assertThat(outcomes)
        .filteredOn(o -> o.status() == Status.FAILED)
        .as("failures; log:%n%s", log.toString(StandardCharsets.UTF_8))
        .isEmpty();
    for (ContenderSpec spec : Contenders.all()) {
      for (Workload workload : Workload.values()) {
        Outcome outcome =
            outcomes.stream()
                .filter(o -> o.workload() == workload && o.contender().equals(spec.name()))
                .findFirst()
                .orElseThrow();
        Status expected;
        boolean takesPart =
            spec.group() != ContenderSpec.Group.RETORT_ORM || workload.hasOrmContenders();
        if (!takesPart) {
          expected = Status.NOT_APPLICABLE;
        } else if (spec.isPending()) {
          expected = Status.PENDING;
        } else if (!spec.supports(backend)) {
          expected = Status.NOT_SUPPORTED;
        } else {
          expected = Status.MEASURED;
        }
        assertThat(outcome.status()).as(spec.name() + ", " + workload).isEqualTo(expected);
        if (expected == Status.MEASURED) {
          assertThat(outcome.perSecond()).hasSize(1).allMatch(v -> v > 0);
          assertThat(outcome.timeRatio()).isPositive();
        }
        if (expected == Status.PENDING) {
          assertThat(outcome.note()).isEqualTo(spec.pending());
        }
      }
    }
  }

  private String url(Backend backend) {
    return switch (backend) {
      case SQLITE -> "sqlite:///" + dir.resolve("bench.db");
      case POSTGRESQL ->
          env("RETORT_TEST_POSTGRESQL_URL", "postgresql://postgres@127.0.0.1:5432/test");
      case MARIADB -> env("RETORT_TEST_MARIADB_URL", "mariadb://root@127.0.0.1:3306/test");
    };
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void assumeReachable(Backend backend, String url) {
    if (backend == Backend.SQLITE) {
      return;
    }
    try (dev.retort.engine.Engine engine = dev.retort.engine.Engine.create(url)) {
      var spec = engine.url().spec();
      java.util.Properties login = new java.util.Properties();
      if (spec.user() != null) {
        login.setProperty("user", spec.user());
      }
      if (spec.password() != null) {
        login.setProperty("password", spec.password());
      }
      DriverManager.getConnection(engine.dialect().jdbcUrl(spec), login).close();
    } catch (Exception e) {
      if (System.getenv("CI") != null) {
        throw new AssertionError(backend.title() + " is unreachable at " + url, e);
      }
      assumeTrue(false, backend.title() + " is unreachable: " + e.getMessage());
    }
  }
}
