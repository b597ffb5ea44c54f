package dev.retort.sql.expr;

import dev.retort.error.ArgumentException;
import dev.retort.sql.types.SqlType;
import dev.retort.sql.types.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The expression nodes the compiler renders. Users build them through {@link Expression}'s
 * operators and {@link dev.retort.sql.Sql}'s factories; they are public so that dialects and tools
 * can inspect a statement. All are immutable records.
 *
 * <p>Equality is structural, except that a {@link Bind}'s value takes no part in it: two statements
 * are equal when they compile to the same SQL, which is what the compile cache keys on.
 */
public final class Nodes {
  private Nodes() {}

  static <T> T requireValue(T value, String operator) {
    if (value == null) {
      throw new ArgumentException(
          operator + "(...) was given null; use isNull() / isNotNull() to test for NULL");
    }
    return value;
  }

  static Expression<String> bindString(String pattern, String operator) {
    return new Bind<>(requireValue(pattern, operator), SqlTypes.TEXT);
  }

  static String requireName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new ArgumentException("A " + what + " needs a non-empty name");
    }
    return name;
  }

  /**
   * A value sent as a bound parameter. Its value does not take part in equality (see {@link
   * Nodes}).
   *
   * @param value the value; may be null (binds SQL NULL)
   * @param type the SQL type the value is bound as, or null when unknown
   * @param <T> the value's Java type
   */
  public record Bind<T>(T value, SqlType<T> type) implements Expression<T> {
    @Override
    public boolean equals(Object other) {
      return other instanceof Bind<?> that && Objects.equals(type, that.type);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(type) + 17;
    }

    @Override
    public String toString() {
      return "Bind[" + value + "]";
    }
  }

  /**
   * A named parameter whose value is given at execution ({@code :name}), e.g. for executemany.
   *
   * @param name the parameter's name
   * @param type its SQL type, or null when unknown
   * @param <T> the value's Java type
   */
  public record Param<T>(String name, SqlType<T> type) implements Expression<T> {
    /** Checks the name. */
    public Param {
      requireName(name, "parameter");
    }
  }

  /** {@code left op right} for =, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=. */
  public record Comparison(Expression<?> left, String operator, Expression<?> right)
      implements Predicate {}

  /** {@code left op right} for +, -, *, /. */
  public record Arithmetic<T>(
      Expression<T> left, String operator, Expression<?> right, SqlType<T> type)
      implements Expression<T> {}

  /** {@code a AND b AND ...} or {@code a OR b OR ...}; an empty AND is true, an empty OR false. */
  public record Junction(boolean and, List<Expression<Boolean>> items) implements Predicate {
    /** Copies the list. */
    public Junction {
      items = List.copyOf(items);
    }

    /** Flattens nested junctions of the same kind. */
    static Predicate of(boolean and, List<? extends Expression<Boolean>> items) {
      List<Expression<Boolean>> flat = new ArrayList<>(items.size());
      for (Expression<Boolean> item : items) {
        Objects.requireNonNull(item, and ? "and(...) item" : "or(...) item");
        if (item instanceof Junction j && j.and == and) {
          flat.addAll(j.items);
        } else {
          flat.add(item);
        }
      }
      return new Junction(and, flat);
    }
  }

  /** {@code NOT operand}. */
  public record Not(Expression<Boolean> operand) implements Predicate {}

  /** {@code operand IS [NOT] NULL}. */
  public record IsNull(Expression<?> operand, boolean negated) implements Predicate {}

  /**
   * {@code operand [NOT] IN (values)}. Long lists are padded (by repeating the last value) to a
   * size shared with similar lengths, so they share one compiled statement.
   */
  public record InList(Expression<?> operand, List<Expression<?>> values, boolean negated)
      implements Predicate {
    /** Copies and pads the list. */
    public InList {
      int padded = paddedSize(values.size());
      List<Expression<?>> copy = new ArrayList<>(padded);
      copy.addAll(values);
      if (padded > values.size() && values.get(values.size() - 1) instanceof Bind<?> last) {
        while (copy.size() < padded) {
          copy.add(new Bind<>(last.value(), (SqlType) last.type()));
        }
      }
      values = List.copyOf(copy);
    }

    /**
     * Lists up to 16 keep their size; longer ones round up to the next eighth of their power of two
     * (at most 12.5% more), capped at the smallest parameter limit of the supported databases.
     */
    static int paddedSize(int size) {
      if (size <= 16) {
        return size;
      }
      int step = Integer.highestOneBit(size) / 8;
      int padded = (size + step - 1) / step * step;
      return padded > 32766 && size <= 32766 ? size : padded;
    }
  }

  /** {@code operand [NOT] IN (subquery)}. */
  public record InSelect(Expression<?> operand, SelectStatement subquery, boolean negated)
      implements Predicate {}

  /** {@code operand [NOT] BETWEEN low AND high}. */
  public record Between(
      Expression<?> operand, Expression<?> low, Expression<?> high, boolean negated)
      implements Predicate {}

  /** {@code operand [NOT] LIKE pattern}, optionally ignoring case. */
  public record Like(
      Expression<?> operand,
      Expression<String> pattern,
      boolean ignoreCase,
      boolean negated,
      Character escape)
      implements Predicate {
    /** Checks the escape character. */
    public Like {
      if (escape != null && (escape == '%' || escape == '_')) {
        throw new ArgumentException("The LIKE escape character cannot be a wildcard: " + escape);
      }
    }

    /** The same LIKE with {@code ESCAPE 'c'}: {@code c} before % or _ makes it literal. */
    public Like escape(char c) {
      return new Like(operand, pattern, ignoreCase, negated, c);
    }
  }

  /**
   * Escapes the LIKE wildcards {@code %} and {@code _} (and the escape character itself) in a
   * literal text, for a pattern used with {@code .escape('\\')}: {@code like("50" + escapeLike("%")
   * + "%")}.
   */
  public static String escapeLike(String text, char escape) {
    StringBuilder out = new StringBuilder(text.length() + 4);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == escape) {
        out.append(escape);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** {@code [NOT] EXISTS (subquery)}. */
  public record Exists(SelectStatement subquery, boolean negated) implements Predicate {}

  /** {@code CASE WHEN ... THEN ... [ELSE ...] END}. */
  public record Case<T>(List<When<T>> whens, Expression<T> otherwise, SqlType<T> type)
      implements Expression<T> {
    /** Copies the list. */
    public Case {
      whens = List.copyOf(whens);
    }

    /** Adds a branch. */
    public Case<T> when(Expression<Boolean> condition, T result) {
      return when(condition, new Bind<>(result, type));
    }

    /** Adds a branch. */
    public Case<T> when(Expression<Boolean> condition, Expression<T> result) {
      List<When<T>> more = new ArrayList<>(whens);
      more.add(new When<>(condition, result));
      return new Case<>(more, otherwise, type);
    }

    /** Sets the ELSE value. */
    public Case<T> otherwise(T result) {
      return otherwise(new Bind<>(result, type));
    }

    /** Sets the ELSE value. */
    public Case<T> otherwise(Expression<T> result) {
      return new Case<>(whens, result, type);
    }
  }

  /** One {@code WHEN condition THEN result} branch of a {@link Case}. */
  public record When<T>(Expression<Boolean> condition, Expression<T> result) {}

  /** {@code CAST(operand AS type)}. */
  public record Cast<T>(Expression<?> operand, SqlType<T> type) implements Expression<T> {}

  /**
   * A function call {@code name([DISTINCT] args)}; {@code star} renders {@code count(*)}.
   *
   * @param name the function's name as written in SQL
   * @param arguments the arguments
   * @param distinct whether DISTINCT precedes the arguments
   * @param type the result type, or null when unknown
   */
  public record Function<T>(
      String name, List<Expression<?>> arguments, boolean distinct, SqlType<T> type)
      implements Expression<T> {
    /** Copies the list. */
    public Function {
      arguments = List.copyOf(arguments);
    }
  }

  /** {@code *} as the argument of {@code count(*)}. */
  public record Star() implements Expression<Object> {
    @Override
    public SqlType<Object> type() {
      return null;
    }
  }

  /** A SQL keyword that is a value, such as {@code CURRENT_TIMESTAMP}. */
  public record Keyword<T>(String sql, SqlType<T> type) implements Expression<T> {}

  /** {@code expression AS name}. */
  public record Label<T>(Expression<T> expression, String name) implements Expression<T> {
    @Override
    public SqlType<T> type() {
      return expression.type();
    }
  }

  /** {@code (SELECT ...)} used as a single value. */
  public record ScalarSubquery<T>(SelectStatement select, SqlType<T> type)
      implements Expression<T> {}

  /** {@code function OVER (window)}. */
  public record Over<T>(Expression<T> function, Window window) implements Expression<T> {
    @Override
    public SqlType<T> type() {
      return function.type();
    }
  }

  /**
   * In an upsert's update, the value the row would have had: {@code EXCLUDED.col} on PostgreSQL and
   * SQLite, {@code VALUES(col)} on MariaDB.
   */
  public record Excluded<T>(String column, SqlType<T> type) implements Expression<T> {}

  /**
   * A column of an aliased table, a subquery or a CTE.
   *
   * @param source what the column belongs to
   * @param name the column's name there
   * @param type its type, or null when unknown
   */
  public record ColumnRef<T>(FromSource source, String name, SqlType<T> type)
      implements Expression<T> {}
}
