package dev.retort.orm;

import dev.retort.error.ArgumentException;
import dev.retort.orm.internal.EntityMapping;
import dev.retort.orm.internal.Mapper;
import dev.retort.orm.internal.RelationshipMapping;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.FromSource;
import dev.retort.sql.expr.Lock;
import dev.retort.sql.expr.Predicate;
import dev.retort.sql.expr.Select;
import dev.retort.sql.schema.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ORM query: a Core {@link Select} of the selected entities' columns plus what the session needs
 * to turn rows into objects. Build it with {@link Orm#select(Class)}; every method returns a new
 * query, and the conditions are ordinary Core expressions ({@code User_.name.eq("Ann")}). Run it
 * with {@code session.execute(query)}.
 *
 * @param <R> what each result is: the entity, or a {@link Tuple}
 */
public final class OrmSelect<R> {
  final Select select;
  final List<Object> items;
  final int[] offsets;
  final List<LoaderOption> options;
  final boolean tuple;

  private OrmSelect(
      Select select, List<Object> items, int[] offsets, List<LoaderOption> options, boolean tuple) {
    this.select = select;
    this.items = items;
    this.offsets = offsets;
    this.options = options;
    this.tuple = tuple;
  }

  static OrmSelect<?> of(boolean tuple, Object... items) {
    if (items.length == 0) {
      throw new ArgumentException("select(...) needs at least one entity class or expression");
    }
    List<Expression<?>> columns = new ArrayList<>();
    int[] offsets = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      offsets[i] = columns.size();
      switch (Objects.requireNonNull(items[i], "select item")) {
        case Class<?> c -> columns.addAll(Mapper.of(c).table().columns());
        case Expression<?> e -> columns.add(e);
        default ->
            throw new ArgumentException(
                "Orm.select(...) takes entity classes and expressions, not "
                    + items[i].getClass().getName());
      }
    }
    Select select = Select.of(columns.toArray(Expression<?>[]::new));
    return new OrmSelect<>(select, List.of(items), offsets, List.of(), tuple);
  }

  private OrmSelect<R> with(Select s) {
    return new OrmSelect<>(s, items, offsets, options, tuple);
  }

  /** The Core statement this query runs. */
  public Select statement() {
    return select;
  }

  /** Adds a WHERE condition; several are joined with AND. */
  public OrmSelect<R> where(Expression<Boolean> condition) {
    return with(select.where(condition));
  }

  /** {@code JOIN right ON on}; see {@link Select#join}. */
  public OrmSelect<R> join(FromSource right, Expression<Boolean> on) {
    return with(select.join(right, on));
  }

  /** {@code LEFT OUTER JOIN right ON on}. */
  public OrmSelect<R> leftJoin(FromSource right, Expression<Boolean> on) {
    return with(select.leftJoin(right, on));
  }

  /** Joins along a relationship, e.g. {@code join(User_.addresses)}; the ON clause follows. */
  public OrmSelect<R> join(Relationship<?, ?> relationship) {
    return joinAlong(relationship, false);
  }

  /** LEFT OUTER JOINs along a relationship. */
  public OrmSelect<R> leftJoin(Relationship<?, ?> relationship) {
    return joinAlong(relationship, true);
  }

  private OrmSelect<R> joinAlong(Relationship<?, ?> relationship, boolean outer) {
    RelationshipMapping r = relationship.mapping();
    Select s = select;
    switch (r.kind()) {
      case MANY_TO_ONE -> {
        Predicate on = eq(r.target().singleId().column(), r.foreignKey());
        s = outer ? s.leftJoin(r.target().table(), on) : s.join(r.target().table(), on);
      }
      case ONE_TO_MANY -> {
        Predicate on = eq(r.inverse().foreignKey(), r.owner().singleId().column());
        s = outer ? s.leftJoin(r.target().table(), on) : s.join(r.target().table(), on);
      }
      case MANY_TO_MANY -> {
        Predicate first = eq(r.ownerColumn(), r.owner().singleId().column());
        Predicate second = eq(r.target().singleId().column(), r.targetColumn());
        s = outer ? s.leftJoin(r.association(), first) : s.join(r.association(), first);
        s = outer ? s.leftJoin(r.target().table(), second) : s.join(r.target().table(), second);
      }
    }
    return with(s);
  }

  @SuppressWarnings("unchecked")
  static Predicate eq(Column<?> a, Expression<?> b) {
    return ((Column<Object>) a).eq((Expression<Object>) b);
  }

  /** Sets ORDER BY; see {@link Select#orderBy}. */
  public OrmSelect<R> orderBy(Object... items) {
    return with(select.orderBy(items));
  }

  /** At most {@code count} rows (with a JOINED collection loader: joined rows, not entities). */
  public OrmSelect<R> limit(long count) {
    return with(select.limit(count));
  }

  /** Skips the first {@code count} rows. */
  public OrmSelect<R> offset(long count) {
    return with(select.offset(count));
  }

  /** {@code SELECT DISTINCT}. */
  public OrmSelect<R> distinct() {
    return with(select.distinct());
  }

  /** Locks the selected rows ({@code FOR UPDATE}). */
  public OrmSelect<R> forUpdate() {
    return with(select.forUpdate());
  }

  /** Locks the selected rows with the given wait behaviour. */
  public OrmSelect<R> forUpdate(Lock lock) {
    return with(select.forUpdate(lock));
  }

  /**
   * Overrides relationship loading for this query, e.g. {@code Orm.joinedLoad(User_.addresses)}.
   */
  public OrmSelect<R> options(LoaderOption... more) {
    List<LoaderOption> all = new ArrayList<>(options);
    all.addAll(Arrays.asList(more));
    return new OrmSelect<>(select, items, offsets, List.copyOf(all), tuple);
  }

  /** The entity mapping at item {@code i}, or null for an expression. */
  EntityMapping<?> entityAt(int i) {
    return items.get(i) instanceof Class<?> c ? Mapper.of(c) : null;
  }

  @Override
  public String toString() {
    return "Orm.select" + items;
  }
}
