package dev.retort.sql.compile;

import dev.retort.sql.Executable.Bindings;
import dev.retort.sql.expr.Assignment;
import dev.retort.sql.expr.CompoundSelect;
import dev.retort.sql.expr.Cte;
import dev.retort.sql.expr.Delete;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.FromSource;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Join;
import dev.retort.sql.expr.Nodes;
import dev.retort.sql.expr.Order;
import dev.retort.sql.expr.Select;
import dev.retort.sql.expr.Statement;
import dev.retort.sql.expr.Subquery;
import dev.retort.sql.expr.TableAlias;
import dev.retort.sql.expr.Update;
import dev.retort.sql.expr.Window;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks a statement in one fixed order to find its bound values. The compiler names each distinct
 * {@link Nodes.Bind} {@code $i} by its position in this walk; executing a statement of the same
 * structure takes its values from the same positions, so one compiled form serves all of them.
 */
public final class BindWalker {
  private BindWalker() {}

  /** The name of the {@code i}-th distinct bound value in a statement. */
  public static String name(int index) {
    return "$" + index;
  }

  /**
   * Whether a compiled parameter name is a value bound inside the statement (as opposed to a named
   * parameter given at execution).
   */
  public static boolean isBound(String parameterName) {
    return parameterName.startsWith("$");
  }

  /** The index of a bound value from its parameter name, or -1 for a named parameter. */
  static int boundIndex(String parameterName) {
    return isBound(parameterName)
        ? Integer.parseInt(parameterName, 1, parameterName.length(), 10)
        : -1;
  }

  /**
   * The statement's cache key and its bound values by index, from one walk: what executing it
   * needs.
   */
  public static Bindings bindings(Statement statement) {
    Walk walk = distinct(statement);
    Object[] values = new Object[walk.binds.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = walk.binds.get(i).value();
    }
    Object key = walk.pattern == null ? statement : new SharedKey(statement, walk.pattern);
    return new Bindings(key, values);
  }

  /** The statement's bound values by parameter name. */
  public static Map<String, Object> values(Statement statement) {
    List<Nodes.Bind<?>> binds = distinct(statement).binds;
    Map<String, Object> values = new LinkedHashMap<>(binds.size() * 2);
    for (int i = 0; i < binds.size(); i++) {
      values.put(name(i), binds.get(i).value());
    }
    return values;
  }

  /**
   * The compile-cache key: the statement itself (its equality ignores bound values), plus where the
   * same bound value object is used twice, since that compiles to one parameter.
   */
  public static Object cacheKey(Statement statement) {
    Walk walk = distinct(statement);
    return walk.pattern == null ? statement : new SharedKey(statement, walk.pattern);
  }

  /** Each distinct bound value object and its index. */
  static IdentityHashMap<Nodes.Bind<?>, Integer> indexes(Statement statement) {
    List<Nodes.Bind<?>> binds = distinct(statement).binds;
    IdentityHashMap<Nodes.Bind<?>, Integer> indexes = new IdentityHashMap<>();
    for (int i = 0; i < binds.size(); i++) {
      indexes.put(binds.get(i), i);
    }
    return indexes;
  }

  private record SharedKey(Statement statement, List<Integer> pattern) {}

  private static final class Walk {
    final List<Nodes.Bind<?>> binds = new ArrayList<>();
    List<Integer> pattern;
  }

  private static Walk distinct(Statement statement) {
    Walk walk = new Walk();
    List<Nodes.Bind<?>> all = new ArrayList<>();
    new Collector(all).accept(statement);
    // A few values (the usual case) are compared pairwise: cheaper than hashing them.
    IdentityHashMap<Nodes.Bind<?>, Integer> seen =
        all.size() > SMALL ? new IdentityHashMap<>(all.size() * 2) : null;
    List<Integer> pattern = null;
    for (int i = 0; i < all.size(); i++) {
      Nodes.Bind<?> b = all.get(i);
      Integer first = seen != null ? seen.putIfAbsent(b, walk.binds.size()) : find(walk.binds, b);
      if (first == null) {
        walk.binds.add(b);
      } else {
        if (pattern == null) {
          pattern = new ArrayList<>();
        }
        pattern.add(i);
        pattern.add(first);
      }
    }
    walk.pattern = pattern;
    return walk;
  }

  private static final int SMALL = 8;

  /** The index of {@code b} (the same object) in {@code binds}, or null. */
  private static Integer find(List<Nodes.Bind<?>> binds, Nodes.Bind<?> b) {
    for (int i = 0; i < binds.size(); i++) {
      if (binds.get(i) == b) {
        return i;
      }
    }
    return null;
  }

  /**
   * The FROM sources that columns in these expressions belong to, in first-use order, not looking
   * inside subqueries.
   */
  public static List<FromSource> sources(List<? extends Expression<?>> expressions) {
    Set<FromSource> found = new LinkedHashSet<>();
    for (Expression<?> e : expressions) {
      collectSources(e, found);
    }
    return new ArrayList<>(found);
  }

  /** Adds the sources of the columns in one expression. */
  static void collectSources(Object node, Set<FromSource> found) {
    switch (node) {
      case null -> {}
      case Column<?> c -> found.add(c.table());
      case Nodes.ColumnRef<?> r -> found.add(r.source());
      case Nodes.ScalarSubquery<?> s -> {}
      case Nodes.Exists e -> {}
      case Nodes.InSelect in -> collectSources(in.operand(), found);
      default -> children(node, child -> collectSources(child, found), false);
    }
  }

  /** Collects the bound values under a node, in walk order; one object serves the whole walk. */
  private record Collector(List<Nodes.Bind<?>> binds) implements Consumer<Object> {
    @Override
    public void accept(Object node) {
      if (node instanceof Nodes.Bind<?> b) {
        binds.add(b);
      } else if (node != null) {
        children(node, this, true);
      }
    }
  }

  /**
   * Visits a node's children in a fixed order; with {@code intoStatements} false, subqueries and
   * FROM sources are not entered.
   */
  static void children(Object node, Consumer<Object> visit, boolean intoStatements) {
    switch (node) {
      case List<?> list -> list.forEach(visit);
      case Column<?> c -> {}
      case Table t -> {}
      case Nodes.Bind<?> b -> {}
      case Nodes.Param<?> p -> {}
      case Nodes.Star s -> {}
      case Nodes.Keyword<?> k -> {}
      case Nodes.Excluded<?> x -> {}
      case Nodes.ColumnRef<?> r -> {}
      case Nodes.Comparison c -> {
        visit.accept(c.left());
        visit.accept(c.right());
      }
      case Nodes.Arithmetic<?> a -> {
        visit.accept(a.left());
        visit.accept(a.right());
      }
      case Nodes.Junction j -> j.items().forEach(visit);
      case Nodes.Not n -> visit.accept(n.operand());
      case Nodes.IsNull n -> visit.accept(n.operand());
      case Nodes.InList in -> {
        visit.accept(in.operand());
        in.values().forEach(visit);
      }
      case Nodes.InSelect in -> {
        visit.accept(in.operand());
        if (intoStatements) {
          visit.accept(in.subquery());
        }
      }
      case Nodes.Between b -> {
        visit.accept(b.operand());
        visit.accept(b.low());
        visit.accept(b.high());
      }
      case Nodes.Like l -> {
        visit.accept(l.operand());
        visit.accept(l.pattern());
      }
      case Nodes.Exists e -> {
        if (intoStatements) {
          visit.accept(e.subquery());
        }
      }
      case Nodes.Case<?> c -> {
        for (Nodes.When<?> w : c.whens()) {
          visit.accept(w.condition());
          visit.accept(w.result());
        }
        visit.accept(c.otherwise());
      }
      case Nodes.Cast<?> c -> visit.accept(c.operand());
      case Nodes.Function<?> f -> f.arguments().forEach(visit);
      case Nodes.Label<?> l -> visit.accept(l.expression());
      case Nodes.ScalarSubquery<?> s -> {
        if (intoStatements) {
          visit.accept(s.select());
        }
      }
      case Nodes.Over<?> o -> {
        visit.accept(o.function());
        visit.accept(o.window());
      }
      case Window w -> {
        w.partitionBy().forEach(visit);
        w.orderBy().forEach(visit);
      }
      case Order o -> visit.accept(o.expression());
      case Select s -> {
        if (intoStatements) {
          s.columns().forEach(visit);
          s.from().forEach(visit);
          visit.accept(s.where());
          s.groupBy().forEach(visit);
          visit.accept(s.having());
          s.orderBy().forEach(visit);
          visit.accept(s.limit());
          visit.accept(s.offset());
        }
      }
      case CompoundSelect c -> {
        if (intoStatements) {
          c.parts().forEach(visit);
          c.orderBy().forEach(visit);
          visit.accept(c.limit());
          visit.accept(c.offset());
        }
      }
      case Join j -> {
        if (intoStatements) {
          visit.accept(j.left());
          visit.accept(j.right());
          visit.accept(j.on());
        }
      }
      case TableAlias a -> {}
      case Subquery s -> {
        if (intoStatements) {
          visit.accept(s.select());
        }
      }
      case Cte c -> {
        if (intoStatements) {
          visit.accept(c.body());
        }
      }
      case Insert i -> {
        i.rows().forEach(visit);
        visit.accept(i.select());
        i.returning().forEach(visit);
        if (i.upsert() != null) {
          i.upsert().updates().forEach(visit);
        }
      }
      case Update u -> {
        u.assignments().forEach(visit);
        visit.accept(u.where());
        u.returning().forEach(visit);
      }
      case Delete d -> {
        visit.accept(d.where());
        d.returning().forEach(visit);
      }
      case Assignment<?> a -> visit.accept(a.value());
      default ->
          throw new IllegalStateException(
              "BindWalker does not know " + node.getClass().getName() + ": " + Arrays.asList(node));
    }
  }
}
