package dev.retort.sql.expr;

import dev.retort.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A SQL expression whose values are of Java type {@code T}: a column, a bound value, a function
 * call, an arithmetic or comparison. The operator methods build new immutable expressions; their
 * parameter types make comparing a {@code Column<String>} with an {@code Integer} a compile error.
 * Values are always sent as bound parameters.
 *
 * @param <T> the Java type of the expression's values
 */
public interface Expression<T> extends SelectItem {
  /** The SQL type of the values, or null when Retort cannot know it (a generic function). */
  SqlType<T> type();

  /** The Java class of the values; {@code Object} when the type is unknown. */
  @SuppressWarnings("unchecked")
  default Class<T> javaType() {
    SqlType<T> type = type();
    return type == null ? (Class<T>) Object.class : type.javaType();
  }

  /** A bound value of this expression's type, for use on the other side of an operator. */
  default Expression<T> bind(T value) {
    return new Nodes.Bind<>(value, type());
  }

  // ---- comparisons ----

  /** {@code this = value}; a null value gives {@code this IS NULL}. */
  default Predicate eq(T value) {
    return value == null ? isNull() : eq(bind(value));
  }

  /** {@code this = other}. */
  default Predicate eq(Expression<T> other) {
    return new Nodes.Comparison(this, "=", other);
  }

  /** {@code this <> value}; a null value gives {@code this IS NOT NULL}. */
  default Predicate ne(T value) {
    return value == null ? isNotNull() : ne(bind(value));
  }

  /** {@code this <> other}. */
  default Predicate ne(Expression<T> other) {
    return new Nodes.Comparison(this, "<>", other);
  }

  /** {@code this < value}. */
  default Predicate lt(T value) {
    return lt(bind(Nodes.requireValue(value, "lt")));
  }

  /** {@code this < other}. */
  default Predicate lt(Expression<T> other) {
    return new Nodes.Comparison(this, "<", other);
  }

  /** {@code this <= value}. */
  default Predicate le(T value) {
    return le(bind(Nodes.requireValue(value, "le")));
  }

  /** {@code this <= other}. */
  default Predicate le(Expression<T> other) {
    return new Nodes.Comparison(this, "<=", other);
  }

  /** {@code this > value}. */
  default Predicate gt(T value) {
    return gt(bind(Nodes.requireValue(value, "gt")));
  }

  /** {@code this > other}. */
  default Predicate gt(Expression<T> other) {
    return new Nodes.Comparison(this, ">", other);
  }

  /** {@code this >= value}. */
  default Predicate ge(T value) {
    return ge(bind(Nodes.requireValue(value, "ge")));
  }

  /** {@code this >= other}. */
  default Predicate ge(Expression<T> other) {
    return new Nodes.Comparison(this, ">=", other);
  }

  /** {@code this IS NULL}. */
  default Predicate isNull() {
    return new Nodes.IsNull(this, false);
  }

  /** {@code this IS NOT NULL}. */
  default Predicate isNotNull() {
    return new Nodes.IsNull(this, true);
  }

  /** {@code this BETWEEN low AND high}. */
  default Predicate between(T low, T high) {
    return between(
        bind(Nodes.requireValue(low, "between")), bind(Nodes.requireValue(high, "between")));
  }

  /** {@code this BETWEEN low AND high}. */
  default Predicate between(Expression<T> low, Expression<T> high) {
    return new Nodes.Between(this, low, high, false);
  }

  /** {@code this NOT BETWEEN low AND high}. */
  default Predicate notBetween(T low, T high) {
    return new Nodes.Between(
        this,
        bind(Nodes.requireValue(low, "notBetween")),
        bind(Nodes.requireValue(high, "notBetween")),
        true);
  }

  // ---- IN ----

  /**
   * {@code this IN (values)}. An empty collection is a predicate that is always false; thousands of
   * values are fine (they are bound, and the placeholder count is rounded up so that lists of
   * similar size share one compiled statement).
   */
  default Predicate in(Collection<? extends T> values) {
    return new Nodes.InList(this, binds(values, "in"), false);
  }

  /** {@code this IN (values)}; see {@link #in(Collection)}. */
  @SuppressWarnings("unchecked")
  default Predicate in(T... values) {
    return in(Arrays.asList(values));
  }

  /** {@code this IN (subquery)}. */
  default Predicate in(SelectStatement subquery) {
    return new Nodes.InSelect(this, subquery, false);
  }

  /** {@code this NOT IN (values)}. An empty collection is a predicate that is always true. */
  default Predicate notIn(Collection<? extends T> values) {
    return new Nodes.InList(this, binds(values, "notIn"), true);
  }

  /** {@code this NOT IN (values)}; see {@link #notIn(Collection)}. */
  @SuppressWarnings("unchecked")
  default Predicate notIn(T... values) {
    return notIn(Arrays.asList(values));
  }

  /** {@code this NOT IN (subquery)}. */
  default Predicate notIn(SelectStatement subquery) {
    return new Nodes.InSelect(this, subquery, true);
  }

  private List<Expression<?>> binds(Collection<? extends T> values, String operator) {
    List<Expression<?>> binds = new ArrayList<>(values.size());
    for (T value : values) {
      binds.add(bind(Nodes.requireValue(value, operator)));
    }
    return binds;
  }

  // ---- strings ----

  /**
   * {@code this LIKE pattern}, with the database's own case rules (case-insensitive on MariaDB's
   * default collations and for ASCII on SQLite); use {@link #ilike} to ignore case everywhere. To
   * match a literal % or _, escape it and name the escape character: {@code
   * like(Nodes.escapeLike(text, '!') + "%").escape('!')}.
   */
  default Nodes.Like like(String pattern) {
    return new Nodes.Like(this, Nodes.bindString(pattern, "like"), false, false, null);
  }

  /** {@code this NOT LIKE pattern}. */
  default Nodes.Like notLike(String pattern) {
    return new Nodes.Like(this, Nodes.bindString(pattern, "notLike"), false, true, null);
  }

  /**
   * A LIKE that ignores case on every database: {@code ILIKE} on PostgreSQL, {@code lower(this)
   * LIKE lower(pattern)} elsewhere.
   */
  default Nodes.Like ilike(String pattern) {
    return new Nodes.Like(this, Nodes.bindString(pattern, "ilike"), true, false, null);
  }

  // ---- arithmetic ----

  /** {@code this + value}. */
  default Expression<T> plus(T value) {
    return plus(bind(Nodes.requireValue(value, "plus")));
  }

  /** {@code this + other}. */
  default Expression<T> plus(Expression<T> other) {
    return new Nodes.Arithmetic<>(this, "+", other, type());
  }

  /** {@code this - value}. */
  default Expression<T> minus(T value) {
    return minus(bind(Nodes.requireValue(value, "minus")));
  }

  /** {@code this - other}. */
  default Expression<T> minus(Expression<T> other) {
    return new Nodes.Arithmetic<>(this, "-", other, type());
  }

  /** {@code this * value}. */
  default Expression<T> times(T value) {
    return times(bind(Nodes.requireValue(value, "times")));
  }

  /** {@code this * other}. */
  default Expression<T> times(Expression<T> other) {
    return new Nodes.Arithmetic<>(this, "*", other, type());
  }

  /** {@code this / value}. Integer division truncates on PostgreSQL and SQLite, not on MariaDB. */
  default Expression<T> div(T value) {
    return div(bind(Nodes.requireValue(value, "div")));
  }

  /** {@code this / other}. */
  default Expression<T> div(Expression<T> other) {
    return new Nodes.Arithmetic<>(this, "/", other, type());
  }

  // ---- naming, ordering, conversion ----

  /** The expression under a name: {@code this AS name}; the name is how rows find it. */
  default Expression<T> as(String name) {
    return new Nodes.Label<>(this, Nodes.requireName(name, "label"));
  }

  /** Ascending order. */
  default Order asc() {
    return new Order(this, false, Order.Nulls.DEFAULT);
  }

  /** Descending order. */
  default Order desc() {
    return new Order(this, true, Order.Nulls.DEFAULT);
  }

  /** {@code CAST(this AS type)}, with the dialect's name for the type. */
  default <U> Expression<U> cast(SqlType<U> type) {
    return new Nodes.Cast<>(this, type);
  }

  /** The expression as a window function: {@code this OVER (window)}. */
  default Expression<T> over(Window window) {
    return new Nodes.Over<>(this, window);
  }
}
