package dev.retort.sql.compile;

import dev.retort.error.ArgumentException;
import dev.retort.error.UnsupportedFeatureException;
import dev.retort.sql.expr.Assignment;
import dev.retort.sql.expr.CompoundSelect;
import dev.retort.sql.expr.Cte;
import dev.retort.sql.expr.Delete;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.FromSource;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Join;
import dev.retort.sql.expr.Lock;
import dev.retort.sql.expr.Nodes;
import dev.retort.sql.expr.Order;
import dev.retort.sql.expr.Select;
import dev.retort.sql.expr.SelectStatement;
import dev.retort.sql.expr.Statement;
import dev.retort.sql.expr.Subquery;
import dev.retort.sql.expr.TableAlias;
import dev.retort.sql.expr.Update;
import dev.retort.sql.expr.Window;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import dev.retort.sql.types.SqlType;
import dev.retort.sql.types.SqlTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles expression-language statements to SQL for one dialect: one visitor for every database,
 * asking the {@link SqlDialect} for capabilities and the few spellings that differ. Values become
 * {@code ?} placeholders named as {@link BindWalker} numbers them; identifiers are quoted when they
 * are reserved words or not plain lower-case names.
 */
public final class SqlCompiler {
  private final SqlDialect dialect;
  private final IdentityHashMap<Nodes.Bind<?>, Integer> bindIndexes;
  private StringBuilder sql = new StringBuilder(128);
  private List<String> names = new ArrayList<>();
  private List<SqlType<?>> types = new ArrayList<>();

  /** CTEs with a body met while compiling the outermost query, by name, in dependency order. */
  private Map<String, Cte> ctes;

  /** The names of the CTEs the CTE body being rendered reads, or null outside one. */
  private List<String> cteUses;

  /** The FROM sources of the enclosing queries, for correlated subqueries. */
  private Deque<Set<FromSource>> enclosing = new ArrayDeque<>();

  /**
   * Whether column references carry their table name (not at the top of an INSERT/UPDATE/DELETE).
   */
  private boolean qualify = true;

  private int anonymous;
  private final boolean schemaTokens;

  private SqlCompiler(SqlDialect dialect, Statement statement, boolean schemaTokens) {
    this.dialect = dialect;
    this.bindIndexes = BindWalker.indexes(statement);
    this.schemaTokens = schemaTokens;
  }

  /**
   * Compiles a statement.
   *
   * @throws UnsupportedFeatureException naming a construct the dialect cannot render
   * @throws ArgumentException for a statement that is not valid SQL anywhere
   */
  public static Compiled compile(SqlDialect dialect, Statement statement) {
    return compile(dialect, statement, false);
  }

  /**
   * Compiles a statement, writing schema names as {@link SchemaTokens} when asked so that a schema
   * translation can be applied at execution.
   */
  public static Compiled compile(SqlDialect dialect, Statement statement, boolean schemaTokens) {
    SqlCompiler c = new SqlCompiler(dialect, statement, schemaTokens);
    List<Expression<?>> columns = List.of();
    List<String> keyColumns = List.of();
    boolean keysAsRows = false;
    switch (statement) {
      case SelectStatement s -> {
        c.query(s);
        columns = s.selectedExpressions();
      }
      case Insert i -> {
        keyColumns = c.insert(i);
        columns = i.returning();
        keysAsRows = !keyColumns.isEmpty();
      }
      case Update u -> {
        c.update(u);
        columns = u.returning();
      }
      case Delete d -> {
        c.delete(d);
        columns = d.returning();
      }
      default ->
          throw new ArgumentException(
              "Cannot compile a " + statement.getClass().getName() + " statement");
    }
    return new Compiled(c.sql.toString(), c.names, keyColumns, columns, keysAsRows, c.types);
  }

  // ---- queries ----

  /** A query; the outermost one writes the WITH clause for every CTE used inside it. */
  private void query(SelectStatement query) {
    if (ctes != null) {
      queryBody(query);
      return;
    }
    ctes = new LinkedHashMap<>();
    Rendered body = rendered(() -> queryBody(query));
    if (!ctes.isEmpty()) {
      // Rendering a CTE body may meet further CTEs, which must come before it.
      Map<String, Rendered> bodies = new HashMap<>();
      List<Cte> order = new ArrayList<>();
      for (Cte cte : List.copyOf(ctes.values())) {
        renderCte(cte, bodies, order);
      }
      sql.append(order.stream().anyMatch(Cte::recursive) ? "WITH RECURSIVE " : "WITH ");
      for (int i = 0; i < order.size(); i++) {
        Cte cte = order.get(i);
        if (i > 0) {
          sql.append(", ");
        }
        sql.append(dialect.identifier(cte.name()));
        if (!cte.columnNames().isEmpty()) {
          sql.append(" (");
          joinNames(cte.columnNames());
          sql.append(')');
        }
        sql.append(" AS (");
        bodies.get(cte.name()).appendTo(this);
        sql.append(')');
      }
      sql.append(' ');
    }
    ctes = null;
    body.appendTo(this);
  }

  /** Renders a CTE's body, and before it (in {@code order}) the CTEs the body reads. */
  private void renderCte(Cte cte, Map<String, Rendered> bodies, List<Cte> order) {
    if (bodies.containsKey(cte.name())) {
      return;
    }
    bodies.put(cte.name(), null); // in progress
    List<String> savedUses = cteUses;
    List<String> uses = new ArrayList<>();
    cteUses = uses;
    Rendered rendered = rendered(() -> uncorrelated(() -> queryBody(cte.body())));
    cteUses = savedUses;
    for (String used : uses) {
      renderCte(ctes.get(used), bodies, order);
    }
    bodies.put(cte.name(), rendered);
    order.add(cte);
  }

  /** SQL rendered apart, with its parameter names, to be placed later. */
  private record Rendered(String sql, List<String> names, List<SqlType<?>> types) {
    void appendTo(SqlCompiler compiler) {
      compiler.sql.append(sql);
      compiler.names.addAll(names);
      compiler.types.addAll(types);
    }
  }

  private Rendered rendered(Runnable render) {
    StringBuilder outerSql = sql;
    List<String> outerNames = names;
    List<SqlType<?>> outerTypes = types;
    sql = new StringBuilder(128);
    names = new ArrayList<>();
    types = new ArrayList<>();
    try {
      render.run();
      return new Rendered(sql.toString(), names, types);
    } finally {
      sql = outerSql;
      names = outerNames;
      types = outerTypes;
    }
  }

  private void queryBody(SelectStatement query) {
    switch (query) {
      case Select s -> select(s);
      case CompoundSelect c -> compound(c);
    }
  }

  private void select(Select s) {
    List<FromSource> from = s.from();
    if (from.isEmpty()) {
      List<Expression<?>> used = new ArrayList<>(s.columns());
      if (s.where() != null) {
        used.add(s.where());
      }
      if (s.having() != null) {
        used.add(s.having());
      }
      Set<FromSource> outer = new HashSet<>();
      enclosing.forEach(outer::addAll);
      List<FromSource> sources = BindWalker.sources(used);
      from = new ArrayList<>();
      for (FromSource source : sources) {
        if (!outer.contains(source)) {
          from.add(inferredSource(source));
        }
      }
      if (from.isEmpty() && !sources.isEmpty()) {
        // Like SQLAlchemy, a query on one table is not correlated away to a query without FROM:
        // (SELECT max(t.x)) inside a query on t means max over t, not an aggregate of the outer
        // row.
        if (sources.size() > 1) {
          throw new ArgumentException(
              "The subquery "
                  + s
                  + " takes all its tables "
                  + sources
                  + " from the enclosing query (correlation), which leaves it no FROM: give it its"
                  + " own tables with .from(...)");
        }
        from.add(inferredSource(sources.get(0)));
      }
    }
    sql.append("SELECT ");
    if (s.distinctRows()) {
      sql.append("DISTINCT ");
    }
    boolean savedQualify = qualify;
    qualify = true;
    Set<FromSource> scope = new HashSet<>();
    for (FromSource f : from) {
      flatten(f, scope);
    }
    enclosing.push(scope);
    try {
      for (int i = 0; i < s.columns().size(); i++) {
        if (i > 0) {
          sql.append(", ");
        }
        selectItem(s.columns().get(i));
      }
      if (!from.isEmpty()) {
        sql.append(" FROM ");
        for (int i = 0; i < from.size(); i++) {
          if (i > 0) {
            sql.append(", ");
          }
          fromSource(from.get(i));
        }
      }
      if (s.where() != null) {
        sql.append(" WHERE ");
        expression(s.where());
      }
      if (!s.groupBy().isEmpty()) {
        sql.append(" GROUP BY ");
        expressionList(s.groupBy());
      }
      if (s.having() != null) {
        sql.append(" HAVING ");
        expression(s.having());
      }
      orderBy(s.orderBy());
      limitOffset(s.limit(), s.offset());
      if (s.lock() != null) {
        lock(s.lock());
      }
    } finally {
      enclosing.pop();
      qualify = savedQualify;
    }
  }

  private FromSource inferredSource(FromSource source) {
    if (source instanceof Cte cte && cte.body() == null && !isKnownCte(cte)) {
      throw new ArgumentException(
          "The query uses columns of CTE '"
              + cte.name()
              + "' but does not select from it: add .from(cte) with the CTE that has its body");
    }
    return source;
  }

  private boolean isKnownCte(Cte declaration) {
    return ctes != null && ctes.containsKey(declaration.name());
  }

  private static void flatten(FromSource source, Set<FromSource> into) {
    if (source instanceof Join j) {
      flatten(j.left(), into);
      flatten(j.right(), into);
    } else {
      into.add(source);
      if (source instanceof Cte c && c.body() != null) {
        // A CTE's columns point at its declaration (see Cte.column), so that is what nested
        // queries correlate to.
        into.add(new Cte(c.name(), c.columnNames(), null, false));
      }
    }
  }

  /**
   * Renders a query that cannot see the tables around it: a derived table in FROM or a CTE body
   * (there is no LATERAL), so every table it uses goes into its own FROM.
   */
  private void uncorrelated(Runnable render) {
    Deque<Set<FromSource>> saved = enclosing;
    boolean savedQualify = qualify;
    enclosing = new ArrayDeque<>();
    qualify = true;
    try {
      render.run();
    } finally {
      enclosing = saved;
      qualify = savedQualify;
    }
  }

  private void selectItem(Expression<?> e) {
    if (e instanceof Nodes.Label<?> l) {
      expression(l.expression());
      sql.append(" AS ").append(dialect.identifier(l.name()));
    } else {
      expression(e);
    }
  }

  private void lock(Lock lock) {
    if (!dialect.supportsRowLocks()) {
      if (lock != Lock.UPDATE) {
        throw new UnsupportedFeatureException(
            lock.sql(),
            dialect.name(),
            "the database locks as a whole on write; use a plain forUpdate()");
      }
      return;
    }
    sql.append(' ').append(lock.sql());
  }

  private void compound(CompoundSelect c) {
    if (!c.orderBy().isEmpty() && sortedAsDerivedTable(c)) {
      return;
    }
    for (int i = 0; i < c.parts().size(); i++) {
      if (i > 0) {
        sql.append(' ').append(c.operator()).append(' ');
      }
      SelectStatement part = c.parts().get(i);
      boolean plain =
          part instanceof Select s
              && s.orderBy().isEmpty()
              && s.limit() == null
              && s.offset() == null
              && s.lock() == null;
      if (plain) {
        select((Select) part);
      } else {
        // Not every database takes a parenthesized or ordered query as a set operand.
        sql.append("SELECT * FROM (");
        queryBody(part);
        sql.append(") AS ").append(dialect.identifier("_u" + (++anonymous)));
      }
    }
    if (!c.orderBy().isEmpty()) {
      sql.append(" ORDER BY ");
      List<Expression<?>> selected = c.selectedExpressions();
      for (int i = 0; i < c.orderBy().size(); i++) {
        if (i > 0) {
          sql.append(", ");
        }
        Order o = c.orderBy().get(i);
        int position = selected.indexOf(o.expression());
        if (position < 0) {
          throw new ArgumentException(
              "The ORDER BY of a "
                  + c.operator()
                  + " must name one of its columns "
                  + selected
                  + ", not "
                  + o.expression());
        }
        if (o.nulls() != Order.Nulls.DEFAULT && !dialect.supportsNullsOrdering()) {
          // The emulation needs the column itself, which a position cannot stand for.
          throw new UnsupportedFeatureException(
              "NULLS FIRST/LAST over an unnamed column of a " + c.operator(),
              dialect.name(),
              "name the columns with .as(\"name\")");
        }
        String key = String.valueOf(position + 1);
        orderItem(o, () -> sql.append(key));
      }
    }
    limitOffset(c.limit(), c.offset());
  }

  /**
   * Sorts a set operation with emulated NULLS FIRST/LAST (MariaDB) by selecting from it as a
   * derived table, since its own ORDER BY may only name result columns (by position here). Returns
   * false, rendering nothing, when that is not needed or the columns have no names.
   */
  private boolean sortedAsDerivedTable(CompoundSelect c) {
    boolean needed = false;
    for (Order o : c.orderBy()) {
      needed |= o.nulls() != Order.Nulls.DEFAULT && !dialect.supportsNullsOrdering();
    }
    if (!needed) {
      return false;
    }
    CompoundSelect unsorted = new CompoundSelect(c.operator(), c.parts(), List.of(), null, null);
    List<Expression<?>> columns;
    Subquery all;
    try {
      all = new Subquery(unsorted, "_u" + (anonymous + 1));
      columns = all.columns();
    } catch (ArgumentException unnamed) {
      return false;
    }
    List<Expression<?>> selected = c.selectedExpressions();
    List<Order> orders = new ArrayList<>();
    for (Order o : c.orderBy()) {
      int position = selected.indexOf(o.expression());
      if (position < 0) {
        return false; // the usual path explains the error
      }
      orders.add(new Order(columns.get(position), o.descending(), o.nulls()));
    }
    anonymous++;
    select(
        new Select(
            columns,
            false,
            List.of(all),
            null,
            List.of(),
            null,
            orders,
            c.limit(),
            c.offset(),
            null));
    return true;
  }

  private void orderBy(List<Order> orders) {
    if (orders.isEmpty()) {
      return;
    }
    sql.append(" ORDER BY ");
    for (int i = 0; i < orders.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      Order o = orders.get(i);
      Expression<?> e =
          o.expression() instanceof Nodes.Label<?> l ? l.expression() : o.expression();
      orderItem(o, () -> operand(e));
    }
  }

  private void orderItem(Order o, Runnable key) {
    if (o.nulls() != Order.Nulls.DEFAULT && !dialect.supportsNullsOrdering()) {
      // Sort by "is null" first: 1 sorts after 0.
      sql.append("CASE WHEN ");
      key.run();
      sql.append(" IS NULL THEN ").append(o.nulls() == Order.Nulls.FIRST ? "0" : "1");
      sql.append(" ELSE ").append(o.nulls() == Order.Nulls.FIRST ? "1" : "0").append(" END, ");
    }
    key.run();
    if (o.descending()) {
      sql.append(" DESC");
    }
    if (o.nulls() != Order.Nulls.DEFAULT && dialect.supportsNullsOrdering()) {
      sql.append(o.nulls() == Order.Nulls.FIRST ? " NULLS FIRST" : " NULLS LAST");
    }
  }

  private void limitOffset(Expression<Long> limit, Expression<Long> offset) {
    if (limit != null) {
      sql.append(" LIMIT ");
      expression(limit);
    } else if (offset != null && dialect.limitForOffsetOnly() != null) {
      sql.append(' ').append(dialect.limitForOffsetOnly());
    }
    if (offset != null) {
      sql.append(" OFFSET ");
      expression(offset);
    }
  }

  // ---- FROM ----

  private void fromSource(FromSource source) {
    switch (source) {
      case Table t -> tableName(t);
      case TableAlias a -> {
        tableName(a.table());
        sql.append(" AS ").append(dialect.identifier(a.alias()));
      }
      case Subquery q -> {
        sql.append('(');
        uncorrelated(() -> query(q.select()));
        sql.append(") AS ").append(dialect.identifier(q.alias()));
      }
      case Cte c -> {
        if (c.body() != null) {
          registerCte(c);
        }
        sql.append(dialect.identifier(c.name()));
      }
      case Join j -> {
        if (j.type() == Join.Type.FULL && !dialect.supportsFullJoin()) {
          throw new UnsupportedFeatureException(
              "FULL OUTER JOIN",
              dialect.name(),
              "combine a LEFT and a RIGHT join with UNION instead");
        }
        fromSource(j.left());
        sql.append(' ').append(j.type().sql()).append(' ');
        if (j.right() instanceof Join) {
          sql.append('(');
          fromSource(j.right());
          sql.append(')');
        } else {
          fromSource(j.right());
        }
        sql.append(" ON ");
        expression(j.on());
      }
      default -> throw new ArgumentException("Cannot select from a " + source.getClass().getName());
    }
  }

  private void registerCte(Cte cte) {
    if (ctes == null) {
      throw new ArgumentException("CTE '" + cte.name() + "' is used outside of a query");
    }
    if (cteUses != null) {
      cteUses.add(cte.name());
    }
    Cte known = ctes.get(cte.name());
    if (known == null) {
      // A CTE whose body uses another must come after it: render the body's CTEs first.
      ctes.put(cte.name(), cte);
    } else if (!known.equals(cte)) {
      throw new ArgumentException(
          "Two different CTEs are named '" + cte.name() + "' in one statement");
    }
  }

  private void tableName(Table t) {
    if (schemaTokens) {
      sql.append(SchemaTokens.START).append(t.schema().orElse("")).append(SchemaTokens.END);
    } else if (t.schema().isPresent()) {
      sql.append(dialect.identifier(t.schema().get())).append('.');
    }
    sql.append(dialect.identifier(t.name()));
  }

  // ---- DML ----

  private List<String> insert(Insert i) {
    if (i.takesParameters()) {
      throw new ArgumentException(
          "The insert into '"
              + i.table()
              + "' has no values: give them with value(...)/values(...), or pass parameters"
              + " named like its columns when executing it");
    }
    List<Expression<?>> own = new ArrayList<>(i.returning());
    i.rows().forEach(own::addAll);
    if (i.upsert() != null) {
      i.upsert().updates().forEach(a -> own.add(a.value()));
    }
    requireOwnColumns(i.table(), "INSERT INTO", own);
    List<String> keyColumns = List.of();
    sql.append("INSERT INTO ");
    tableName(i.table());
    qualify = false;
    if (i.columns().isEmpty()) {
      sql.append(' ').append(dialect.insertDefaultValues());
    } else {
      sql.append(" (");
      joinNames(i.columns().stream().map(Column::name).toList());
      sql.append(')');
      if (i.select() != null) {
        sql.append(' ');
        qualify = true;
        if (i.upsert() != null && !dialect.upsertOnDuplicateKey()) {
          // SQLite takes "... FROM t ON CONFLICT" for a join's ON unless the SELECT has a WHERE.
          sql.append("SELECT * FROM (");
          query(i.select());
          sql.append(") AS ").append(dialect.identifier("_u" + (++anonymous)));
          sql.append(" WHERE 1 = 1");
        } else {
          query(i.select());
        }
        qualify = false;
      } else {
        sql.append(" VALUES ");
        for (int r = 0; r < i.rows().size(); r++) {
          if (r > 0) {
            sql.append(", ");
          }
          sql.append('(');
          expressionList(i.rows().get(r));
          sql.append(')');
        }
      }
    }
    if (i.upsert() != null) {
      onConflict(i);
    }
    if (!i.returning().isEmpty()) {
      if (dialect.supportsReturning()) {
        returning(i.returning());
      } else {
        keyColumns = generatedKeysInsteadOfReturning(i);
      }
    }
    return keyColumns;
  }

  /**
   * Without RETURNING, an insert can still return the keys the database generated, through the
   * driver's generated keys: enough for {@code returning(ID)} on an auto-increment column.
   */
  private List<String> generatedKeysInsteadOfReturning(Insert i) {
    List<String> keys = new ArrayList<>();
    for (Expression<?> e : i.returning()) {
      if (e instanceof Column<?> c && c.autoincrement()) {
        keys.add(c.name());
      } else {
        throw new UnsupportedFeatureException(
            "INSERT ... RETURNING " + e,
            dialect.name(),
            "only an auto-increment key column can be returned there (through generated keys)");
      }
    }
    if (i.rows().size() > 1 || i.select() != null) {
      throw new UnsupportedFeatureException(
          "RETURNING from a multi-row INSERT",
          dialect.name(),
          "run it with executeMany, which returns the generated keys of every row");
    }
    return keys;
  }

  private void onConflict(Insert i) {
    Insert.OnConflict conflict = i.upsert();
    if (dialect.upsertOnDuplicateKey()) {
      sql.append(" ON DUPLICATE KEY UPDATE ");
      if (conflict.updates().isEmpty()) {
        // DO NOTHING: assign a column to itself, which changes nothing.
        String column =
            dialect.identifier(
                (conflict.target().isEmpty() ? i.columns() : conflict.target()).get(0).name());
        sql.append(column).append(" = ").append(column);
      } else {
        upsertAssignments(conflict.updates());
      }
      return;
    }
    sql.append(" ON CONFLICT");
    if (!conflict.target().isEmpty()) {
      sql.append(" (");
      joinNames(conflict.target().stream().map(Column::name).toList());
      sql.append(')');
    } else if (!conflict.updates().isEmpty()) {
      throw new ArgumentException(
          "An upsert that updates needs the conflicting unique columns: onConflict(columns...)");
    }
    if (conflict.updates().isEmpty()) {
      sql.append(" DO NOTHING");
    } else {
      sql.append(" DO UPDATE SET ");
      upsertAssignments(conflict.updates());
    }
  }

  /**
   * An upsert's assignments name the existing row's columns with the table: PostgreSQL finds a bare
   * column name there ambiguous beside EXCLUDED's.
   */
  private void upsertAssignments(List<Assignment<?>> updates) {
    boolean saved = qualify;
    qualify = true;
    assignments(updates);
    qualify = saved;
  }

  private void update(Update u) {
    if (u.assignments().isEmpty()) {
      throw new ArgumentException(
          "The update of '" + u.table() + "' sets no column: call set(...)");
    }
    if (!u.returning().isEmpty() && !dialect.supportsUpdateReturning()) {
      throw new UnsupportedFeatureException(
          "UPDATE ... RETURNING", dialect.name(), "select the rows again after the update");
    }
    List<Expression<?>> own = new ArrayList<>(u.returning());
    u.assignments().forEach(a -> own.add(a.value()));
    if (u.where() != null) {
      own.add(u.where());
    }
    requireOwnColumns(u.table(), "UPDATE", own);
    sql.append("UPDATE ");
    tableName(u.table());
    sql.append(" SET ");
    qualify = false;
    enclosing.push(Set.of(u.table()));
    assignments(u.assignments());
    if (u.where() != null) {
      sql.append(" WHERE ");
      expression(u.where());
    }
    enclosing.pop();
    if (!u.returning().isEmpty()) {
      returning(u.returning());
    }
  }

  private void delete(Delete d) {
    if (!d.returning().isEmpty() && !dialect.supportsReturning()) {
      throw new UnsupportedFeatureException(
          "DELETE ... RETURNING", dialect.name(), "select the rows before deleting them");
    }
    List<Expression<?>> own = new ArrayList<>(d.returning());
    if (d.where() != null) {
      own.add(d.where());
    }
    requireOwnColumns(d.table(), "DELETE FROM", own);
    sql.append("DELETE FROM ");
    tableName(d.table());
    qualify = false;
    enclosing.push(Set.of(d.table()));
    if (d.where() != null) {
      sql.append(" WHERE ");
      expression(d.where());
    }
    enclosing.pop();
    if (!d.returning().isEmpty()) {
      returning(d.returning());
    }
  }

  /**
   * INSERT, UPDATE and DELETE write their columns unqualified, so a column of another table would
   * silently name this table's column of the same name (WHERE id = ? on the wrong id).
   */
  private static void requireOwnColumns(
      Table table, String statement, List<? extends Expression<?>> expressions) {
    for (FromSource source : BindWalker.sources(expressions)) {
      if (source != table) {
        throw new ArgumentException(
            statement
                + " '"
                + table
                + "' uses a column of '"
                + source
                + "', which the statement does not read: reach other tables through a subquery,"
                + " e.g. exists(select(...).where(...)) or column.in(select(...))");
      }
    }
  }

  private void assignments(List<Assignment<?>> assignments) {
    for (int i = 0; i < assignments.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      Assignment<?> a = assignments.get(i);
      sql.append(dialect.identifier(a.column().name())).append(" = ");
      expression(a.value());
    }
  }

  private void returning(List<Expression<?>> items) {
    sql.append(" RETURNING ");
    boolean saved = qualify;
    qualify = false;
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      selectItem(items.get(i));
    }
    qualify = saved;
  }

  // ---- expressions ----

  private void expressionList(List<? extends Expression<?>> list) {
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      expression(list.get(i));
    }
  }

  /** An expression as an operand: composite ones are parenthesized. */
  private void operand(Expression<?> e) {
    boolean wrap =
        e instanceof Nodes.Comparison
            || e instanceof Nodes.Arithmetic<?>
            || e instanceof Nodes.Junction
            || e instanceof Nodes.Not
            || e instanceof Nodes.IsNull
            || e instanceof Nodes.InList
            || e instanceof Nodes.InSelect
            || e instanceof Nodes.Between
            || e instanceof Nodes.Like
            || e instanceof Nodes.Exists;
    if (wrap) {
      sql.append('(');
      expression(e);
      sql.append(')');
    } else {
      expression(e);
    }
  }

  private void expression(Expression<?> e) {
    switch (e) {
      case Column<?> c -> column(c);
      case Nodes.ColumnRef<?> r -> {
        if (qualify) {
          sql.append(dialect.identifier(sourceName(r.source()))).append('.');
        }
        sql.append(dialect.identifier(r.name()));
      }
      case Nodes.Bind<?> b -> {
        Integer index = bindIndexes.get(b);
        if (index == null) {
          throw new IllegalStateException("bound value outside the walked statement: " + b);
        }
        placeholder(BindWalker.name(index), b.type());
      }
      case Nodes.Param<?> p -> placeholder(p.name(), p.type());
      case Nodes.Comparison c -> {
        operand(c.left());
        sql.append(' ').append(c.operator()).append(' ');
        operand(c.right());
      }
      case Nodes.Arithmetic<?> a -> {
        operand(a.left());
        sql.append(' ').append(a.operator()).append(' ');
        operand(a.right());
      }
      case Nodes.Junction j -> junction(j);
      case Nodes.Not n -> {
        sql.append("NOT (");
        expression(n.operand());
        sql.append(')');
      }
      case Nodes.IsNull n -> {
        operand(n.operand());
        sql.append(n.negated() ? " IS NOT NULL" : " IS NULL");
      }
      case Nodes.InList in -> inList(in);
      case Nodes.InSelect in -> {
        operand(in.operand());
        sql.append(in.negated() ? " NOT IN (" : " IN (");
        subquery(in.subquery());
        sql.append(')');
      }
      case Nodes.Between b -> {
        operand(b.operand());
        sql.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
        operand(b.low());
        sql.append(" AND ");
        operand(b.high());
      }
      case Nodes.Like l -> like(l);
      case Nodes.Exists x -> {
        sql.append(x.negated() ? "NOT EXISTS (" : "EXISTS (");
        subquery(x.subquery());
        sql.append(')');
      }
      case Nodes.Case<?> c -> {
        if (c.whens().isEmpty()) {
          throw new ArgumentException("A CASE needs at least one when(...)");
        }
        sql.append("CASE");
        for (Nodes.When<?> w : c.whens()) {
          sql.append(" WHEN ");
          expression(w.condition());
          sql.append(" THEN ");
          expression(w.result());
        }
        if (c.otherwise() != null) {
          sql.append(" ELSE ");
          expression(c.otherwise());
        }
        sql.append(" END");
      }
      case Nodes.Cast<?> c -> {
        sql.append("CAST(");
        expression(c.operand());
        sql.append(" AS ").append(dialect.castTypeName(c.type())).append(')');
      }
      case Nodes.Function<?> f -> {
        sql.append(f.name()).append('(');
        if (f.distinct()) {
          sql.append("DISTINCT ");
        }
        expressionList(f.arguments());
        sql.append(')');
      }
      case Nodes.Star s -> sql.append('*');
      case Nodes.Keyword<?> k -> sql.append(dialect.keyword(k.sql()));
      case Nodes.Label<?> l -> expression(l.expression());
      case Nodes.ScalarSubquery<?> s -> {
        sql.append('(');
        subquery(s.select());
        sql.append(')');
      }
      case Nodes.Over<?> o -> {
        expression(o.function());
        sql.append(" OVER (");
        window(o.window());
        sql.append(')');
      }
      case Nodes.Excluded<?> x -> {
        String column = dialect.identifier(x.column());
        sql.append(
            dialect.upsertOnDuplicateKey() ? "VALUES(" + column + ")" : "excluded." + column);
      }
      default -> throw unknown(e);
    }
  }

  /** A nested query keeps qualifying its columns, whatever statement it sits in. */
  private void subquery(SelectStatement query) {
    boolean saved = qualify;
    qualify = true;
    query(query);
    qualify = saved;
  }

  private static ArgumentException unknown(Expression<?> e) {
    return new ArgumentException(
        "Cannot compile the expression " + e + " (" + e.getClass().getName() + ")");
  }

  private void column(Column<?> c) {
    if (qualify) {
      sql.append(dialect.identifier(c.table().name())).append('.');
    }
    sql.append(dialect.identifier(c.name()));
  }

  private static String sourceName(FromSource source) {
    return switch (source) {
      case TableAlias a -> a.alias();
      case Subquery q -> q.alias();
      case Cte c -> c.name();
      case Table t -> t.name();
      default -> throw new ArgumentException("A column cannot belong to " + source);
    };
  }

  private void placeholder(String name, SqlType<?> type) {
    sql.append(dialect.placeholder(type));
    names.add(name);
    types.add(type);
  }

  private void junction(Nodes.Junction j) {
    if (j.items().isEmpty()) {
      sql.append(j.and() ? "1 = 1" : "1 = 0");
      return;
    }
    String op = j.and() ? " AND " : " OR ";
    for (int i = 0; i < j.items().size(); i++) {
      if (i > 0) {
        sql.append(op);
      }
      Expression<Boolean> item = j.items().get(i);
      if (item instanceof Nodes.Junction) {
        sql.append('(');
        expression(item);
        sql.append(')');
      } else {
        expression(item);
      }
    }
  }

  private void inList(Nodes.InList in) {
    if (in.values().isEmpty()) {
      // Always false for IN, always true for NOT IN, even when the operand is NULL.
      sql.append(in.negated() ? "1 = 1" : "1 = 0");
      return;
    }
    operand(in.operand());
    sql.append(in.negated() ? " NOT IN (" : " IN (");
    expressionList(in.values());
    sql.append(')');
  }

  private void like(Nodes.Like l) {
    String not = l.negated() ? " NOT" : "";
    if (!l.ignoreCase()) {
      operand(l.operand());
      sql.append(not).append(" LIKE ");
      operand(l.pattern());
    } else if (dialect.supportsIlike()) {
      operand(l.operand());
      sql.append(not).append(" ILIKE ");
      operand(l.pattern());
    } else {
      sql.append("lower(");
      expression(l.operand());
      sql.append(')').append(not).append(" LIKE lower(");
      expression(l.pattern());
      sql.append(')');
    }
    if (l.escape() != null) {
      sql.append(" ESCAPE ").append(dialect.literal(l.escape().toString(), SqlTypes.TEXT));
    }
  }

  private void window(Window w) {
    if (!w.partitionBy().isEmpty()) {
      sql.append("PARTITION BY ");
      expressionList(w.partitionBy());
    }
    if (!w.orderBy().isEmpty()) {
      if (!w.partitionBy().isEmpty()) {
        sql.append(' ');
      }
      int mark = sql.length();
      orderBy(w.orderBy());
      sql.deleteCharAt(mark); // orderBy() starts with a space
    }
  }

  private void joinNames(List<String> identifiers) {
    for (int i = 0; i < identifiers.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(dialect.identifier(identifiers.get(i)));
    }
  }
}
