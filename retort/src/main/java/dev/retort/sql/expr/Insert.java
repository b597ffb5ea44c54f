package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@code INSERT INTO table (columns) VALUES (...), (...)} or {@code INSERT ... SELECT}, optionally
 * with {@code RETURNING} and an upsert clause. Build one with {@code Sql.insert(table)}; every
 * method returns a new statement.
 *
 * <p>An insert without values takes them at execution, by column name: {@code
 * conn.executeMany(insert(USERS), rows)} inserts each map of {@code rows}, the column list taken
 * from the first map's keys.
 *
 * @param table the table inserted into
 * @param columns the columns given values
 * @param rows the rows of values, one expression per column
 * @param select the SELECT that provides the rows, or null
 * @param returning the RETURNING expressions, or empty
 * @param upsert the upsert clause ({@code ON CONFLICT ...}), or null
 */
public record Insert(
    Table table,
    List<Column<?>> columns,
    List<List<Expression<?>>> rows,
    SelectStatement select,
    List<Expression<?>> returning,
    OnConflict upsert)
    implements Statement {
  /** Copies the lists. */
  public Insert {
    Objects.requireNonNull(table, "insert table");
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    returning = List.copyOf(returning);
  }

  /** An INSERT into the table with no values yet. */
  public static Insert into(Table table) {
    return new Insert(table, List.of(), List.of(), null, List.of(), null);
  }

  /** Sets a column's value in a single-row insert. */
  public <T> Insert value(Column<T> column, T value) {
    return value(column, column.bind(value));
  }

  /** Sets a column to an expression in a single-row insert. */
  public <T> Insert value(Column<T> column, Expression<T> value) {
    checkColumn(column);
    if (rows.size() > 1 || select != null) {
      throw new ArgumentException(
          "value(...) builds a single-row insert; this insert already has "
              + (select != null ? "a SELECT" : rows.size() + " rows"));
    }
    List<Column<?>> cols = new ArrayList<>(columns);
    List<Expression<?>> row = new ArrayList<>(rows.isEmpty() ? List.of() : rows.get(0));
    int at = cols.indexOf(column);
    if (at >= 0) {
      row.set(at, value);
    } else {
      cols.add(column);
      row.add(value);
    }
    return new Insert(table, cols, List.of(row), null, returning, upsert);
  }

  /**
   * {@code INSERT INTO table DEFAULT VALUES}: one row in which every column takes its default
   * (written {@code () VALUES ()} on MySQL and MariaDB).
   *
   * @throws ArgumentException when the insert already has values
   */
  public Insert defaultValues() {
    if (!columns.isEmpty() || !rows.isEmpty() || select != null) {
      throw new ArgumentException(
          "defaultValues() inserts a row of defaults only; this insert into '"
              + table
              + "' already has values");
    }
    // One row of no values: not "values to come from parameters" (see takesParameters()).
    return new Insert(table, List.of(), List.of(List.of()), null, returning, upsert);
  }

  /** Names the columns that {@link #values(Object...)} rows or a {@link #from} SELECT fill. */
  public Insert columns(Column<?>... columns) {
    for (Column<?> c : columns) {
      checkColumn(c);
    }
    if (!rows.isEmpty()) {
      throw new ArgumentException("columns(...) must come before values(...)");
    }
    return new Insert(table, List.of(columns), rows, select, returning, upsert);
  }

  /**
   * Adds a row with one value per column named by {@link #columns}; a value may be an {@link
   * Expression}. Several calls make a multi-row insert.
   *
   * @throws ArgumentException when the count or a value's type does not match the columns
   */
  public Insert values(Object... values) {
    if (columns.isEmpty()) {
      throw new ArgumentException("values(...) needs columns(...) first, to say which columns");
    }
    if (values.length != columns.size()) {
      throw new ArgumentException(
          "values(...) was given "
              + values.length
              + " values for the "
              + columns.size()
              + " columns "
              + columns);
    }
    List<Expression<?>> row = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      row.add(valueFor(columns.get(i), values[i]));
    }
    List<List<Expression<?>>> more = new ArrayList<>(rows);
    more.add(row);
    return new Insert(table, columns, more, select, returning, upsert);
  }

  private static <T> Expression<?> valueFor(Column<T> column, Object value) {
    if (value instanceof Expression<?> e) {
      return e;
    }
    if (value != null && !column.javaType().isInstance(value)) {
      throw new ArgumentException(
          "Column '"
              + column
              + "' takes "
              + column.javaType().getName()
              + " values, not "
              + value.getClass().getName()
              + " ("
              + value
              + ")");
    }
    return column.bind(column.javaType().cast(value));
  }

  /** {@code INSERT INTO table (columns) SELECT ...}: the rows come from a query. */
  public Insert from(SelectStatement select) {
    if (columns.isEmpty() || !rows.isEmpty()) {
      throw new ArgumentException("from(select) needs columns(...) first and no values(...)");
    }
    int n = select.selectedExpressions().size();
    if (n != columns.size()) {
      throw new ArgumentException(
          "The SELECT gives " + n + " columns for the " + columns.size() + " columns " + columns);
    }
    return new Insert(table, columns, rows, select, returning, upsert);
  }

  /** Returns these columns of the inserted rows (where the dialect has RETURNING). */
  public Insert returning(SelectItem... items) {
    return new Insert(table, columns, rows, select, Returning.expand(table, items), upsert);
  }

  /**
   * Starts an upsert: what to do when a row conflicts with an existing one on these unique columns
   * (PostgreSQL and SQLite need them; MariaDB uses whichever unique key conflicts).
   */
  public Conflict onConflict(Column<?>... target) {
    for (Column<?> c : target) {
      checkColumn(c);
    }
    return new Conflict(this, List.of(target));
  }

  /** Whether the values are still to come from the execution's parameters. */
  public boolean takesParameters() {
    return rows.isEmpty() && select == null;
  }

  /**
   * This insert with one named parameter per column, named like the column, for values given at
   * execution.
   *
   * @throws ArgumentException naming a name that is not a column
   */
  public Insert withParameters(Collection<String> names) {
    if (names.isEmpty()) {
      throw new ArgumentException("An insert into '" + table + "' was given no values");
    }
    List<Column<?>> cols = new ArrayList<>(names.size());
    List<Expression<?>> row = new ArrayList<>(names.size());
    for (String name : names) {
      Column<?> c = table.column(name);
      cols.add(c);
      row.add(new Nodes.Param<>(name, c.type()));
    }
    return new Insert(table, cols, List.of(row), null, returning, upsert);
  }

  private void checkColumn(Column<?> c) {
    if (c.table() != table) {
      throw new ArgumentException(
          "Column '" + c + "' is not a column of '" + table + "', the table inserted into");
    }
  }

  /**
   * What an upsert does on conflict.
   *
   * @param target the unique columns that conflict
   * @param updates the assignments; empty for DO NOTHING
   */
  public record OnConflict(List<Column<?>> target, List<Assignment<?>> updates) {
    /** Copies the lists. */
    public OnConflict {
      target = List.copyOf(target);
      updates = List.copyOf(updates);
    }
  }

  /** The second half of {@link #onConflict}: choose the action. */
  public static final class Conflict {
    private final Insert insert;
    private final List<Column<?>> target;

    private Conflict(Insert insert, List<Column<?>> target) {
      this.insert = insert;
      this.target = target;
    }

    /** Leaves the existing row as it is. */
    public Insert doNothing() {
      return with(List.of());
    }

    /** Updates the existing row with these assignments; use {@code Sql.excluded(col)}. */
    public Insert doUpdate(Assignment<?>... updates) {
      if (updates.length == 0) {
        throw new ArgumentException("doUpdate(...) needs at least one assignment");
      }
      return with(Arrays.asList(updates));
    }

    /** Updates these columns of the existing row to the values the insert proposed. */
    public Insert doUpdateColumns(Column<?>... columns) {
      List<Assignment<?>> updates = new ArrayList<>();
      for (Column<?> c : columns) {
        updates.add(excludedAssignment(c));
      }
      return doUpdate(updates.toArray(Assignment<?>[]::new));
    }

    private static <T> Assignment<T> excludedAssignment(Column<T> c) {
      return new Assignment<>(c, new Nodes.Excluded<>(c.name(), c.type()));
    }

    private Insert with(List<Assignment<?>> updates) {
      return new Insert(
          insert.table,
          insert.columns,
          insert.rows,
          insert.select,
          insert.returning,
          new OnConflict(target, updates));
    }
  }
}
