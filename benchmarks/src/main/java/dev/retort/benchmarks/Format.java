package dev.retort.benchmarks;

import java.util.Locale;

/** Number formats shared by the table, the CSV and the chart. */
public final class Format {
  private Format() {}

  /** A throughput with a k or M suffix and three significant digits: 950, 12.3k, 1.05M. */
  public static String perSecond(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.3gM", value / 1e6);
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.3gk", value / 1e3);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }

  /** A time ratio with two decimals and a multiplication sign: 1.07×. */
  public static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f×", value);
  }
}
