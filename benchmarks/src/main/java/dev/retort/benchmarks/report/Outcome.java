package dev.retort.benchmarks.report;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.Workload;
import dev.retort.benchmarks.contender.ContenderSpec.Group;
import java.util.ArrayList;
import java.util.List;

/**
 * What one contender did on one workload and backend.
 *
 * @param backend the database
 * @param workload the workload
 * @param contender the contender's name
 * @param group what kind of contender it is
 * @param status whether there are numbers, and if not why
 * @param perSecond throughput of each measured round, in the workload's unit per second
 * @param timeRatio median time relative to raw JDBC's on the same workload (1.0 = as fast, 1.25 =
 *     25% slower), or NaN when there is no JDBC median to compare with
 * @param retries transactions that were run again (workload 6) over all measured rounds
 * @param note what went wrong, or what is pending
 */
public record Outcome(
    Backend backend,
    Workload workload,
    String contender,
    Group group,
    Status status,
    List<Double> perSecond,
    double timeRatio,
    long retries,
    String note) {

  /** Why a cell has numbers or not. */
  public enum Status {
    /** Measured: {@link #median()} and {@link #timeRatio()} are set. */
    MEASURED,
    /** The contender is not built yet. */
    PENDING,
    /** The contender does not run on this backend. */
    NOT_SUPPORTED,
    /** The workload is not one this contender takes part in. */
    NOT_APPLICABLE,
    /** A run failed or returned a wrong result; {@link #note()} says what happened. */
    FAILED
  }

  /** Copies the list. */
  public Outcome {
    perSecond = List.copyOf(perSecond);
  }

  /** An outcome without numbers. */
  public static Outcome without(
      Backend backend,
      Workload workload,
      String contender,
      Group group,
      Status status,
      String note) {
    return new Outcome(backend, workload, contender, group, status, List.of(), Double.NaN, 0, note);
  }

  /** The median throughput of the measured rounds, or NaN when none. */
  public double median() {
    return median(perSecond);
  }

  /** The same outcome with its ratio to JDBC set. */
  public Outcome withTimeRatio(double ratio) {
    return new Outcome(
        backend, workload, contender, group, status, perSecond, ratio, retries, note);
  }

  /** The median of some numbers (the mean of the middle two for an even count), NaN if none. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
