package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.types.SqlTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... ORDER BY ... LIMIT ... OFFSET}.
 * Build one with {@code Sql.select(...)}; every method returns a new statement. Without an explicit
 * {@link #from}, the FROM clause lists the tables the selected columns and the WHERE clause use.
 *
 * @param columns the selected expressions
 * @param distinctRows whether {@code SELECT DISTINCT}
 * @param from the explicit FROM sources; empty to infer them
 * @param where the WHERE condition, or null
 * @param groupBy the GROUP BY expressions
 * @param having the HAVING condition, or null
 * @param orderBy the ORDER BY items
 * @param limit the row limit, or null
 * @param offset rows skipped, or null
 * @param lock the row lock, or null
 */
public record Select(
    List<Expression<?>> columns,
    boolean distinctRows,
    List<FromSource> from,
    Expression<Boolean> where,
    List<Expression<?>> groupBy,
    Expression<Boolean> having,
    List<Order> orderBy,
    Expression<Long> limit,
    Expression<Long> offset,
    Lock lock)
    implements SelectStatement {
  /** Copies the lists. */
  public Select {
    columns = List.copyOf(columns);
    from = List.copyOf(from);
    groupBy = List.copyOf(groupBy);
    orderBy = List.copyOf(orderBy);
  }

  /** A SELECT of these items; a table, alias or subquery stands for all its columns. */
  public static Select of(SelectItem... items) {
    List<Expression<?>> columns = new ArrayList<>();
    for (SelectItem item : items) {
      switch (Objects.requireNonNull(item, "select item")) {
        case Expression<?> e -> columns.add(e);
        case FromSource s -> columns.addAll(s.columns());
        default -> throw new ArgumentException("Cannot select a " + item.getClass().getName());
      }
    }
    if (columns.isEmpty()) {
      throw new ArgumentException("select(...) needs at least one column, table or expression");
    }
    return new Select(
        columns, false, List.of(), null, List.of(), null, List.of(), null, null, null);
  }

  @Override
  public List<Expression<?>> selectedExpressions() {
    return columns;
  }

  /** {@code SELECT DISTINCT}. */
  public Select distinct() {
    return new Select(columns, true, from, where, groupBy, having, orderBy, limit, offset, lock);
  }

  /** Sets the FROM sources explicitly (tables, aliases, subqueries, CTEs, joins). */
  public Select from(FromSource... sources) {
    return new Select(
        columns,
        distinctRows,
        List.of(sources),
        where,
        groupBy,
        having,
        orderBy,
        limit,
        offset,
        lock);
  }

  /**
   * Joins {@code right} onto the FROM clause: onto the last explicit source, or else onto the first
   * table the selected columns use. Joins chain: {@code select(a.x, b.y, c.z).join(b, ...).join(c,
   * ...)} is {@code a JOIN b ON ... JOIN c ON ...}.
   */
  public Select join(FromSource right, Expression<Boolean> on) {
    return joined(right, Join.Type.INNER, on);
  }

  /** {@code LEFT OUTER JOIN right ON on}; see {@link #join}. */
  public Select leftJoin(FromSource right, Expression<Boolean> on) {
    return joined(right, Join.Type.LEFT, on);
  }

  /** {@code RIGHT OUTER JOIN right ON on}; see {@link #join}. */
  public Select rightJoin(FromSource right, Expression<Boolean> on) {
    return joined(right, Join.Type.RIGHT, on);
  }

  /** {@code FULL OUTER JOIN right ON on} (not on MariaDB / MySQL); see {@link #join}. */
  public Select fullJoin(FromSource right, Expression<Boolean> on) {
    return joined(right, Join.Type.FULL, on);
  }

  private Select joined(FromSource right, Join.Type type, Expression<Boolean> on) {
    List<FromSource> sources = new ArrayList<>(from);
    if (sources.isEmpty()) {
      for (FromSource s : Sources.referencedBy(columns)) {
        if (!s.equals(right)) {
          sources.add(s);
        }
      }
      if (sources.isEmpty()) {
        throw new ArgumentException(
            "join(" + right + ") has nothing to join onto: call from(...) first");
      }
      FromSource first = sources.remove(0);
      sources.add(0, new Join(first, right, type, on));
    } else {
      // A source standing alone in the list (the columns' tables, inferred by an earlier join)
      // moves into this join instead of appearing twice.
      sources.remove(right);
      if (sources.isEmpty()) {
        throw new ArgumentException(
            "join(" + right + ") has nothing to join onto: call from(...) first");
      }
      FromSource last = sources.remove(sources.size() - 1);
      sources.add(new Join(last, right, type, on));
    }
    return new Select(
        columns, distinctRows, sources, where, groupBy, having, orderBy, limit, offset, lock);
  }

  /** Adds a WHERE condition; several are joined with AND. */
  public Select where(Expression<Boolean> condition) {
    Objects.requireNonNull(condition, "where condition");
    Expression<Boolean> all =
        where == null ? condition : Nodes.Junction.of(true, List.of(where, condition));
    return new Select(
        columns, distinctRows, from, all, groupBy, having, orderBy, limit, offset, lock);
  }

  /** Sets GROUP BY. */
  public Select groupBy(Expression<?>... expressions) {
    return new Select(
        columns,
        distinctRows,
        from,
        where,
        List.of(expressions),
        having,
        orderBy,
        limit,
        offset,
        lock);
  }

  /** Adds a HAVING condition; several are joined with AND. */
  public Select having(Expression<Boolean> condition) {
    Objects.requireNonNull(condition, "having condition");
    Expression<Boolean> all =
        having == null ? condition : Nodes.Junction.of(true, List.of(having, condition));
    return new Select(
        columns, distinctRows, from, where, groupBy, all, orderBy, limit, offset, lock);
  }

  /** Sets ORDER BY; a plain expression sorts ascending. */
  public Select orderBy(Object... items) {
    return new Select(
        columns,
        distinctRows,
        from,
        where,
        groupBy,
        having,
        Sources.orders(items),
        limit,
        offset,
        lock);
  }

  /** At most {@code count} rows. */
  public Select limit(long count) {
    return new Select(
        columns,
        distinctRows,
        from,
        where,
        groupBy,
        having,
        orderBy,
        Sources.limit(count),
        offset,
        lock);
  }

  /** Skips the first {@code count} rows. */
  public Select offset(long count) {
    return new Select(
        columns,
        distinctRows,
        from,
        where,
        groupBy,
        having,
        orderBy,
        limit,
        Sources.rowCount(count, "offset"),
        lock);
  }

  /** Locks the selected rows: {@code FOR UPDATE} (ignored on SQLite, which locks the database). */
  public Select forUpdate() {
    return locked(Lock.UPDATE);
  }

  /** Locks the selected rows with the given wait behaviour. */
  public Select forUpdate(Lock lock) {
    return locked(Objects.requireNonNull(lock, "lock"));
  }

  private Select locked(Lock newLock) {
    return new Select(
        columns, distinctRows, from, where, groupBy, having, orderBy, limit, offset, newLock);
  }

  @Override
  public String toString() {
    return "select(" + columns + ")" + (from.isEmpty() ? "" : ".from(" + from + ")");
  }

  /** Helpers shared by the statements. */
  static final class Sources {
    private Sources() {}

    /** The FROM sources that columns in these expressions belong to, in first-use order. */
    static List<FromSource> referencedBy(List<? extends Expression<?>> expressions) {
      return dev.retort.sql.compile.BindWalker.sources(expressions);
    }

    static List<Order> orders(Object... items) {
      if (items == null) {
        throw new ArgumentException("orderBy(...) was given null");
      }
      List<Order> out = new ArrayList<>(items.length);
      for (Object item : items) {
        switch (item) {
          case Order o -> out.add(o);
          case Expression<?> e -> out.add(e.asc());
          case null -> throw new ArgumentException("orderBy(...) was given null");
          default ->
              throw new ArgumentException(
                  "orderBy(...) takes expressions or their asc()/desc(), not "
                      + item.getClass().getName()
                      + " "
                      + Arrays.asList(items));
        }
      }
      return out;
    }

    static Expression<Long> rowCount(long count, String what) {
      requireRowCount(count, what);
      return new Nodes.Bind<>(count, SqlTypes.BIGINT);
    }

    /**
     * A limit, written into the SQL as a number rather than bound: SQLite plans {@code LIMIT ?} far
     * worse (a 10-row page by index took twice as long), and page sizes take few values, so each
     * compiles once. Offsets, which take many, stay bound.
     */
    static Expression<Long> limit(long count) {
      requireRowCount(count, "limit");
      return new Nodes.Keyword<>(Long.toString(count), SqlTypes.BIGINT);
    }

    private static void requireRowCount(long count, String what) {
      if (count < 0) {
        throw new ArgumentException(what + "(...) must not be negative, was " + count);
      }
    }
  }
}
