package dev.retort.benchmarks.contender;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.BenchDatabase;
import java.util.EnumSet;
import java.util.Set;

/**
 * A contender as listed in the results: its name, which backends it supports, and how to open it;
 * or, for one not built yet, why it has no numbers.
 *
 * @param name the column or row heading in the results
 * @param group what kind of contender it is
 * @param backends the backends it runs on
 * @param opener opens it on a backend; null while it is pending
 * @param pending what the results show instead of numbers while it is pending, or null
 */
public record ContenderSpec(
    String name, Group group, Set<Backend> backends, Opener opener, String pending) {

  /** What kind of contender it is. */
  public enum Group {
    /** Hand-written JDBC: the reference every ratio is taken to. */
    BASELINE,
    /** Retort's expression language on Engine/Connection or AsyncEngine. */
    RETORT_CORE,
    /** Retort's ORM (sessions). */
    RETORT_ORM,
    /** Another library. */
    PEER
  }

  /** Opens a contender on a backend's database. */
  @FunctionalInterface
  public interface Opener {
    /** Builds the contender; may bootstrap a library, but must not run any workload. */
    Contender open(BenchDatabase db) throws Exception;
  }

  /** A contender that runs on every backend. */
  public static ContenderSpec of(String name, Group group, Opener opener) {
    return new ContenderSpec(name, group, EnumSet.allOf(Backend.class), opener, null);
  }

  /** A contender that runs on some backends. */
  public static ContenderSpec of(String name, Group group, Set<Backend> backends, Opener opener) {
    return new ContenderSpec(name, group, EnumSet.copyOf(backends), opener, null);
  }

  /** A contender that is not built yet: the results say so instead of showing numbers. */
  public static ContenderSpec pending(String name, Group group, String why) {
    return new ContenderSpec(name, group, EnumSet.allOf(Backend.class), null, why);
  }

  /** Whether it runs on the backend. */
  public boolean supports(Backend backend) {
    return backends.contains(backend);
  }

  /** Whether it has no implementation yet. */
  public boolean isPending() {
    return opener == null;
  }
}
