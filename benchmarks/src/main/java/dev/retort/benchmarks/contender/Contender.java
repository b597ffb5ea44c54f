package dev.retort.benchmarks.contender;

/**
 * A way of talking to the database that the benchmarks measure. It takes part in a workload by
 * implementing that workload's interface from {@code dev.retort.benchmarks.workload}; it is opened
 * once per backend (see {@link ContenderSpec}) and closed at the end of that backend's run.
 */
public interface Contender extends AutoCloseable {
  /** Releases what the contender opened itself (not the shared pools). */
  @Override
  default void close() throws Exception {}
}
