package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.contender.ContenderSpec.Group;
import java.util.EnumSet;
import java.util.List;

/**
 * Every contender, in the order the results list them. Raw JDBC comes first: it is the reference
 * for every ratio. Retort's ORM contenders implement the ORM workloads only (1, 3, 4, 5 and 6); a
 * contender not built yet can be listed with {@link ContenderSpec#pending}, and the results say so
 * instead of showing numbers.
 */
public final class Contenders {
  /** The name of the reference contender. */
  public static final String JDBC = "JDBC (HikariCP)";

  private Contenders() {}

  /**
   * The contenders whose names contain one of the comma-separated words of {@code filter} (ignoring
   * case), always with the reference first; all of them when the filter is blank. For profiling one
   * contender: {@code -Dbench.contenders="Core sync"}.
   */
  public static List<ContenderSpec> matching(String filter) {
    if (filter == null || filter.isBlank()) {
      return all();
    }
    List<String> words =
        java.util.Arrays.stream(filter.toLowerCase(java.util.Locale.ROOT).split(","))
            .map(String::trim)
            .filter(w -> !w.isEmpty())
            .toList();
    return all().stream()
        .filter(
            spec ->
                spec.name().equals(JDBC)
                    || words.stream()
                        .anyMatch(w -> spec.name().toLowerCase(java.util.Locale.ROOT).contains(w)))
        .toList();
  }

  /** All contenders, the reference first. */
  public static List<ContenderSpec> all() {
    return List.of(
        ContenderSpec.of(JDBC, Group.BASELINE, JdbcContender::new),
        ContenderSpec.of("Retort Core sync", Group.RETORT_CORE, RetortSyncContender::new),
        ContenderSpec.of("Retort Core async", Group.RETORT_CORE, RetortAsyncContender::new),
        ContenderSpec.of("Retort ORM sync", Group.RETORT_ORM, RetortOrmSyncContender::new),
        ContenderSpec.of("Retort ORM async", Group.RETORT_ORM, RetortOrmAsyncContender::new),
        ContenderSpec.of("Hibernate ORM 7", Group.PEER, HibernateOrmContender::new),
        ContenderSpec.of(
            "Hibernate Reactive",
            Group.PEER,
            EnumSet.of(Backend.POSTGRESQL, Backend.MARIADB),
            HibernateReactiveContender::new),
        ContenderSpec.of("jOOQ 3.20", Group.PEER, JooqContender::new));
  }
}
