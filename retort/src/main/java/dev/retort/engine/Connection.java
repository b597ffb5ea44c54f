package dev.retort.engine;

import dev.retort.dialect.ColumnReader;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.IsolationLevel;
import dev.retort.engine.internal.ConnectionRows;
import dev.retort.engine.internal.InsertManyValues;
import dev.retort.engine.internal.JdbcSchemaReader;
import dev.retort.engine.internal.Parameters;
import dev.retort.engine.internal.RowReader;
import dev.retort.engine.internal.RowShape;
import dev.retort.engine.internal.RowSink;
import dev.retort.error.ArgumentException;
import dev.retort.error.DatabaseException;
import dev.retort.error.InvalidRequestException;
import dev.retort.error.MultipleResultsException;
import dev.retort.error.NoResultException;
import dev.retort.error.OperationalException;
import dev.retort.sql.Executable;
import dev.retort.sql.compile.Compiled;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Select;
import dev.retort.sql.expr.SelectStatement;
import dev.retort.sql.schema.SchemaReader;
import dev.retort.sql.schema.TableDescription;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pooled database connection. Statements run inside a transaction that begins on first use and
 * lasts until {@link #commit()} or {@link #rollback()} ("commit as you go"), or inside an explicit
 * {@link #begin()}; nested transactions are SAVEPOINTs. {@link #close()} rolls back whatever is
 * uncommitted and returns the connection to the pool, so it never goes back inside a transaction.
 *
 * <p>Not thread-safe: use a connection from one thread at a time (the async layer enforces it);
 * only {@link #cancel()} may be called from another thread.
 */
public final class Connection implements AutoCloseable, SchemaReader {
  /** Rows fetched per round trip by {@link #stream(Executable, Map)}. */
  public static final int DEFAULT_FETCH_SIZE = 1000;

  private final Engine engine;
  private final Dialect dialect;
  private final java.sql.Connection jdbc;
  private final List<Transaction> transactions = new ArrayList<>(2);
  private final Set<Cursor> cursors = new HashSet<>();
  private volatile Statement running;
  private boolean autocommit;
  private Map<String, String> schemaTranslation = Map.of();
  private boolean transactionUntouched;
  private boolean broken;
  private volatile boolean closed;
  // Safety state (timeouts, lost connection, checkout tracking): see ConnectionGuard.
  private final ConnectionGuard guard;

  Connection(Engine engine, java.sql.Connection jdbc, boolean autocommit, Lease lease) {
    this.engine = engine;
    this.dialect = engine.dialect();
    this.jdbc = jdbc;
    this.autocommit = autocommit;
    this.guard = new ConnectionGuard(this, lease, engine.options());
  }

  /** The engine this connection came from. */
  public Engine engine() {
    return engine;
  }

  // ---- statements ----

  /** Runs a statement without parameters; see {@link #execute(Executable, Map)}. */
  public Result execute(Executable statement) {
    return execute(statement, Map.of());
  }

  /**
   * Runs a statement with named parameter values and returns its result with all rows in memory.
   *
   * @throws ArgumentException when a parameter is missing or unknown (nothing is sent)
   * @throws DatabaseException when the database rejects the statement
   */
  public Result execute(Executable statement, Map<String, ?> parameters) {
    return run(statement, parameters, 0);
  }

  /**
   * Reads every row of a query straight into {@code type}; see {@link #fetch(Executable, Map,
   * Class)}.
   */
  public <R> List<R> fetch(Executable statement, Class<R> type) {
    return fetch(statement, Map.of(), type);
  }

  /**
   * Runs a query and reads every row straight into {@code type}: a Java record whose components are
   * named like the columns (as {@link Row#as}), or for any other type the first column (as {@link
   * Result#scalars(Class)}). No {@link Row} is built: each column is read with the driver's typed
   * getter where that is exact for its type (see {@link Dialect#typedGetter}), else read and
   * converted as a row would be, so values are the same as {@code execute(statement).as(type)},
   * only cheaper: the way to load many rows.
   *
   * @throws ArgumentException when a parameter is missing, the record has a component no column
   *     matches, or a value does not fit its component (NULL into a primitive, say)
   * @throws InvalidRequestException when the statement returns no rows
   */
  public <R> List<R> fetch(Executable statement, Map<String, ?> parameters, Class<R> type) {
    return run(
        statement,
        parameters,
        0,
        new Outcome<>() {
          @Override
          public List<R> rows(Executable s, Compiled compiled, PreparedStatement ps, ResultSet rs)
              throws SQLException {
            RowReader<R> reader = shapeOf(compiled, rs).reader(type, rs.getMetaData());
            List<R> out = new ArrayList<>();
            while (rs.next()) {
              out.add(reader.read(rs));
            }
            return out;
          }

          @Override
          public List<R> count(Result counted) {
            return type.isRecord() ? counted.as(type) : counted.scalars(type);
          }
        });
  }

  /**
   * Reads the only row of a query into {@code type}; see {@link #fetchOne(Executable, Map, Class)}.
   */
  public <R> R fetchOne(Executable statement, Class<R> type) {
    return fetchOne(statement, Map.of(), type);
  }

  /**
   * Runs a query and reads its only row straight into {@code type}, as {@link #fetch(Executable,
   * Map, Class)} does.
   *
   * @throws NoResultException when there is no row
   * @throws MultipleResultsException when there is more than one
   */
  public <R> R fetchOne(Executable statement, Map<String, ?> parameters, Class<R> type) {
    return run(
        statement,
        parameters,
        0,
        new Outcome<>() {
          @Override
          public R rows(Executable s, Compiled compiled, PreparedStatement ps, ResultSet rs)
              throws SQLException {
            if (!rs.next()) {
              throw new NoResultException("Expected exactly one row, but the result is empty");
            }
            R row = shapeOf(compiled, rs).reader(type, rs.getMetaData()).read(rs);
            if (rs.next()) {
              throw new MultipleResultsException(
                  "Expected exactly one row, but the result has more than one row; the first is "
                      + row);
            }
            return row;
          }

          @Override
          public R count(Result counted) {
            Row row = counted.one();
            return type.isRecord() ? row.as(type) : row.get(0, type);
          }
        });
  }

  /**
   * Runs a query and reads its rows lazily through a cursor; see {@link #stream(Executable, Map,
   * int)}.
   */
  public Result stream(Executable statement, Map<String, ?> parameters) {
    return run(statement, parameters, DEFAULT_FETCH_SIZE);
  }

  /**
   * Runs a query and returns a result that fetches {@code fetchSize} rows per round trip as they
   * are consumed, so memory stays bounded however large the result. The result must be read to the
   * end or closed; closing the connection closes it too. On PostgreSQL the cursor needs a
   * transaction, so it is unavailable on an autocommit connection.
   */
  public Result stream(Executable statement, Map<String, ?> parameters, int fetchSize) {
    if (fetchSize < 1) {
      throw new ArgumentException("fetch size must be at least 1, was " + fetchSize);
    }
    return run(statement, parameters, fetchSize);
  }

  /**
   * Runs one statement once per parameter map, sent to the database as one batch ("executemany").
   * Every map is checked before anything is sent. The row count is the sum over all maps.
   */
  public Result executeMany(Executable statement, List<? extends Map<String, ?>> parameterSets) {
    checkUsable();
    if (parameterSets.isEmpty()) {
      return new Result(List.of(), null, null, 0, List.of());
    }
    statement = withParameterColumns(statement, parameterSets.get(0));
    Executable.Bindings bindings = statement.bindings();
    Compiled compiled = engine.compile(statement, bindings.cacheKey(), schemaTranslation);
    List<Object[]> rows = new ArrayList<>(parameterSets.size());
    for (int i = 0; i < parameterSets.size(); i++) {
      rows.add(
          Parameters.resolve(
              compiled,
              bindings.values(),
              parameterSets.get(i),
              " (parameter set #" + i + " of executeMany)"));
    }
    if (statement instanceof Insert insert && InsertManyValues.applies(insert, dialect)) {
      return insertManyValues(insert, compiled, rows);
    }
    boolean wantKeys = !compiled.generatedKeyColumns().isEmpty();
    if (wantKeys && !dialect.supportsBatchGeneratedKeys()) {
      return executeEach(statement, compiled, rows);
    }
    beginImplicitly();
    engine.log(compiled.sql(), rows.size() + " parameter sets");
    try (PreparedStatement ps = prepare(compiled)) {
      for (Object[] values : rows) {
        bind(ps, compiled, values);
        ps.addBatch();
      }
      startRunning(ps);
      int[] counts = ps.executeBatch();
      long total = 0;
      boolean someUnknown = false;
      for (int count : counts) {
        if (count >= 0) {
          total += count;
        } else {
          someUnknown = true; // SUCCESS_NO_INFO
        }
      }
      if (someUnknown) {
        // MariaDB's bulk protocol reports SUCCESS_NO_INFO per row of an UPDATE/DELETE batch but
        // the batch's total as the update count; pgjdbc's rewritten INSERTs report neither (-1).
        long reported = ps.getLargeUpdateCount();
        total = reported >= 0 ? reported : -1;
      }
      return keyResult(compiled, total, wantKeys ? readKeys(ps, compiled) : List.of());
    } catch (SQLException e) {
      SQLException cause =
          e instanceof BatchUpdateException && e.getNextException() != null
              ? e.getNextException()
              : e;
      throw failure(cause, compiled.sql());
    } finally {
      stopRunning();
    }
  }

  /** Runs an executemany row by row, for drivers that report keys only for single statements. */
  private Result executeEach(Executable statement, Compiled compiled, List<Object[]> rows) {
    beginImplicitly();
    long total = 0;
    List<Row> keys = new ArrayList<>(rows.size());
    try (PreparedStatement ps = prepare(compiled)) {
      startRunning(ps);
      for (Object[] values : rows) {
        bind(ps, compiled, values);
        total += ps.executeUpdate();
        keys.addAll(readKeys(ps, compiled));
      }
    } catch (SQLException e) {
      throw failure(e, compiled.sql());
    } finally {
      stopRunning();
    }
    return keyResult(compiled, total, keys);
  }

  /** The result of an insert: its generated keys are its rows when they stand in for RETURNING. */
  private static Result keyResult(Compiled compiled, long count, List<Row> keys) {
    return compiled.keysAsRows()
        ? new Result(compiled.generatedKeyColumns(), keys, null, count, keys)
        : new Result(List.of(), null, null, count, keys);
  }

  private Result run(Executable statement, Map<String, ?> parameters, int fetchSize) {
    return run(
        statement,
        parameters,
        fetchSize,
        new Outcome<>() {
          @Override
          public Result rows(
              Executable statement, Compiled compiled, PreparedStatement ps, ResultSet rs)
              throws SQLException {
            RowShape shape =
                RowShape.of(compiled, rs.getMetaData(), dialect)
                    .withExpressions(RowShape.resultExpressions(statement, compiled));
            if (fetchSize > 0) {
              Cursor cursor = new Cursor(ps, rs, shape, compiled.sql());
              cursors.add(cursor);
              return new Result(shape.names(), null, cursor, -1, List.of());
            }
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
              rows.add(new Row(shape, shape.read(rs)));
            }
            return new Result(shape.names(), rows, null, -1, List.of());
          }

          @Override
          public Result count(Result counted) {
            return counted;
          }
        });
  }

  /** What a run makes of a statement's outcome: its rows, or its row count and keys. */
  private interface Outcome<T> {
    /** Reads the rows of the statement's cursor (which a streaming run leaves open). */
    T rows(Executable statement, Compiled compiled, PreparedStatement ps, ResultSet rs)
        throws SQLException;

    /** Takes the result of a statement that returned a row count (and maybe keys). */
    T count(Result counted);
  }

  /**
   * Compiles, binds and runs a statement, then hands its outcome over. With {@code fetchSize > 0}
   * the statement stays open when it returned rows: the outcome's cursor owns it.
   */
  private <T> T run(
      Executable statement, Map<String, ?> parameters, int fetchSize, Outcome<T> outcome) {
    checkUsable();
    statement = withParameterColumns(statement, parameters);
    Executable.Bindings bindings = statement.bindings();
    Compiled compiled = engine.compile(statement, bindings.cacheKey(), schemaTranslation);
    Object[] values = Parameters.resolve(compiled, bindings.values(), parameters, "");
    beginImplicitly(statement);
    engine.log(compiled.sql(), values);
    PreparedStatement ps = null;
    try {
      ps = prepare(compiled);
      bind(ps, compiled, values);
      if (fetchSize > 0) {
        ps.setFetchSize(fetchSize);
      }
      startRunning(ps);
      // executeQuery when the statement is known to be a query: sqlite-jdbc reads the column
      // names again for getResultSet() after execute().
      ResultSet queried = statement instanceof SelectStatement ? ps.executeQuery() : null;
      if (queried != null || ps.execute()) {
        T rows =
            outcome.rows(statement, compiled, ps, queried != null ? queried : ps.getResultSet());
        if (fetchSize > 0) {
          ps = null; // the cursor owns it now
        }
        return rows;
      }
      long count = ps.getUpdateCount();
      List<Row> keys =
          compiled.generatedKeyColumns().isEmpty() ? List.of() : readKeys(ps, compiled);
      return outcome.count(keyResult(compiled, count, keys));
    } catch (SQLException e) {
      throw failure(e, compiled.sql());
    } finally {
      stopRunning();
      if (ps != null) {
        closeQuietly(ps);
      }
    }
  }

  static {
    ConnectionRows.register(Connection::forEachRow);
  }

  /** Runs a query and hands each row's converted values to the sink; see {@link ConnectionRows}. */
  private void forEachRow(Executable statement, List<Class<?>> types, RowSink sink) {
    run(
        statement,
        Map.of(),
        0,
        new Outcome<Void>() {
          @Override
          public Void rows(Executable s, Compiled compiled, PreparedStatement ps, ResultSet rs)
              throws SQLException {
            ColumnReader[] readers = shapeOf(compiled, rs).valueReaders(types, rs.getMetaData());
            while (rs.next()) {
              Object[] values = new Object[readers.length];
              for (int i = 0; i < values.length; i++) {
                values[i] = readers[i].read(rs);
              }
              sink.accept(values);
            }
            return null;
          }

          @Override
          public Void count(Result counted) {
            for (Row row : counted) {
              Object[] values = new Object[row.size()];
              for (int i = 0; i < values.length; i++) {
                Class<?> type = i < types.size() ? types.get(i) : null;
                values[i] = type == null ? row.get(i) : row.get(i, type);
              }
              sink.accept(values);
            }
            return null;
          }
        });
  }

  private RowShape shapeOf(Compiled compiled, ResultSet rs) throws SQLException {
    return RowShape.of(compiled, rs.getMetaData(), dialect);
  }

  /**
   * Maps the schema names written in the metadata to the ones used from now on by this connection's
   * expression-language statements, e.g. {@code Map.of("", "tenant_42")} runs statements on tables
   * defined without a schema against schema {@code tenant_42}. The key {@code ""} (or null) stands
   * for "no schema"; a null or empty target removes the schema. The compiled form is cached once
   * for every mapping. Plain {@code text()} SQL is not rewritten.
   */
  public void setSchemaTranslation(Map<String, String> schemas) {
    Map<String, String> copy = new java.util.HashMap<>();
    schemas.forEach((from, to) -> copy.put(from == null ? "" : from, to == null ? "" : to));
    this.schemaTranslation = Collections.unmodifiableMap(copy);
  }

  /** The schema translation in force; empty when none. */
  public Map<String, String> schemaTranslation() {
    return schemaTranslation;
  }

  /**
   * An INSERT written without values takes them from the parameters, by column name: give it one
   * named parameter per column the (first) parameter map names.
   */
  private static Executable withParameterColumns(Executable statement, Map<String, ?> parameters) {
    if (statement instanceof Insert insert && insert.takesParameters()) {
      return insert.withParameters(parameters == null ? List.of() : parameters.keySet());
    }
    return statement;
  }

  /**
   * Runs an executemany INSERT as multi-row {@code INSERT ... VALUES (...), (...) RETURNING}, pages
   * sized by the dialect's parameter limit, so RETURNING rows (generated keys) come back for every
   * row in input order, and the row count is exact.
   */
  private Result insertManyValues(Insert insert, Compiled single, List<Object[]> rows) {
    beginImplicitly();
    InsertManyValues plan = new InsertManyValues(insert, single, dialect);
    List<Row> returned = new ArrayList<>();
    List<String> columns = List.of();
    long total = 0;
    for (int start = 0; start < rows.size(); start += plan.pageSize()) {
      List<Object[]> page = rows.subList(start, Math.min(rows.size(), start + plan.pageSize()));
      Insert pageStatement = plan.statementFor(page.size());
      Compiled compiled =
          engine.compile(pageStatement, pageStatement.cacheKey(), schemaTranslation);
      Object[] values = plan.values(compiled, page);
      engine.log(compiled.sql(), page.size() + " rows");
      try (PreparedStatement ps = prepare(compiled)) {
        bind(ps, compiled, values);
        startRunning(ps);
        if (ps.execute()) {
          try (ResultSet rs = ps.getResultSet()) {
            RowShape shape =
                RowShape.of(compiled, rs.getMetaData(), dialect)
                    .withExpressions(insert.returning());
            columns = shape.names();
            while (rs.next()) {
              returned.add(new Row(shape, shape.read(rs)));
              total++;
            }
          }
        } else {
          total += ps.getLargeUpdateCount();
        }
      } catch (SQLException e) {
        throw failure(e, compiled.sql());
      } finally {
        stopRunning();
      }
    }
    return insert.returning().isEmpty()
        ? new Result(List.of(), null, null, total, List.of())
        : new Result(columns, returned, null, total, List.of());
  }

  private PreparedStatement prepare(Compiled compiled) throws SQLException {
    List<String> keys = compiled.generatedKeyColumns();
    return keys.isEmpty()
        ? jdbc.prepareStatement(compiled.sql())
        : jdbc.prepareStatement(compiled.sql(), keys.toArray(String[]::new));
  }

  private void bind(PreparedStatement ps, Compiled compiled, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      dialect.bind(ps, i + 1, values[i], compiled.parameterType(i));
    }
  }

  private List<Row> readKeys(PreparedStatement ps, Compiled compiled) throws SQLException {
    try (ResultSet rs = ps.getGeneratedKeys()) {
      // Drivers label keys differently (insert_id, last_insert_rowid()); use the asked-for names.
      RowShape shape = RowShape.of(rs.getMetaData(), dialect, compiled.generatedKeyColumns());
      List<Row> keys = new ArrayList<>();
      while (rs.next()) {
        keys.add(new Row(shape, shape.read(rs)));
      }
      return keys;
    }
  }

  /**
   * Cancels the statement now running on this connection, if any. The only method that may be
   * called from another thread; the cancelled call fails with an {@link
   * dev.retort.error.OperationalException}.
   */
  public void cancel() {
    guard.cancelRunning();
  }

  /**
   * Sets how long each statement on this connection may run, until the connection is closed
   * (overriding the engine's {@code statement_timeout}). A statement still running at its timeout
   * is cancelled on the server, its transaction is rolled back, and the call throws {@link
   * dev.retort.error.StatementTimeoutException}. The timeout covers running the statement and
   * reading a buffered result, not the reading of a streamed one. Zero means no limit.
   */
  public void setStatementTimeout(java.time.Duration timeout) {
    checkOpen();
    guard.setStatementTimeout(timeout);
  }

  /** The statement timeout in force on this connection; zero when there is none. */
  public java.time.Duration statementTimeout() {
    return guard.statementTimeout();
  }

  /**
   * Sets how long transactions that begin on this connection from now on may last, until it is
   * closed (overriding the engine's {@code transaction_timeout}). At the deadline the statement
   * running is cancelled, or the connection is closed when none runs (so the server ends the
   * transaction and frees its locks at once), and the next call throws {@link
   * dev.retort.error.TransactionTimeoutException}. Zero means no limit.
   */
  public void setTransactionTimeout(java.time.Duration timeout) {
    checkOpen();
    guard.setTransactionTimeout(timeout);
  }

  /** The transaction timeout in force on this connection; zero when there is none. */
  public java.time.Duration transactionTimeout() {
    return guard.transactionTimeout();
  }

  // ---- transactions ----

  /**
   * Begins the root transaction explicitly. Use it in try-with-resources and call {@code commit()};
   * leaving the block without it rolls back.
   *
   * @throws InvalidRequestException when a transaction is already going on this connection
   */
  public Transaction begin() {
    return begin(null);
  }

  /**
   * Begins the root transaction at an isolation level, restored when the transaction ends.
   *
   * @throws InvalidRequestException when a transaction is already going on this connection
   * @throws ArgumentException when the database does not support the level
   */
  public Transaction begin(IsolationLevel isolation) {
    checkUsable();
    if (!transactions.isEmpty()) {
      Transaction current = transactions.get(0);
      throw new InvalidRequestException(
          "A transaction is already going on this connection ("
              + (current.implicit()
                  ? "begun implicitly by an earlier execute()"
                  : "begun by begin()")
              + "); commit() or rollback() it first, or use beginNested() for a SAVEPOINT");
    }
    if (isolation == IsolationLevel.AUTOCOMMIT) {
      throw new ArgumentException(
          "AUTOCOMMIT is not a transaction isolation level; use setIsolationLevel(AUTOCOMMIT)");
    }
    try {
      int restore = -1;
      if (isolation != null) {
        requireSupported(isolation);
        restore = jdbc.getTransactionIsolation();
        jdbc.setTransactionIsolation(isolation.jdbcLevel());
      }
      if (autocommit) {
        jdbc.setAutoCommit(false);
      }
      Transaction tx = new Transaction(this, null, false, restore);
      transactions.add(tx);
      guard.transactionBegan(tx);
      transactionUntouched = true;
      return tx;
    } catch (SQLException e) {
      throw failure(e, null);
    }
  }

  /**
   * Begins a nested transaction as a SAVEPOINT, beginning the root transaction first if none is
   * going. Rolling it back undoes only what ran since it began.
   */
  public Transaction beginNested() {
    checkUsable();
    if (!dialect.supportsSavepoints()) {
      throw new ArgumentException("The " + dialect.name() + " dialect has no SAVEPOINTs");
    }
    if (transactions.isEmpty()) {
      begin();
    }
    try {
      Transaction tx = new Transaction(this, jdbc.setSavepoint(), false, -1);
      transactions.add(tx);
      return tx;
    } catch (SQLException e) {
      throw failure(e, "SAVEPOINT");
    }
  }

  /** Commits the root transaction, if one is going ("commit as you go"). */
  public void commit() {
    checkOpen();
    if (!transactions.isEmpty()) {
      end(transactions.get(0), true);
    }
  }

  /** Rolls back the root transaction, if one is going. */
  public void rollback() {
    checkOpen();
    if (!transactions.isEmpty()) {
      end(transactions.get(0), false);
    }
  }

  /** Whether a transaction (implicit or explicit) is going on this connection. */
  public boolean inTransaction() {
    return !transactions.isEmpty();
  }

  /**
   * Runs the work in a new transaction: commits when it returns, rolls back when it throws (and
   * rethrows). If a transaction is already going, runs it in a nested one (a SAVEPOINT).
   */
  public <T, X extends Exception> T inTransaction(ConnectionCallback<T, X> work) throws X {
    Transaction tx = transactions.isEmpty() ? begin() : beginNested();
    T value;
    try {
      value = work.apply(this);
    } catch (Throwable failure) {
      if (tx.isActive()) {
        try {
          tx.rollback();
        } catch (RuntimeException rollbackFailure) {
          failure.addSuppressed(rollbackFailure);
        }
      }
      throw failure;
    }
    if (tx.isActive()) {
      tx.commit();
    }
    return value;
  }

  /** Like {@link #inTransaction(ConnectionCallback)} for work that returns nothing. */
  public <X extends Exception> void useTransaction(ConnectionConsumer<X> work) throws X {
    inTransaction(
        c -> {
          work.accept(c);
          return null;
        });
  }

  /**
   * Sets the isolation level of this connection until it is closed; {@code AUTOCOMMIT} makes every
   * statement commit on its own.
   *
   * @throws InvalidRequestException inside a transaction
   */
  public void setIsolationLevel(IsolationLevel level) {
    checkUsable();
    if (!transactions.isEmpty()) {
      throw new InvalidRequestException(
          "Cannot change the isolation level inside a transaction; commit() or rollback() first");
    }
    requireSupported(level);
    try {
      if (level == IsolationLevel.AUTOCOMMIT) {
        jdbc.setAutoCommit(true);
        autocommit = true;
      } else {
        jdbc.setAutoCommit(false);
        autocommit = false;
        jdbc.setTransactionIsolation(level.jdbcLevel());
      }
    } catch (SQLException e) {
      throw failure(e, null);
    }
  }

  /** The connection's current isolation level ({@code AUTOCOMMIT} when in autocommit mode). */
  public IsolationLevel isolationLevel() {
    checkOpen();
    if (autocommit) {
      return IsolationLevel.AUTOCOMMIT;
    }
    try {
      int level = jdbc.getTransactionIsolation();
      for (IsolationLevel candidate : IsolationLevel.values()) {
        if (candidate.jdbcLevel() == level) {
          return candidate;
        }
      }
      return IsolationLevel.SERIALIZABLE;
    } catch (SQLException e) {
      throw failure(e, null);
    }
  }

  void end(Transaction tx, boolean commit) {
    if (!tx.isActive()) {
      throw new InvalidRequestException(
          "Cannot "
              + (commit ? "commit" : "roll back")
              + " a "
              + tx
              + ": it was already committed or rolled back, or its enclosing transaction ended");
    }
    checkOpen();
    awaitCancels();
    guard.lockEnd();
    try {
      endLocked(tx, commit);
    } finally {
      guard.unlockEnd();
    }
  }

  private void endLocked(Transaction tx, boolean commit) {
    Transaction root = transactions.get(0);
    if (guard.isExpired(root)) {
      endTransactionQuietly();
      if (commit || tx.isNested()) {
        throw guard.transactionTimedOut(null, commit ? "COMMIT" : null);
      }
      return; // a rollback was asked for, and the transaction is rolled back
    }
    if (broken) {
      if (commit) {
        throw guard.lostError();
      }
      endTransactionQuietly(); // the server ended it when the connection dropped
      return;
    }
    int depth = transactions.indexOf(tx);
    for (int i = transactions.size() - 1; i >= depth; i--) {
      transactions.remove(i).deactivate();
    }
    try {
      if (tx.isNested()) {
        if (!commit) {
          jdbc.rollback(tx.savepoint());
        }
        jdbc.releaseSavepoint(tx.savepoint());
        return;
      }
      guard.transactionEnded();
      closeCursors();
      try {
        if (commit) {
          jdbc.commit();
        } else {
          jdbc.rollback();
        }
      } finally {
        if (tx.isolationToRestore() >= 0) {
          jdbc.setTransactionIsolation(tx.isolationToRestore());
        }
        if (autocommit) {
          jdbc.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      DatabaseException error =
          failure(
              e, tx.isNested() ? "RELEASE/ROLLBACK TO SAVEPOINT" : commit ? "COMMIT" : "ROLLBACK");
      if (commit && !tx.isNested() && error.isDisconnect()) {
        throw new OperationalException(
            "("
                + dialect.name()
                + ") The connection was lost during COMMIT, so whether the transaction was"
                + " committed is unknown; check the data before running it again: "
                + e.getMessage(),
            e,
            "COMMIT",
            false,
            true);
      }
      throw error;
    }
  }

  /**
   * Ends the whole transaction after a timeout or a lost connection, whatever happens: a rollback
   * that fails marks the connection broken, so it is discarded rather than pooled.
   */
  void endTransactionQuietly() {
    if (transactions.isEmpty()) {
      return;
    }
    Transaction root = transactions.get(0);
    for (Transaction tx : transactions) {
      tx.deactivate();
    }
    transactions.clear();
    guard.transactionEnded();
    closeCursors();
    if (broken) {
      return;
    }
    try {
      jdbc.rollback();
      if (root.isolationToRestore() >= 0) {
        jdbc.setTransactionIsolation(root.isolationToRestore());
      }
      if (autocommit) {
        jdbc.setAutoCommit(true);
      }
    } catch (SQLException | RuntimeException e) {
      broken = true;
    }
  }

  private void beginImplicitly() {
    beginImplicitly(null);
  }

  /**
   * Begins the implicit transaction if none is going. When the statement is the transaction's first
   * and locks rows ({@code SELECT ... FOR UPDATE}), the dialect may start the transaction as a
   * writer (SQLite: {@code BEGIN IMMEDIATE}), so that it waits for other writers up front instead
   * of failing with a busy error when it writes later.
   */
  private void beginImplicitly(Executable statement) {
    if (transactions.isEmpty() && !autocommit) {
      Transaction tx = new Transaction(this, null, true, -1);
      transactions.add(tx);
      guard.transactionBegan(tx);
      transactionUntouched = true;
    }
    if (transactionUntouched) {
      transactionUntouched = false;
      if (statement instanceof Select select && select.lock() != null) {
        try {
          dialect.beginLockingTransaction(jdbc);
        } catch (SQLException e) {
          throw failure(e, "BEGIN (for " + select.lock().sql() + ")");
        }
      }
    }
  }

  private void requireSupported(IsolationLevel level) {
    if (!dialect.supportsIsolationLevel(level)) {
      throw new ArgumentException(
          "The " + dialect.name() + " dialect does not support isolation level " + level);
    }
  }

  // ---- reflection ----

  /**
   * Describes tables from the database's catalog, inside this connection's transaction (begun if
   * none is); pass the connection to {@link dev.retort.sql.schema.MetaData#reflect} to get {@code
   * Table}s.
   */
  @Override
  public List<TableDescription> describeTables(String schema, Set<String> tableNames) {
    checkOpen();
    beginImplicitly();
    return new JdbcSchemaReader(jdbc, dialect, this::failure).describeTables(schema, tableNames);
  }

  // ---- lifecycle ----

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * The underlying JDBC connection, for what Retort does not cover. Do not close it or change its
   * transaction state behind Retort's back.
   */
  public java.sql.Connection jdbcConnection() {
    checkOpen();
    return jdbc;
  }

  /**
   * Rolls back anything uncommitted, closes open cursors and returns the connection to the pool (or
   * discards it when its state is unknown). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    guard.lockEnd(); // no transaction deadline may abort the connection once it is back in the pool
    try {
      closed = true;
    } finally {
      guard.unlockEnd();
    }
    try {
      awaitCancels(); // never pool a connection a cancel may still reach
      closeCursors();
      if (!transactions.isEmpty()) {
        for (Transaction tx : transactions) {
          tx.deactivate();
        }
        transactions.clear();
        guard.transactionEnded();
        if (!broken) {
          jdbc.rollback();
        }
      }
    } catch (SQLException | RuntimeException e) {
      broken = true; // a connection we could not roll back must not be reused
    } finally {
      guard.released();
      engine.release(guard.lease(), broken);
    }
  }

  private void closeCursors() {
    for (Cursor cursor : List.copyOf(cursors)) {
      cursor.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new InvalidRequestException(
          "This connection is closed; get a new one from engine.connect()");
    }
  }

  /** Checks the connection can run a statement: open, not lost, transaction not timed out. */
  private void checkUsable() {
    checkOpen();
    awaitCancels();
    if (broken) {
      throw guard.lostError();
    }
    guard.checkDeadline();
  }

  /** Lets a cancel from another thread finish first, so it cannot reach the next statement. */
  private void awaitCancels() {
    if (!guard.awaitCancels()) {
      broken = true;
    }
  }

  private void startRunning(Statement statement) {
    running = statement;
    guard.statementStarted(statement);
  }

  private void stopRunning() {
    if (running != null) {
      running = null;
      guard.statementEnded();
    }
  }

  Statement runningStatement() {
    return running;
  }

  java.sql.Connection jdbc() {
    return jdbc;
  }

  private DatabaseException failure(SQLException e, String sql) {
    DatabaseException error = engine.translate(e, sql);
    if (error.isDisconnect()) {
      broken = true;
      guard.lost(error);
      engine.connectionLost();
    }
    return guard.explain(error, e, sql, running);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception ignored) {
      // Closing a statement after a failure: the failure is what the caller needs to see.
    }
  }

  /** An open server-side cursor behind a streamed {@link Result}. */
  private final class Cursor implements Result.Cursor {
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowShape shape;
    private final String sql;
    private boolean open = true;

    Cursor(PreparedStatement statement, ResultSet rows, RowShape shape, String sql) {
      this.statement = statement;
      this.rows = rows;
      this.shape = shape;
      this.sql = sql;
    }

    @Override
    public Row next() {
      if (!open) {
        return null;
      }
      try {
        running = statement;
        if (rows.next()) {
          return new Row(shape, shape.read(rows));
        }
        close();
        return null;
      } catch (SQLException e) {
        close();
        throw failure(e, sql);
      } finally {
        running = null;
      }
    }

    @Override
    public void close() {
      if (open) {
        open = false;
        cursors.remove(this);
        closeQuietly(rows);
        closeQuietly(statement);
      }
    }
  }
}
