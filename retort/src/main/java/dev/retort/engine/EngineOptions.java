package dev.retort.engine;

import dev.retort.dialect.IsolationLevel;
import dev.retort.error.ArgumentException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an engine pools and runs connections. Immutable; each {@code with}-method returns a copy. The
 * same settings may be given as URL query options ({@code ?pool_size=20&echo=true}), which override
 * those given in code.
 *
 * @param poolSize most connections open at once (URL: {@code pool_size})
 * @param acquireTimeout how long {@code connect()} waits for a free connection before failing (URL:
 *     {@code acquire_timeout}, e.g. {@code 5s}, {@code 500ms})
 * @param maxLifetime a connection is retired after this age; zero keeps it forever (URL: {@code
 *     max_lifetime})
 * @param validationTimeout how long the liveness check of a pooled connection may take; a
 *     connection idle for more than 500 ms is checked before it is lent out (URL: {@code
 *     validation_timeout})
 * @param keepaliveTime how often an idle connection is pinged to keep it alive; zero turns it off
 *     (URL: {@code keepalive_time})
 * @param isolationLevel the default isolation of every connection, or null for the database's (URL:
 *     {@code isolation_level})
 * @param echo whether every statement and its parameters are logged at INFO through SLF4J (URL:
 *     {@code echo})
 * @param statementTimeout how long one statement may run before it is cancelled on the server and
 *     its transaction rolled back; zero means no limit (URL: {@code statement_timeout})
 * @param transactionTimeout how long a transaction may last from its first statement (or {@code
 *     begin()}) to its end: a statement running at the deadline is cancelled, an idle connection is
 *     closed, and the transaction is rolled back; zero means no limit (URL: {@code
 *     transaction_timeout})
 * @param idleTransactionWarning log a warning, naming where the connection was checked out, when a
 *     transaction has waited this long for its next statement; zero turns it off (URL: {@code
 *     idle_transaction_warning})
 * @param traceCheckouts whether every checkout records the caller's full stack, shown in the
 *     pool-exhaustion error and in leak warnings; otherwise only the calling frame (URL: {@code
 *     trace_checkouts})
 * @param prePing whether a pooled connection is checked with a round trip before every checkout, so
 *     a connection the server dropped is replaced instead of failing the first statement; costs a
 *     round trip per checkout (URL: {@code pre_ping})
 */
public record EngineOptions(
    int poolSize,
    Duration acquireTimeout,
    Duration maxLifetime,
    Duration validationTimeout,
    Duration keepaliveTime,
    IsolationLevel isolationLevel,
    boolean echo,
    Duration statementTimeout,
    Duration transactionTimeout,
    Duration idleTransactionWarning,
    boolean traceCheckouts,
    boolean prePing) {

  /** The URL query options Retort reads itself rather than passing to the driver. */
  public static final List<String> URL_OPTIONS =
      List.of(
          "pool_size",
          "acquire_timeout",
          "max_lifetime",
          "validation_timeout",
          "keepalive_time",
          "isolation_level",
          "echo",
          "statement_timeout",
          "transaction_timeout",
          "idle_transaction_warning",
          "trace_checkouts",
          "pre_ping");

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  /** Checks the values. */
  public EngineOptions {
    if (poolSize < 1) {
      throw new ArgumentException("pool size must be at least 1, was " + poolSize);
    }
    requirePositive("acquire timeout", acquireTimeout);
    requireNonNegative("max lifetime", maxLifetime);
    requirePositive("validation timeout", validationTimeout);
    requireNonNegative("keepalive time", keepaliveTime);
    requireNonNegative("statement timeout", statementTimeout);
    requireNonNegative("transaction timeout", transactionTimeout);
    requireNonNegative("idle transaction warning", idleTransactionWarning);
  }

  /**
   * Pool of 10, 30 s acquire timeout, 30 min lifetime, database's isolation, no echo, no statement
   * or transaction timeout, no idle warning, call-site (not full stack) checkout tracing, no
   * pre-ping.
   */
  public static EngineOptions defaults() {
    return new EngineOptions(
        10,
        Duration.ofSeconds(30),
        Duration.ofMinutes(30),
        Duration.ofSeconds(5),
        Duration.ZERO,
        null,
        false,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        false,
        false);
  }

  /** A copy with one setting changed: the with-methods below name only what they change. */
  private EngineOptions copy(java.util.function.Consumer<Settings> change) {
    Settings c = new Settings(this);
    change.accept(c);
    return c.build();
  }

  /** The settings as mutable fields, for {@link #copy}. */
  private static final class Settings {
    int poolSize;
    Duration acquireTimeout;
    Duration maxLifetime;
    Duration validationTimeout;
    Duration keepaliveTime;
    IsolationLevel isolationLevel;
    boolean echo;
    Duration statementTimeout;
    Duration transactionTimeout;
    Duration idleTransactionWarning;
    boolean traceCheckouts;
    boolean prePing;

    Settings(EngineOptions o) {
      poolSize = o.poolSize;
      acquireTimeout = o.acquireTimeout;
      maxLifetime = o.maxLifetime;
      validationTimeout = o.validationTimeout;
      keepaliveTime = o.keepaliveTime;
      isolationLevel = o.isolationLevel;
      echo = o.echo;
      statementTimeout = o.statementTimeout;
      transactionTimeout = o.transactionTimeout;
      idleTransactionWarning = o.idleTransactionWarning;
      traceCheckouts = o.traceCheckouts;
      prePing = o.prePing;
    }

    EngineOptions build() {
      return new EngineOptions(
          poolSize,
          acquireTimeout,
          maxLifetime,
          validationTimeout,
          keepaliveTime,
          isolationLevel,
          echo,
          statementTimeout,
          transactionTimeout,
          idleTransactionWarning,
          traceCheckouts,
          prePing);
    }
  }

  /** Returns a copy with this pool size. */
  public EngineOptions withPoolSize(int poolSize) {
    return copy(c -> c.poolSize = poolSize);
  }

  /** Returns a copy with this acquire timeout. */
  public EngineOptions withAcquireTimeout(Duration acquireTimeout) {
    return copy(c -> c.acquireTimeout = acquireTimeout);
  }

  /** Returns a copy with this maximum connection lifetime. */
  public EngineOptions withMaxLifetime(Duration maxLifetime) {
    return copy(c -> c.maxLifetime = maxLifetime);
  }

  /** Returns a copy with this validation timeout. */
  public EngineOptions withValidationTimeout(Duration validationTimeout) {
    return copy(c -> c.validationTimeout = validationTimeout);
  }

  /** Returns a copy with this keepalive interval. */
  public EngineOptions withKeepaliveTime(Duration keepaliveTime) {
    return copy(c -> c.keepaliveTime = keepaliveTime);
  }

  /** Returns a copy with this default isolation level ({@code AUTOCOMMIT} included). */
  public EngineOptions withIsolationLevel(IsolationLevel isolationLevel) {
    return copy(c -> c.isolationLevel = isolationLevel);
  }

  /** Returns a copy that logs statements (or not). */
  public EngineOptions withEcho(boolean echo) {
    return copy(c -> c.echo = echo);
  }

  /** Returns a copy with this per-statement timeout; zero means none. */
  public EngineOptions withStatementTimeout(Duration statementTimeout) {
    return copy(c -> c.statementTimeout = statementTimeout);
  }

  /** Returns a copy with this per-transaction timeout; zero means none. */
  public EngineOptions withTransactionTimeout(Duration transactionTimeout) {
    return copy(c -> c.transactionTimeout = transactionTimeout);
  }

  /** Returns a copy that warns about transactions idle this long; zero turns it off. */
  public EngineOptions withIdleTransactionWarning(Duration idleTransactionWarning) {
    return copy(c -> c.idleTransactionWarning = idleTransactionWarning);
  }

  /** Returns a copy that records (or not) the full stack of every checkout. */
  public EngineOptions withTraceCheckouts(boolean traceCheckouts) {
    return copy(c -> c.traceCheckouts = traceCheckouts);
  }

  /** Returns a copy that checks (or not) each pooled connection before lending it. */
  public EngineOptions withPrePing(boolean prePing) {
    return copy(c -> c.prePing = prePing);
  }

  /**
   * Returns a copy with the URL's engine options applied over these.
   *
   * @throws ArgumentException naming the option and the URL when a value is malformed
   */
  EngineOptions overriddenBy(EngineUrl url) {
    EngineOptions result = this;
    for (Map.Entry<String, String> option : url.engineOptions().entrySet()) {
      String value = option.getValue().trim();
      try {
        result =
            switch (option.getKey()) {
              case "pool_size" -> result.withPoolSize(Integer.parseInt(value));
              case "acquire_timeout" -> result.withAcquireTimeout(duration(value));
              case "max_lifetime" -> result.withMaxLifetime(duration(value));
              case "validation_timeout" -> result.withValidationTimeout(duration(value));
              case "keepalive_time" -> result.withKeepaliveTime(duration(value));
              case "isolation_level" -> result.withIsolationLevel(IsolationLevel.parse(value));
              case "echo" -> result.withEcho(bool(value));
              case "statement_timeout" -> result.withStatementTimeout(duration(value));
              case "transaction_timeout" -> result.withTransactionTimeout(duration(value));
              case "idle_transaction_warning" -> result.withIdleTransactionWarning(duration(value));
              case "trace_checkouts" -> result.withTraceCheckouts(bool(value));
              case "pre_ping" -> result.withPrePing(bool(value));
              default -> throw new IllegalStateException(option.getKey());
            };
      } catch (IllegalArgumentException | ArgumentException e) {
        // ArgumentException: the value parsed but is out of range (pool_size=0).
        throw new ArgumentException(
            "Bad value '"
                + value
                + "' for option "
                + option.getKey()
                + " in "
                + url
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return result;
  }

  private static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  private static void requirePositive(String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ArgumentException(what + " must be positive, was " + d);
    }
  }

  private static void requireNonNegative(String what, Duration d) {
    if (d == null || d.isNegative()) {
      throw new ArgumentException(what + " must not be negative, was " + d);
    }
  }
}
