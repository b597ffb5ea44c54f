package dev.retort.engine;

import dev.retort.error.InvalidRequestException;
import dev.retort.error.MultipleResultsException;
import dev.retort.error.NoResultException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The outcome of a statement: its rows, row count and generated keys. A result from {@code execute}
 * holds all rows in memory and may be read any number of times; one from {@code stream} reads rows
 * from a server-side cursor as they are consumed, can be read once, and must be closed (or read to
 * the end) to free the cursor.
 */
public final class Result implements Iterable<Row>, AutoCloseable {
  /** A source of rows read from an open cursor. */
  interface Cursor {
    /** The next row, or null at the end (the cursor is then closed). */
    Row next();

    /** Closes the cursor early. */
    void close();
  }

  private final List<String> columns;
  private final long rowCount;
  private final List<Row> generatedKeys;
  private final List<Row> rows;
  private final Cursor cursor;
  private boolean cursorUsed;

  Result(List<String> columns, List<Row> rows, Cursor cursor, long rowCount, List<Row> keys) {
    this.columns = columns;
    this.rows = rows;
    this.cursor = cursor;
    this.rowCount = rowCount;
    this.generatedKeys = keys;
  }

  /** Whether the statement produced rows (a query) rather than only a row count. */
  public boolean returnsRows() {
    return !columns.isEmpty();
  }

  /** The column names of the rows; empty when the statement returns no rows. */
  public List<String> columns() {
    return columns;
  }

  /**
   * The number of rows the statement inserted, updated or deleted (summed over an executemany); -1
   * for a query or when the driver could not tell.
   */
  public long rowCount() {
    return rowCount;
  }

  /**
   * The keys the database generated for inserted rows, when the statement asked for them with
   * {@code returningGeneratedKeys(...)}; in insertion order.
   */
  public List<Row> generatedKeys() {
    return generatedKeys;
  }

  /** All (remaining) rows. */
  public List<Row> all() {
    if (rows != null) {
      requireRows();
      return rows;
    }
    List<Row> out = new ArrayList<>();
    for (Row row : this) {
      out.add(row);
    }
    return out;
  }

  /** The first row, or empty when there is none; a streamed result is closed after it. */
  public Optional<Row> first() {
    Iterator<Row> it = iterator();
    Optional<Row> first = it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    close();
    return first;
  }

  /**
   * The only row.
   *
   * @throws NoResultException when there is no row
   * @throws MultipleResultsException when there is more than one
   */
  public Row one() {
    return single("exactly")
        .orElseThrow(
            () -> new NoResultException("Expected exactly one row, but the result is empty"));
  }

  /**
   * The only row, or empty when there is none.
   *
   * @throws MultipleResultsException when there is more than one
   */
  public Optional<Row> oneOrNone() {
    return single("at most");
  }

  private Optional<Row> single(String expected) {
    Iterator<Row> it = iterator();
    if (!it.hasNext()) {
      close();
      return Optional.empty();
    }
    Row row = it.next();
    boolean more = it.hasNext();
    close();
    if (more) {
      throw new MultipleResultsException(
          "Expected "
              + expected
              + " one row, but the result has more than one row; the first is "
              + row);
    }
    return Optional.of(row);
  }

  /** The first column of the first row, or null when there is no row. */
  public Object scalar() {
    return first().map(r -> r.get(0)).orElse(null);
  }

  /** The first column of the first row converted to {@code type}, or null when there is no row. */
  public <T> T scalar(Class<T> type) {
    return first().map(r -> r.get(0, type)).orElse(null);
  }

  /**
   * The first column of the only row, converted to {@code type}.
   *
   * @throws NoResultException when there is no row
   * @throws MultipleResultsException when there is more than one
   */
  public <T> T scalarOne(Class<T> type) {
    return one().get(0, type);
  }

  /** The first column of every row. */
  public List<Object> scalars() {
    List<Object> out = new ArrayList<>();
    for (Row row : this) {
      out.add(row.get(0));
    }
    return out;
  }

  /** The first column of every row, converted to {@code type}. */
  public <T> List<T> scalars(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Row row : this) {
      out.add(row.get(0, type));
    }
    return out;
  }

  /** Every row as an ordered map from column name to value. */
  public List<Map<String, Object>> mappings() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row row : this) {
      out.add(row.asMap());
    }
    return out;
  }

  /** Every row mapped into a Java record (see {@link Row#as}). */
  public <R> List<R> as(Class<R> recordType) {
    List<R> out = new ArrayList<>();
    for (Row row : this) {
      out.add(row.as(recordType));
    }
    return out;
  }

  /** The rows as a Java stream; closing the stream closes a cursor. */
  public Stream<Row> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  /**
   * Iterates over the rows; a streamed result can be iterated once.
   *
   * @throws InvalidRequestException when the statement returns no rows, or a streamed result is
   *     iterated a second time
   */
  @Override
  public Iterator<Row> iterator() {
    requireRows();
    if (rows != null) {
      return rows.iterator();
    }
    if (cursorUsed) {
      throw new InvalidRequestException(
          "This streamed result was already read; a cursor can be read only once."
              + " Use execute() instead of stream() to keep rows in memory");
    }
    cursorUsed = true;
    return new Iterator<>() {
      private Row next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          next = cursor.next();
          done = next == null;
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
      }
    };
  }

  /** Frees the cursor of a streamed result; does nothing for a buffered one. Idempotent. */
  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
    }
  }

  private void requireRows() {
    if (columns.isEmpty()) {
      throw new InvalidRequestException(
          "The statement returns no rows (it affected "
              + rowCount
              + " rows); read rowCount() or generatedKeys() instead");
    }
  }
}
