package dev.retort.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.retort.dialect.ConnectSpec;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.ErrorClassification;
import dev.retort.dialect.IsolationLevel;
import dev.retort.engine.internal.CallSite;
import dev.retort.engine.internal.CompileCache;
import dev.retort.engine.internal.Dialects;
import dev.retort.engine.internal.Timers;
import dev.retort.error.DatabaseException;
import dev.retort.error.ErrorKind;
import dev.retort.error.InvalidRequestException;
import dev.retort.sql.Executable;
import dev.retort.sql.compile.Compiled;
import dev.retort.sql.compile.SchemaTokens;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The starting point: a database URL, its dialect and a pool of connections (HikariCP). Create one
 * per database and application, share it between threads, and close it at shutdown, which closes
 * every connection. Creating an engine does not connect; the first {@link #connect()} does.
 */
public final class Engine implements AutoCloseable {
  private static final Logger ECHO = LoggerFactory.getLogger("dev.retort.sql");
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final EngineUrl url;
  private final EngineOptions options;
  private final Dialect dialect;
  private final HikariDataSource pool;
  private final CompileCache compileCache;
  private final ReentrantLock initLock = new ReentrantLock();
  private final Checkouts checkouts;
  private final ScheduledFuture<?> idleWatch;
  private volatile boolean initialized;
  private final List<java.util.function.Consumer<String>> statementListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private Engine(EngineUrl url, EngineOptions options) {
    this.url = url;
    this.options = options;
    this.dialect = Dialects.forScheme(url.scheme());
    this.compileCache = new CompileCache(dialect, 1000);
    HikariConfig config = poolConfig();
    this.pool = new HikariDataSource(config);
    this.checkouts = new Checkouts(config.getMaximumPoolSize());
    Duration threshold = options.idleTransactionWarning();
    Checkouts watched = checkouts; // the timer must not keep the engine reachable
    this.idleWatch =
        threshold.isZero()
            ? null
            : Timers.every(
                threshold.dividedBy(4).compareTo(Duration.ofMillis(10)) < 0
                    ? Duration.ofMillis(10)
                    : threshold.dividedBy(4),
                () -> watched.warnIdle(threshold, url));
  }

  /** Creates an engine for a database URL with default options. */
  public static Engine create(String url) {
    return create(url, EngineOptions.defaults());
  }

  /**
   * Creates an engine for a database URL; options in the URL's query override {@code options}.
   *
   * @throws dev.retort.error.ArgumentException naming the URL (password masked) when it is
   *     malformed, has an unknown scheme or a bad option
   */
  public static Engine create(String url, EngineOptions options) {
    EngineUrl parsed = EngineUrl.parse(url);
    return new Engine(parsed, options.overriddenBy(parsed));
  }

  private HikariConfig poolConfig() {
    ConnectSpec spec = url.spec();
    HikariConfig config = new HikariConfig();
    config.setPoolName("retort-" + dialect.name() + "-" + POOL_NUMBER.incrementAndGet());
    config.setDriverClassName(dialect.driverClassName());
    config.setJdbcUrl(dialect.jdbcUrl(spec));
    config.setDataSourceProperties(dialect.driverProperties(spec));
    if (spec.user() != null) {
      config.setUsername(spec.user());
    }
    if (spec.password() != null) {
      config.setPassword(spec.password());
    }
    IsolationLevel isolation = options.isolationLevel();
    config.setAutoCommit(isolation == IsolationLevel.AUTOCOMMIT);
    if (isolation != null && isolation != IsolationLevel.AUTOCOMMIT) {
      if (!dialect.supportsIsolationLevel(isolation)) {
        throw new dev.retort.error.ArgumentException(
            "The " + dialect.name() + " dialect does not support isolation level " + isolation);
      }
      config.setTransactionIsolation("TRANSACTION_" + isolation.name());
    }
    config.setConnectionTimeout(Math.max(250, options.acquireTimeout().toMillis()));
    config.setValidationTimeout(Math.max(250, options.validationTimeout().toMillis()));
    config.setKeepaliveTime(options.keepaliveTime().toMillis());
    // Connect on first use, not at creation, as SQLAlchemy's create_engine does.
    config.setInitializationFailTimeout(-1);
    if (dialect.sharesSingleConnection(spec)) {
      // The database lives inside its one connection: keep exactly one, forever.
      config.setMaximumPoolSize(1);
      config.setMinimumIdle(1);
      config.setMaxLifetime(0);
      config.setIdleTimeout(0);
    } else {
      config.setMaximumPoolSize(options.poolSize());
      config.setMinimumIdle(0);
      config.setMaxLifetime(options.maxLifetime().toMillis());
    }
    return config;
  }

  /**
   * Checks out a connection from the pool, waiting up to the acquire timeout. Close it (use
   * try-with-resources) to return it. A connection that is garbage-collected without being closed
   * is recovered, with a warning naming where it was checked out.
   *
   * @throws dev.retort.error.OperationalException naming the URL when the database cannot be
   *     reached, or when no connection frees up in time (the message then lists every holder: where
   *     it was checked out, for how long, and whether it is inside a transaction)
   */
  public Connection connect() {
    CallSite site = CallSite.current(options.traceCheckouts());
    java.sql.Connection jdbc = checkOut();
    try {
      if (!initialized) {
        initialize(jdbc);
      }
      Lease lease = new Lease(this, jdbc, site);
      Connection connection = new Connection(this, jdbc, jdbc.getAutoCommit(), lease);
      lease.watch(connection);
      checkouts.add(lease);
      return connection;
    } catch (SQLException | RuntimeException e) {
      try {
        jdbc.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof SQLException sql ? translate(sql, null) : (RuntimeException) e;
    }
  }

  /** Takes a connection from the pool, replacing dead ones first when pre-ping is on. */
  private java.sql.Connection checkOut() {
    for (int attempt = 0; ; attempt++) {
      java.sql.Connection jdbc;
      try {
        jdbc = pool.getConnection();
      } catch (SQLException e) {
        throw connectFailure(e);
      }
      if (!options.prePing() || attempt > options.poolSize() || isAlive(jdbc)) {
        return jdbc;
      }
      pool.evictConnection(jdbc);
      connectionLost(); // one dead connection usually means the others died with it
    }
  }

  private boolean isAlive(java.sql.Connection jdbc) {
    try {
      return jdbc.isValid((int) Math.max(1, options.validationTimeout().toSeconds()));
    } catch (SQLException e) {
      return false;
    }
  }

  private void initialize(java.sql.Connection jdbc) throws SQLException {
    initLock.lock();
    try {
      if (!initialized) {
        dialect.initialize(jdbc);
        initialized = true;
      }
    } finally {
      initLock.unlock();
    }
  }

  private RuntimeException connectFailure(SQLException e) {
    if (pool.isClosed()) {
      return new InvalidRequestException("The engine for " + url + " is closed");
    }
    Throwable cause = e.getCause();
    if (cause != null) {
      Throwable root = cause;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      SQLException sqlCause = cause instanceof SQLException s ? s : e;
      return DatabaseException.of(
          ErrorKind.OPERATIONAL,
          "Could not connect to " + url + ": " + root.getMessage(),
          sqlCause,
          null,
          false,
          true);
    }
    PoolStatus status = poolStatus();
    return DatabaseException.of(
        ErrorKind.OPERATIONAL,
        "The connection pool is exhausted: no connection to "
            + url
            + " became free within "
            + options.acquireTimeout().toMillis()
            + " ms; all "
            + status.active()
            + " of "
            + options.poolSize()
            + " pooled connections are checked out and "
            + status.waiting()
            + " callers are waiting. "
            + checkouts.describeHolders()
            + "Close connections when done (try-with-resources, AsyncConnection.close()), keep"
            + " transactions short, or raise pool_size / acquire_timeout"
            + (options.traceCheckouts() ? "" : "; trace_checkouts=true shows the full stacks"),
        e,
        null,
        false,
        false);
  }

  /**
   * Runs the work in a transaction on a fresh connection: commits when it returns, rolls back when
   * it throws, and always returns the connection to the pool.
   */
  public <T, X extends Exception> T inTransaction(ConnectionCallback<T, X> work) throws X {
    try (Connection connection = connect()) {
      return connection.inTransaction(work);
    }
  }

  /** Like {@link #inTransaction(ConnectionCallback)} for work that returns nothing. */
  public <X extends Exception> void useTransaction(ConnectionConsumer<X> work) throws X {
    try (Connection connection = connect()) {
      connection.useTransaction(work);
    }
  }

  /**
   * Runs the work in a transaction on a fresh connection, like {@link
   * #inTransaction(ConnectionCallback)}, and runs it again when it fails in a way the policy
   * retries (serialization failure, deadlock, lock wait timeout), waiting with exponential backoff
   * and jitter between attempts. Each attempt runs the whole work from the start on a fresh
   * connection, so the work must not keep state from a failed attempt. A failure that is not
   * retryable, a connection lost during COMMIT (whose outcome is unknown) or the last attempt's
   * failure is thrown; earlier failures are attached as suppressed exceptions.
   *
   * @throws X what the work throws, when it is not retried
   */
  public <T, X extends Exception> T inTransaction(RetryPolicy retry, ConnectionCallback<T, X> work)
      throws X {
    List<Exception> earlier = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      boolean[] committing = {false};
      try {
        T value = attemptTransaction(work, committing);
        return value;
      } catch (Exception failure) {
        if (!retry.shouldRetry(failure, attempt, committing[0])) {
          earlier.forEach(failure::addSuppressed);
          throw failure;
        }
        if (earlier.size() < 10) {
          earlier.add(failure);
        }
        try {
          Thread.sleep(retry.backoff(attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          failure.addSuppressed(interrupted);
          throw failure;
        }
      }
    }
  }

  /** Like {@link #inTransaction(RetryPolicy, ConnectionCallback)} for work that returns nothing. */
  public <X extends Exception> void useTransaction(RetryPolicy retry, ConnectionConsumer<X> work)
      throws X {
    inTransaction(
        retry,
        c -> {
          work.accept(c);
          return null;
        });
  }

  private <T, X extends Exception> T attemptTransaction(
      ConnectionCallback<T, X> work, boolean[] committing) throws X {
    try (Connection connection = connect();
        Transaction tx = connection.begin()) {
      T value = work.apply(connection);
      if (tx.isActive()) {
        committing[0] = true;
        tx.commit();
      }
      return value;
    }
  }

  /** The dialect of this engine's database. */
  public Dialect dialect() {
    return dialect;
  }

  /** The URL this engine connects to. */
  public EngineUrl url() {
    return url;
  }

  /** The options in force, URL options applied. */
  public EngineOptions options() {
    return options;
  }

  /**
   * A snapshot of the pool: open, checked-out and idle connections, waiting callers, and how many
   * connections were recovered from holders that never closed them.
   */
  public PoolStatus poolStatus() {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean == null) {
      return new PoolStatus(0, 0, 0, 0, checkouts.leaked());
    }
    return new PoolStatus(
        bean.getTotalConnections(),
        bean.getActiveConnections(),
        bean.getIdleConnections(),
        bean.getThreadsAwaitingConnection(),
        checkouts.leaked());
  }

  /**
   * The connections now checked out, oldest first: where each was checked out, for how long, and
   * whether it is inside a transaction. The same list the pool-exhaustion error shows.
   */
  public List<Checkout> checkouts() {
    return checkouts.snapshot();
  }

  /** How many statement compilations were served from the cache, and how many were not. */
  public CompileCacheStats compileCacheStats() {
    return new CompileCacheStats(compileCache.hits(), compileCache.misses());
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    return pool.isClosed();
  }

  /** Closes the pool and every connection in it. Idempotent. */
  @Override
  public void close() {
    if (idleWatch != null) {
      idleWatch.cancel(false);
    }
    pool.close();
  }

  @Override
  public String toString() {
    return "Engine(" + url + ")";
  }

  // ---- for Connection ----

  Compiled compile(Executable statement) {
    return compileCache.get(statement);
  }

  /**
   * Compiles a statement whose cache key the caller has, with a schema translation applied; one
   * cache entry serves every mapping.
   */
  Compiled compile(Executable statement, Object cacheKey, Map<String, String> schemas) {
    if (schemas.isEmpty()) {
      return compileCache.get(statement, cacheKey, false);
    }
    Compiled tokens = compileCache.get(statement, cacheKey, true);
    return tokens.withSql(SchemaTokens.translate(tokens.sql(), schemas, dialect));
  }

  /**
   * Calls {@code listener} with the SQL of every statement this engine's connections send (each
   * page of a multi-row insert counts once), on the thread that sends it; for tests and metrics.
   * Keep it fast: it runs inside every execute.
   */
  public void addStatementListener(java.util.function.Consumer<String> listener) {
    statementListeners.add(listener);
  }

  /** Removes a listener added with {@link #addStatementListener}. */
  public void removeStatementListener(java.util.function.Consumer<String> listener) {
    statementListeners.remove(listener);
  }

  void log(String sql, Object parameters) {
    for (java.util.function.Consumer<String> listener : statementListeners) {
      listener.accept(sql);
    }
    if (options.echo() && ECHO.isInfoEnabled()) {
      ECHO.info(
          "{}  {}",
          sql,
          parameters instanceof Object[] values ? Arrays.toString(values) : parameters);
    }
  }

  DatabaseException translate(SQLException e, String sql) {
    ErrorClassification c = dialect.classify(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return DatabaseException.of(
        c.kind(), "(" + dialect.name() + ") " + message, e, sql, c.retryable(), c.disconnect());
  }

  /**
   * The server connection behind one of ours is gone: the others in the pool probably died with it
   * (a restart, a failover), so retire them all; idle ones close now, busy ones when returned.
   */
  void connectionLost() {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean != null) {
      bean.softEvictConnections();
    }
  }

  /** Runs on the cleaner's thread: a Connection was garbage-collected without being closed. */
  void reclaim(Lease lease) {
    Checkout holder = lease.snapshot(System.nanoTime());
    checkouts.remove(lease);
    checkouts.countLeak();
    Checkouts.LOG.warn(
        "{} to {} was garbage-collected without being closed: {}. Its pooled connection was"
            + " rolled back and recovered. Close connections when done (try-with-resources, or"
            + " AsyncConnection.close()).{}",
        (holder.holder().startsWith("A") ? "An " : "A ") + holder.holder(),
        url,
        holder,
        lease.site().stackText("    "));
    java.sql.Connection jdbc = lease.jdbc();
    Timers.runVirtual(
        () -> {
          try {
            if (!jdbc.getAutoCommit()) {
              jdbc.rollback();
            }
            jdbc.close();
          } catch (SQLException | RuntimeException e) {
            try {
              pool.evictConnection(jdbc);
            } catch (RuntimeException ignored) {
              // The pool is closed: the connection went with it.
            }
          }
        });
  }

  void release(Lease lease, boolean broken) {
    checkouts.remove(lease);
    java.sql.Connection jdbc = lease.jdbc();
    try {
      if (broken) {
        pool.evictConnection(jdbc);
      } else {
        jdbc.close();
      }
    } catch (SQLException e) {
      // Returning to the pool failed: Hikari has already dropped the connection.
    }
  }
}
