package dev.retort.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.retort.dialect.ConnectSpec;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.ErrorClassification;
import dev.retort.dialect.IsolationLevel;
import dev.retort.engine.internal.CompileCache;
import dev.retort.engine.internal.Dialects;
import dev.retort.error.DatabaseException;
import dev.retort.error.ErrorKind;
import dev.retort.error.InvalidRequestException;
import dev.retort.sql.Executable;
import dev.retort.sql.compile.Compiled;
import dev.retort.sql.compile.SchemaTokens;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Map<Connection, Checkout> checkedOut = new ConcurrentHashMap<>();
  private volatile boolean initialized;
  private final List<java.util.function.Consumer<String>> statementListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private Engine(EngineUrl url, EngineOptions options) {
    this.url = url;
    this.options = options;
    this.dialect = Dialects.forScheme(url.scheme());
    this.compileCache = new CompileCache(dialect, 1000);
    this.pool = new HikariDataSource(poolConfig());
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
   * try-with-resources) to return it.
   *
   * @throws dev.retort.error.OperationalException naming the URL when the database cannot be
   *     reached or no connection frees up in time
   */
  public Connection connect() {
    java.sql.Connection jdbc;
    try {
      jdbc = pool.getConnection();
    } catch (SQLException e) {
      throw connectFailure(e);
    }
    try {
      if (!initialized) {
        initialize(jdbc);
      }
      Connection connection = new Connection(this, jdbc, jdbc.getAutoCommit());
      checkedOut.put(connection, Checkout.here());
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
            + describeHolders()
            + "Close connections when done (try-with-resources), or raise pool_size /"
            + " acquire_timeout",
        e,
        null,
        false,
        false);
  }

  /** Where the connections now checked out were taken, oldest first: the usual leak suspects. */
  private String describeHolders() {
    List<Checkout> holders = new ArrayList<>(checkedOut.values());
    if (holders.isEmpty()) {
      return "";
    }
    holders.sort(Comparator.comparingLong(Checkout::sinceNanos));
    long now = System.nanoTime();
    StringBuilder text = new StringBuilder("Checked out by: ");
    int shown = Math.min(holders.size(), 5);
    for (int i = 0; i < shown; i++) {
      Checkout holder = holders.get(i);
      text.append(i == 0 ? "" : "; ")
          .append(holder.site())
          .append(" on thread ")
          .append(holder.thread())
          .append(", ")
          .append((now - holder.sinceNanos()) / 1_000_000)
          .append(" ms ago");
    }
    if (holders.size() > shown) {
      text.append("; and ").append(holders.size() - shown).append(" more");
    }
    return text.append(". ").toString();
  }

  /**
   * Where and when a connection was checked out, for the pool-exhaustion message.
   *
   * @param site the first caller frame outside Retort's own code
   * @param thread the thread that checked it out
   * @param sinceNanos {@link System#nanoTime()} at checkout
   */
  private record Checkout(String site, String thread, long sinceNanos) {
    private static final StackWalker WALKER =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource LIBRARY =
        Engine.class.getProtectionDomain().getCodeSource();

    static Checkout here() {
      Thread current = Thread.currentThread();
      String site =
          WALKER.walk(
              frames ->
                  frames
                      .filter(f -> !isLibraryFrame(f.getDeclaringClass()))
                      .findFirst()
                      .map(Checkout::describe)
                      .orElse("(unknown)"));
      String thread = current.getName().isEmpty() ? current.toString() : current.getName();
      return new Checkout(site, thread, System.nanoTime());
    }

    /** Whether the class is Retort's own code (any layer), not the caller's. */
    private static boolean isLibraryFrame(Class<?> type) {
      return type.getName().startsWith("dev.retort.")
          && java.util.Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY);
    }

    private static String describe(StackWalker.StackFrame frame) {
      String className = frame.getClassName();
      return className.substring(className.lastIndexOf('.') + 1)
          + "."
          + frame.getMethodName()
          + "("
          + frame.getFileName()
          + ":"
          + frame.getLineNumber()
          + ")";
    }
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

  /** A snapshot of the pool: open, checked-out, idle connections and waiting callers. */
  public PoolStatus poolStatus() {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean == null) {
      return new PoolStatus(0, 0, 0, 0);
    }
    return new PoolStatus(
        bean.getTotalConnections(),
        bean.getActiveConnections(),
        bean.getIdleConnections(),
        bean.getThreadsAwaitingConnection());
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

  /** Compiles with a schema translation applied; one cache entry serves every mapping. */
  Compiled compile(Executable statement, Map<String, String> schemas) {
    if (schemas.isEmpty()) {
      return compileCache.get(statement);
    }
    Compiled tokens = compileCache.get(statement, true);
    return new Compiled(
        SchemaTokens.translate(tokens.sql(), schemas, dialect),
        tokens.parameterNames(),
        tokens.generatedKeyColumns(),
        tokens.resultColumns(),
        tokens.keysAsRows());
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

  void release(Connection connection, java.sql.Connection jdbc, boolean broken) {
    checkedOut.remove(connection);
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
