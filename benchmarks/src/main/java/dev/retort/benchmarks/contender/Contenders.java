package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.contender.ContenderSpec.Group;
import java.util.EnumSet;
import java.util.List;

/**
 * Every contender, in the order the results list them. Raw JDBC comes first: it is the reference
 * for every ratio.
 *
 * <p>To add Retort's ORM, write a class per session flavour that implements {@link Contender} and
 * the interfaces of workloads 1, 3, 4, 5 and 6 ({@code PrimaryKeyGets}, {@code Hydration}, {@code
 * BulkInsert}, {@code UnitOfWork}, {@code ReadModifyWrite}), and replace its {@code pending} line
 * below with {@code ContenderSpec.of(name, Group.RETORT_ORM, YourContender::new)}.
 */
public final class Contenders {
  /** The name of the reference contender. */
  public static final String JDBC = "JDBC (HikariCP)";

  /** What the results show for Retort's ORM until it exists. */
  public static final String ORM_PENDING = "not yet: ORM pending";

  private Contenders() {}

  /** All contenders, the reference first. */
  public static List<ContenderSpec> all() {
    return List.of(
        ContenderSpec.of(JDBC, Group.BASELINE, JdbcContender::new),
        ContenderSpec.of("Retort Core sync", Group.RETORT_CORE, RetortSyncContender::new),
        ContenderSpec.of("Retort Core async", Group.RETORT_CORE, RetortAsyncContender::new),
        ContenderSpec.pending("Retort ORM sync", Group.RETORT_ORM, ORM_PENDING),
        ContenderSpec.pending("Retort ORM async", Group.RETORT_ORM, ORM_PENDING),
        ContenderSpec.of("Hibernate ORM 7", Group.PEER, HibernateOrmContender::new),
        ContenderSpec.of(
            "Hibernate Reactive",
            Group.PEER,
            EnumSet.of(Backend.POSTGRESQL, Backend.MARIADB),
            HibernateReactiveContender::new),
        ContenderSpec.of("jOOQ 3.20", Group.PEER, JooqContender::new));
  }
}
