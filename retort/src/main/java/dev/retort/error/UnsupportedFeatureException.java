package dev.retort.error;

/**
 * A statement uses a construct the database cannot run, such as FULL OUTER JOIN on MariaDB or
 * UPDATE ... RETURNING where there is no RETURNING. Raised when the statement is compiled, before
 * anything is sent.
 */
public class UnsupportedFeatureException extends InvalidRequestException {
  private final String construct;
  private final String dialect;

  /** Creates the error for a construct and the dialect that lacks it, with advice. */
  public UnsupportedFeatureException(String construct, String dialect, String advice) {
    super(
        construct
            + " is not supported by the "
            + dialect
            + " dialect"
            + (advice == null || advice.isEmpty() ? "" : "; " + advice));
    this.construct = construct;
    this.dialect = dialect;
  }

  /** The construct, e.g. {@code FULL OUTER JOIN}. */
  public String construct() {
    return construct;
  }

  /** The dialect's name. */
  public String dialect() {
    return dialect;
  }
}
