package dev.retort.sql;

import dev.retort.sql.expr.Assignment;
import dev.retort.sql.expr.Cte;
import dev.retort.sql.expr.Delete;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Nodes;
import dev.retort.sql.expr.Predicate;
import dev.retort.sql.expr.Select;
import dev.retort.sql.expr.SelectItem;
import dev.retort.sql.expr.SelectStatement;
import dev.retort.sql.expr.TableAlias;
import dev.retort.sql.expr.Update;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import dev.retort.sql.types.SqlType;
import dev.retort.sql.types.SqlTypes;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Entry points for building statements: {@code import static dev.retort.sql.Sql.*}. Plain SQL with
 * {@link #text}; the expression language with {@link #select}, {@link #insert}, {@link #update},
 * {@link #delete} and the functions and operators below. Every statement is immutable and runs on
 * any dialect; values are always bound parameters.
 */
public final class Sql {
  private Sql() {}

  /**
   * Plain SQL with {@code :name} parameters, e.g. {@code text("SELECT * FROM t WHERE id = :id")}.
   */
  public static TextClause text(String sql) {
    return new TextClause(sql, List.of());
  }

  // ---- statements ----

  /**
   * {@code SELECT items}: columns, expressions, or tables / aliases / subqueries standing for all
   * their columns. The FROM clause follows from the columns unless set with {@code from(...)}.
   */
  public static Select select(SelectItem... items) {
    return Select.of(items);
  }

  /** {@code INSERT INTO table}. */
  public static Insert insert(Table table) {
    return Insert.into(table);
  }

  /** {@code UPDATE table}. */
  public static Update update(Table table) {
    return Update.of(table);
  }

  /** {@code DELETE FROM table}. */
  public static Delete delete(Table table) {
    return Delete.from(table);
  }

  /** {@code column = value}, for an upsert's {@code doUpdate(...)}. */
  public static <T> Assignment<T> set(Column<T> column, T value) {
    return new Assignment<>(column, column.bind(value));
  }

  /** {@code column = expression}, for an upsert's {@code doUpdate(...)}. */
  public static <T> Assignment<T> set(Column<T> column, Expression<T> value) {
    return new Assignment<>(column, value);
  }

  /** In an upsert's update, the value the insert proposed for the column. */
  public static <T> Expression<T> excluded(Column<T> column) {
    return new Nodes.Excluded<>(column.name(), column.type());
  }

  /** A table under another name: {@code table AS alias}. */
  public static TableAlias alias(Table table, String alias) {
    return new TableAlias(table, alias);
  }

  /**
   * Declares a CTE with these column names; take its columns with {@code column(...)} and give it a
   * body with {@code as(...)} or {@code asRecursive(...)}.
   */
  public static Cte cte(String name, String... columns) {
    return new Cte(name, Arrays.asList(columns), null, false);
  }

  // ---- values and parameters ----

  /** A bound value of the given type, where no column gives the type (e.g. in a CASE). */
  public static <T> Expression<T> value(T value, SqlType<T> type) {
    return new Nodes.Bind<>(value, type);
  }

  /** A named parameter, {@code :name}, whose value is passed at execution. */
  public static <T> Expression<T> param(String name, SqlType<T> type) {
    return new Nodes.Param<>(name, type);
  }

  // ---- logic ----

  /** {@code a AND b AND ...}; no conditions at all is true. */
  @SafeVarargs
  public static Predicate and(Expression<Boolean>... conditions) {
    return new Nodes.Junction(true, List.of(conditions));
  }

  /** {@code a OR b OR ...}; no conditions at all is false. */
  @SafeVarargs
  public static Predicate or(Expression<Boolean>... conditions) {
    return new Nodes.Junction(false, List.of(conditions));
  }

  /** {@code NOT condition}. */
  public static Predicate not(Expression<Boolean> condition) {
    return new Nodes.Not(condition);
  }

  /** {@code EXISTS (subquery)}. */
  public static Predicate exists(SelectStatement subquery) {
    return new Nodes.Exists(subquery, false);
  }

  /** {@code NOT EXISTS (subquery)}. */
  public static Predicate notExists(SelectStatement subquery) {
    return new Nodes.Exists(subquery, true);
  }

  /** {@code CASE WHEN condition THEN result ...}; add branches with {@code when(...)}. */
  public static <T> Nodes.Case<T> caseWhen(Expression<Boolean> condition, Expression<T> result) {
    return new Nodes.Case<T>(List.of(), null, result.type()).when(condition, result);
  }

  /** {@code CASE WHEN condition THEN result ...} with a value of the given type. */
  public static <T> Nodes.Case<T> caseWhen(
      Expression<Boolean> condition, T result, SqlType<T> type) {
    return new Nodes.Case<T>(List.of(), null, type).when(condition, result);
  }

  /** {@code CAST(expression AS type)}. */
  public static <T> Expression<T> cast(Expression<?> expression, SqlType<T> type) {
    return new Nodes.Cast<>(expression, type);
  }

  // ---- functions ----

  /** {@code count(*)}. */
  public static Expression<Long> count() {
    return new Nodes.Function<>("count", List.of(new Nodes.Star()), false, SqlTypes.BIGINT);
  }

  /** {@code count(expression)}: the non-null values. */
  public static Expression<Long> count(Expression<?> expression) {
    return new Nodes.Function<>("count", List.of(expression), false, SqlTypes.BIGINT);
  }

  /** {@code count(DISTINCT expression)}. */
  public static Expression<Long> countDistinct(Expression<?> expression) {
    return new Nodes.Function<>("count", List.of(expression), true, SqlTypes.BIGINT);
  }

  /** {@code sum(expression)}, typed like the expression (read it as a wider type if needed). */
  public static <T> Expression<T> sum(Expression<T> expression) {
    return function("sum", expression.type(), expression);
  }

  /** {@code avg(expression)} as a double. */
  public static Expression<Double> avg(Expression<?> expression) {
    return function("avg", SqlTypes.DOUBLE, expression);
  }

  /** {@code min(expression)}. */
  public static <T> Expression<T> min(Expression<T> expression) {
    return function("min", expression.type(), expression);
  }

  /** {@code max(expression)}. */
  public static <T> Expression<T> max(Expression<T> expression) {
    return function("max", expression.type(), expression);
  }

  /** {@code coalesce(a, b, ...)}: the first non-null. */
  @SafeVarargs
  public static <T> Expression<T> coalesce(Expression<T> first, Expression<T>... rest) {
    Expression<?>[] all = new Expression<?>[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return function("coalesce", first.type(), all);
  }

  /** {@code coalesce(expression, value)}. */
  public static <T> Expression<T> coalesce(Expression<T> expression, T value) {
    return function("coalesce", expression.type(), expression, expression.bind(value));
  }

  /** {@code lower(expression)}. */
  public static Expression<String> lower(Expression<String> expression) {
    return function("lower", SqlTypes.TEXT, expression);
  }

  /** {@code upper(expression)}. */
  public static Expression<String> upper(Expression<String> expression) {
    return function("upper", SqlTypes.TEXT, expression);
  }

  /**
   * {@code CURRENT_TIMESTAMP}: the transaction's start time on PostgreSQL, the statement's
   * elsewhere.
   */
  public static Expression<OffsetDateTime> currentTimestamp() {
    return new Nodes.Keyword<>("CURRENT_TIMESTAMP", SqlTypes.TIMESTAMPTZ);
  }

  /** {@code row_number()}, for use with {@code .over(window)}. */
  public static Expression<Long> rowNumber() {
    return function("row_number", SqlTypes.BIGINT);
  }

  /** {@code rank()}, for use with {@code .over(window)}. */
  public static Expression<Long> rank() {
    return function("rank", SqlTypes.BIGINT);
  }

  /**
   * Any SQL function by name, e.g. {@code function("length", SqlTypes.INTEGER, NAME)}. The name is
   * written as given: it must be a plain name.
   *
   * @param type the result type, or null when unknown
   */
  public static <T> Expression<T> function(String name, SqlType<T> type, Expression<?>... args) {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
      throw new dev.retort.error.ArgumentException(
          "Function name '" + name + "' must be a plain name (letters, digits, _ and .)");
    }
    return new Nodes.Function<>(name, Arrays.asList(args), false, type);
  }
}
