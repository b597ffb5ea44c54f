package dev.retort.orm;

import dev.retort.engine.Connection;
import dev.retort.engine.Result;
import dev.retort.engine.Row;
import dev.retort.error.ArgumentException;
import dev.retort.error.InvalidRequestException;
import dev.retort.orm.annotations.Cascade;
import dev.retort.orm.internal.EntityMapping;
import dev.retort.orm.internal.Mapper;
import dev.retort.orm.internal.Property;
import dev.retort.orm.internal.RelationshipMapping;
import dev.retort.orm.internal.RelationshipMapping.Kind;
import dev.retort.sql.expr.Delete;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Nodes;
import dev.retort.sql.expr.Predicate;
import dev.retort.sql.expr.Update;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One flush: finds what changed (cascades, both sides of relationships, snapshots compared with the
 * fields), then writes INSERTs, UPDATEs and DELETEs in foreign-key order, multi-row where it can,
 * and records the new database state in the objects' states only once everything succeeded.
 */
final class UnitOfWork {
  private final Session session;
  private final Connection connection;

  /** The objects this flush wrote, whose new snapshots are in InstanceState.written. */
  private final List<InstanceState> written = new ArrayList<>();

  private final List<InstanceState> inserts = new ArrayList<>();
  private final List<InstanceState> deletes = new ArrayList<>();

  UnitOfWork(Session session, Connection connection) {
    this.session = session;
    this.connection = connection;
  }

  /** Whether the session has anything to write, without writing. */
  static boolean hasChanges(Session session) {
    for (InstanceState st : session.states) {
      if (st.status == InstanceState.Status.PENDING || st.markedForDelete) {
        return true;
      }
      if (st.status == InstanceState.Status.PERSISTENT && st.snapshot != null) {
        if (changed(st) || relationsChanged(st)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean changed(InstanceState st) {
    EntityMapping<?> m = st.mapping;
    Object[] now = new Object[m.width()];
    m.getColumns(st.entity, now);
    for (Property p : m.properties()) {
      int i = p.index();
      if (!same(now[i], st.snapshot[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean relationsChanged(InstanceState st) {
    List<RelationshipMapping> rels = st.mapping.relationships();
    for (int j = 0; j < rels.size(); j++) {
      RelationshipMapping r = rels.get(j);
      Object value = r.accessor().get(st.entity);
      Object known = st.relations[j];
      if (r.kind() == Kind.MANY_TO_ONE) {
        if (known == InstanceState.UNLOADED ? value != null : value != known) {
          return true;
        }
      } else {
        List<?> current = elements(value);
        if (current != null && (known == null || !sameElements(current, (List<?>) known))) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  /** The elements of a collection field if loaded; null when unloaded or null. */
  static List<?> elements(Object value) {
    if (value instanceof OrmList<?> l) {
      return l.raw();
    }
    return value instanceof List<?> list ? list : null;
  }

  private static boolean sameElements(List<?> a, List<?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  // ---- the flush ----

  void flush() {
    try {
      flushAll();
    } finally {
      for (InstanceState st : written) {
        st.written = null;
        st.writtenBy = null;
      }
    }
  }

  /** Records what the flush wrote for an object, to become its snapshot if the flush succeeds. */
  private void wrote(InstanceState st, Object[] values) {
    if (st.writtenBy != this) {
      written.add(st);
    }
    st.written = values;
    st.writtenBy = this;
  }

  private void flushAll() {
    boolean related = session.states.anyRelated();
    if (related) {
      cascadeSaves();
      syncReferences();
    }
    cascadeDeletes();
    for (InstanceState st : session.states) {
      if (st.status == InstanceState.Status.PENDING && !st.markedForDelete) {
        inserts.add(st);
      } else if (st.status == InstanceState.Status.PERSISTENT && st.markedForDelete) {
        deletes.add(st);
      }
    }
    for (InstanceState st : session.states.snapshot()) {
      if (st.status == InstanceState.Status.PENDING && st.markedForDelete) {
        session.forget(st); // added and deleted before any flush: nothing to write
      }
    }
    List<Table> order = tableOrder();
    for (InstanceState st : session.states) {
      // A changed object without relationships is journaled by updateIn, which compares its
      // columns anyway; with relationships, its association rows may change too.
      if (st.status == InstanceState.Status.PENDING
          || st.markedForDelete
          || (st.status == InstanceState.Status.PERSISTENT
              && st.snapshot != null
              && !st.mapping.relationships().isEmpty()
              && (changed(st) || relationsChanged(st)))) {
        session.journal(st);
      }
    }
    for (Table t : order) {
      insertInto(t);
    }
    for (Table t : order) {
      updateIn(t);
    }
    if (related) {
      writeAssociations();
    }
    for (int i = order.size() - 1; i >= 0; i--) {
      deleteFrom(order.get(i));
    }
    // Everything was written: record it.
    for (InstanceState st : inserts) {
      st.status = InstanceState.Status.PERSISTENT;
      st.id = st.mapping.idOf(st.entity);
      session.identity.put(st);
    }
    for (InstanceState st : written) {
      st.snapshot = st.written;
    }
    for (InstanceState st : deletes) {
      st.status = InstanceState.Status.DELETED;
      st.markedForDelete = false;
      session.identity.removeIfSame(st);
    }
    if (related) {
      for (InstanceState st : session.states) {
        if (st.status == InstanceState.Status.PERSISTENT) {
          recordRelations(st);
        }
      }
    }
  }

  private static void recordRelations(InstanceState st) {
    List<RelationshipMapping> rels = st.mapping.relationships();
    for (int j = 0; j < rels.size(); j++) {
      RelationshipMapping r = rels.get(j);
      Object value = r.accessor().get(st.entity);
      if (r.kind() == Kind.MANY_TO_ONE) {
        if (value != null || st.relations[j] != InstanceState.UNLOADED) {
          st.relations[j] = value;
        }
      } else {
        List<?> current = elements(value);
        if (current != null) {
          st.relations[j] = new ArrayList<>(current);
        }
      }
    }
  }

  // ---- what changed ----

  private void cascadeSaves() {
    // Only objects with relationships can reach others.
    Deque<InstanceState> todo = new ArrayDeque<>();
    for (InstanceState st : session.states) {
      if (!st.mapping.relationships().isEmpty()) {
        todo.add(st);
      }
    }
    Set<InstanceState> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    while (!todo.isEmpty()) {
      InstanceState st = todo.pop();
      if (!seen.add(st) || st.markedForDelete || st.status == InstanceState.Status.DELETED) {
        continue;
      }
      for (RelationshipMapping r : st.mapping.relationships()) {
        Object value = r.accessor().get(st.entity);
        if (r.kind() == Kind.MANY_TO_ONE) {
          if (value != null) {
            track(st, r, value, todo);
          }
          continue;
        }
        List<?> children = elements(value);
        if (children == null) {
          continue;
        }
        for (Object child : children) {
          InstanceState cs = track(st, r, child, todo);
          if (r.kind() == Kind.ONE_TO_MANY && r.inverse().accessor().get(child) != st.entity) {
            r.inverse().accessor().set(child, st.entity); // the child joined this collection
            if (cs.status == InstanceState.Status.PERSISTENT) {
              todo.push(cs);
            }
          }
        }
      }
    }
  }

  private InstanceState track(
      InstanceState owner, RelationshipMapping r, Object related, Deque<InstanceState> todo) {
    if (related == null) {
      throw new ArgumentException(r + " holds a null element");
    }
    InstanceState rs = session.stateOf(related);
    if (rs == null) {
      if (!r.cascades(Cascade.SAVE)) {
        throw new InvalidRequestException(
            r
                + " refers to a "
                + related.getClass().getSimpleName()
                + " that is not in the session, and the relationship does not cascade SAVE; add it"
                + " with session.add(...) first");
      }
      rs = session.addState(related);
      todo.push(rs);
    } else if (rs.status == InstanceState.Status.DELETED) {
      throw new InvalidRequestException(
          r + " refers to " + rs + ", which was deleted; remove the reference first");
    }
    return rs;
  }

  /**
   * Keeps both sides of one-to-many relationships in step: a child that changed its parent moves
   * between the loaded collections, and a child removed from a collection is unlinked, or deleted
   * with DELETE_ORPHAN.
   */
  private void syncReferences() {
    for (InstanceState st : session.states.snapshot()) {
      if (st.status == InstanceState.Status.DELETED) {
        continue;
      }
      List<RelationshipMapping> rels = st.mapping.relationships();
      for (int j = 0; j < rels.size(); j++) {
        RelationshipMapping r = rels.get(j);
        if (r.kind() == Kind.ONE_TO_MANY && st.relations[j] instanceof List<?> before) {
          List<?> now = elements(r.accessor().get(st.entity));
          if (now == null) {
            continue;
          }
          for (Object child : before) {
            if (containsSame(now, child)) {
              continue;
            }
            if (r.inverse().accessor().get(child) == st.entity) {
              r.inverse().accessor().set(child, null);
            }
            InstanceState cs = session.stateOf(child);
            if (cs != null
                && r.cascades(Cascade.DELETE_ORPHAN)
                && r.inverse().accessor().get(child) == null) {
              cs.markedForDelete = true;
            }
          }
        }
      }
    }
    for (InstanceState st : session.states.snapshot()) {
      if (st.status == InstanceState.Status.DELETED) {
        continue;
      }
      List<RelationshipMapping> rels = st.mapping.relationships();
      for (int j = 0; j < rels.size(); j++) {
        RelationshipMapping r = rels.get(j);
        if (r.kind() != Kind.MANY_TO_ONE || r.inverse() == null) {
          continue;
        }
        Object now = r.accessor().get(st.entity);
        Object before = st.relations[j];
        if (now == before || (before == InstanceState.UNLOADED && now == null)) {
          continue;
        }
        if (before != null && before != InstanceState.UNLOADED) {
          List<?> old = elements(r.inverse().accessor().get(before));
          if (old != null) {
            removeSame(old, st.entity);
          }
        }
        if (now != null) {
          Object list = r.inverse().accessor().get(now);
          if (list == null
              && session.stateOf(now) != null
              && session.stateOf(now).status == InstanceState.Status.PENDING) {
            list = new ArrayList<>();
            r.inverse().accessor().set(now, list);
          }
          List<?> target = elements(list);
          if (target != null && !containsSame(target, st.entity)) {
            addRaw(list, st.entity);
          }
        }
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void addRaw(Object list, Object element) {
    if (list instanceof OrmList<?> l) {
      ((List) l.raw()).add(element);
    } else {
      ((List) list).add(element);
    }
  }

  private static void removeSame(List<?> list, Object element) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == element) {
        list.remove(i);
        return;
      }
    }
  }

  static boolean containsSame(List<?> list, Object element) {
    for (Object o : list) {
      if (o == element) {
        return true;
      }
    }
    return false;
  }

  private void cascadeDeletes() {
    Deque<InstanceState> todo = new ArrayDeque<>();
    for (InstanceState st : session.states) {
      if (st.markedForDelete) {
        todo.add(st);
      }
    }
    Set<InstanceState> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    while (!todo.isEmpty()) {
      InstanceState st = todo.pop();
      if (!seen.add(st)) {
        continue;
      }
      List<RelationshipMapping> rels = st.mapping.relationships();
      for (int j = 0; j < rels.size(); j++) {
        RelationshipMapping r = rels.get(j);
        if (r.kind() == Kind.MANY_TO_ONE) {
          Object target = r.accessor().get(st.entity);
          if (target != null && r.cascades(Cascade.DELETE)) {
            InstanceState ts = session.stateOf(target);
            if (ts != null && !ts.markedForDelete) {
              ts.markedForDelete = true;
              todo.push(ts);
            }
          }
          continue;
        }
        if (r.kind() != Kind.ONE_TO_MANY) {
          continue; // association rows are deleted with either side; elements stay
        }
        List<?> children = elements(r.accessor().get(st.entity));
        if (children == null && st.status == InstanceState.Status.PERSISTENT) {
          session.loader().load(r, List.of(st));
          children = elements(r.accessor().get(st.entity));
        }
        if (children == null) {
          continue;
        }
        for (Object child : List.copyOf(children)) {
          InstanceState cs = session.stateOf(child);
          if (cs == null) {
            continue;
          }
          if (r.cascades(Cascade.DELETE)) {
            if (!cs.markedForDelete) {
              cs.markedForDelete = true;
              todo.push(cs);
            }
          } else if (!cs.markedForDelete && r.inverse().accessor().get(child) == st.entity) {
            r.inverse().accessor().set(child, null); // unlink: the child's key becomes NULL
          }
        }
      }
    }
  }

  /** The tables involved, parents before children. */
  private List<Table> tableOrder() {
    Set<Table> tables = new LinkedHashSet<>();
    Table last = null;
    for (InstanceState st : session.states) {
      Table t = st.mapping.table();
      if (t != last) { // objects of one class come in runs: hash each table once per run
        tables.add(t);
        last = t;
      }
    }
    List<Table> remaining = new ArrayList<>(tables);
    List<Table> sorted = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Table next = null;
      for (Table t : remaining) {
        boolean ready = true;
        for (Table d : t.dependencies()) {
          if (remaining.contains(d) && d != t) {
            ready = false;
            break;
          }
        }
        if (ready) {
          next = t;
          break;
        }
      }
      if (next == null) {
        throw new InvalidRequestException(
            "The tables "
                + remaining
                + " refer to each other in a cycle; Retort cannot order the"
                + " flush");
      }
      remaining.remove(next);
      sorted.add(next);
    }
    return sorted;
  }

  // ---- values ----

  /** The column values the object has now, in table order. */
  private Object[] current(InstanceState st) {
    EntityMapping<?> m = st.mapping;
    Object[] values = new Object[m.width()];
    m.getColumns(st.entity, values);
    if (m.relationships().isEmpty()) {
      return values;
    }
    for (int i = 0; i < values.length; i++) {
      RelationshipMapping r = m.foreignKeyAt(i);
      if (r == null) {
        continue;
      }
      Object target = r.accessor().get(st.entity);
      if (target == null) {
        values[i] =
            st.relations[Loader.index(r)] == InstanceState.UNLOADED && st.snapshot != null
                ? st.snapshot[i]
                : null;
      } else {
        InstanceState ts = session.stateOf(target);
        Object id = r.target().idOf(target);
        if (ts == null || id == null) {
          throw new InvalidRequestException(
              r + " refers to a " + target.getClass().getSimpleName() + " with no key yet");
        }
        values[i] = id;
      }
    }
    return values;
  }

  private void insertInto(Table table) {
    List<InstanceState> rows = new ArrayList<>();
    for (InstanceState st : inserts) {
      if (st.mapping.table() == table) {
        rows.add(st);
      }
    }
    // A table referring to itself: parents go in an earlier statement than their children. Rows
    // are split in one pass (identity sets, not List.contains/removeAll, which made a flush of n
    // new rows take n^2 comparisons).
    while (!rows.isEmpty()) {
      Set<InstanceState> remaining = identitySet(rows);
      List<InstanceState> wave = new ArrayList<>();
      List<InstanceState> later = new ArrayList<>();
      for (InstanceState st : rows) {
        (sameTableTargets(st, remaining).isEmpty() ? wave : later).add(st);
      }
      if (wave.isEmpty()) {
        throw new InvalidRequestException(
            "New rows of " + table + " refer to each other in a cycle");
      }
      rows = later;
      insertWave(table, wave);
    }
  }

  private static Set<InstanceState> identitySet(List<InstanceState> states) {
    Set<InstanceState> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(states);
    return set;
  }

  /** The rows among {@code rows} that {@code st} refers to through a many-to-one on its table. */
  private List<InstanceState> sameTableTargets(InstanceState st, Set<InstanceState> rows) {
    List<InstanceState> targets = new ArrayList<>(1);
    for (RelationshipMapping r : st.mapping.relationships()) {
      if (r.kind() == Kind.MANY_TO_ONE && r.target() == st.mapping) {
        Object target = r.accessor().get(st.entity);
        if (target != null && target != st.entity) {
          InstanceState ts = session.stateOf(target);
          if (ts != null && rows.contains(ts)) {
            targets.add(ts);
          }
        }
      }
    }
    return targets;
  }

  private void insertWave(Table table, List<InstanceState> wave) {
    EntityMapping<?> m = wave.get(0).mapping;
    Property generated = m.ids().length == 1 && m.ids()[0].generated() ? m.ids()[0] : null;
    List<InstanceState> withKey = new ArrayList<>();
    List<InstanceState> withoutKey = new ArrayList<>();
    for (InstanceState st : wave) {
      if (st.mapping.version() != null) {
        Object v = st.mapping.version().accessor().get(st.entity);
        if (v == null || ((Number) v).longValue() == 0) {
          setVersion(st, 1);
        }
      }
      if (generated != null && generated.accessor().get(st.entity) == null) {
        withoutKey.add(st);
      } else {
        withKey.add(st);
      }
    }
    if (!withKey.isEmpty()) {
      List<Map<String, Object>> params = new ArrayList<>();
      for (InstanceState st : withKey) {
        Object[] values = current(st);
        checkKey(st, values);
        params.add(parameters(insertNames(m, null), values, null));
        wrote(st, values);
      }
      connection.executeMany(Insert.into(table), params);
    }
    if (!withoutKey.isEmpty()) {
      List<Map<String, Object>> params = new ArrayList<>();
      List<Object[]> all = new ArrayList<>();
      for (InstanceState st : withoutKey) {
        Object[] values = current(st);
        params.add(parameters(insertNames(m, generated), values, generated));
        all.add(values);
      }
      Result result =
          connection.executeMany(Insert.into(table).returning(generated.column()), params);
      List<Row> keys = result.all();
      if (keys.size() != withoutKey.size()) {
        throw new InvalidRequestException(
            "Inserting "
                + withoutKey.size()
                + " rows into "
                + table
                + " returned "
                + keys.size()
                + " generated keys");
      }
      for (int i = 0; i < keys.size(); i++) {
        Object key = keys.get(i).get(0, generated.column().javaType());
        InstanceState st = withoutKey.get(i);
        generated.accessor().set(st.entity, key);
        all.get(i)[generated.index()] = key;
        wrote(st, all.get(i));
      }
    }
  }

  private static void checkKey(InstanceState st, Object[] values) {
    for (Property id : st.mapping.ids()) {
      if (values[id.index()] == null) {
        throw new ArgumentException(
            "Cannot insert "
                + st.mapping.type().getSimpleName()
                + ": its key "
                + id.name()
                + " is null and not generated by the database; assign it before flushing");
      }
    }
  }

  private static void setVersion(InstanceState st, long value) {
    Property v = st.mapping.version();
    Class<?> t = v.accessor().type();
    v.accessor()
        .set(st.entity, t == int.class || t == Integer.class ? (Object) (int) value : value);
  }

  // The parameter names of the INSERTs of this flush, per mapping and skipped column.
  private final Map<EntityMapping<?>, RowParameters.Names> insertNames = new IdentityHashMap<>();
  private final Map<EntityMapping<?>, RowParameters.Names> insertNamesWithoutKey =
      new IdentityHashMap<>();

  /** The column names of an INSERT of the mapping's rows, without {@code skip} when given. */
  private RowParameters.Names insertNames(EntityMapping<?> m, Property skip) {
    return (skip == null ? insertNames : insertNamesWithoutKey)
        .computeIfAbsent(
            m,
            k -> {
              List<String> names = new ArrayList<>();
              List<Column<?>> columns = m.columns();
              for (int i = 0; i < columns.size(); i++) {
                if (skip == null || skip.index() != i) {
                  names.add(columns.get(i).name());
                }
              }
              return new RowParameters.Names(names);
            });
  }

  private static Map<String, Object> parameters(
      RowParameters.Names names, Object[] values, Property skip) {
    if (skip == null) {
      return new RowParameters(names, values);
    }
    Object[] kept = new Object[values.length - 1];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (skip.index() != i) {
        kept[n++] = values[i];
      }
    }
    return new RowParameters(names, kept);
  }

  private void updateIn(Table table) {
    // Rows are grouped by which columns changed: one batched UPDATE per group. The BitSet is the
    // key itself (not its toString(), which built a string per changed row).
    Map<BitSet, Update> statements = new LinkedHashMap<>();
    Map<BitSet, List<InstanceState>> members = new LinkedHashMap<>();
    BitSet lastColumns = null;
    List<InstanceState> lastMembers = null;
    for (InstanceState st : session.states) {
      if (st.mapping.table() != table
          || st.status != InstanceState.Status.PERSISTENT
          || st.markedForDelete
          || st.writtenBy == this) {
        continue;
      }
      EntityMapping<?> m = st.mapping;
      Object[] now = current(st);
      BitSet changed = null;
      for (int i = 0; i < now.length; i++) {
        if (!same(now[i], st.snapshot[i])) {
          if (changed == null) {
            changed = new BitSet(now.length);
          }
          changed.set(i);
        }
      }
      if (changed == null) {
        continue;
      }
      for (Property id : m.ids()) {
        if (changed.get(id.index())) {
          throw new InvalidRequestException(
              "The key of "
                  + st
                  + " was changed to "
                  + now[id.index()]
                  + "; Retort does not update primary keys: delete and add a new object instead");
        }
      }
      session.journal(st); // before the version moves
      Property version = m.version();
      if (version != null) {
        if (changed.get(version.index())) {
          throw new InvalidRequestException(
              "The @Version field of " + st + " was changed by hand; Retort maintains it");
        }
        long next = ((Number) st.snapshot[version.index()]).longValue() + 1;
        setVersion(st, next);
        now[version.index()] = version.accessor().get(st.entity);
        changed.set(version.index());
      }
      if (!changed.equals(lastColumns)) { // rows in a row mostly change the same columns
        BitSet columns = changed;
        statements.computeIfAbsent(columns, k -> updateStatement(m, columns));
        lastColumns = columns;
        lastMembers = members.computeIfAbsent(columns, k -> new ArrayList<>());
      }
      lastMembers.add(st);
      wrote(st, now);
    }
    for (Map.Entry<BitSet, Update> e : statements.entrySet()) {
      List<InstanceState> states = members.get(e.getKey());
      int[] columns = e.getKey().stream().toArray();
      EntityMapping<?> m = states.get(0).mapping;
      Property[] ids = m.ids();
      Property version = m.version();
      List<String> names = new ArrayList<>();
      for (int column : columns) {
        names.add("c" + column);
      }
      for (int k = 0; k < ids.length; k++) {
        names.add("k" + k);
      }
      if (version != null) {
        names.add("v");
      }
      RowParameters.Names shared = new RowParameters.Names(names);
      List<Map<String, Object>> params = new ArrayList<>(states.size());
      for (InstanceState st : states) {
        Object[] now = st.written;
        Object[] values = new Object[names.size()];
        int n = 0;
        for (int column : columns) {
          values[n++] = now[column];
        }
        for (Property id : ids) {
          values[n++] = st.snapshot[id.index()];
        }
        if (version != null) {
          values[n] = st.snapshot[version.index()];
        }
        params.add(new RowParameters(shared, values));
      }
      long count = connection.executeMany(e.getValue(), params).rowCount();
      checkCount("UPDATE", states, count);
    }
  }

  private static void addKeyParameters(InstanceState st, Map<String, Object> p) {
    Property[] ids = st.mapping.ids();
    for (int k = 0; k < ids.length; k++) {
      p.put("k" + k, st.snapshot[ids[k].index()]);
    }
    if (st.mapping.version() != null) {
      p.put("v", st.snapshot[st.mapping.version().index()]);
    }
  }

  private static void checkCount(String what, List<InstanceState> states, long count) {
    if (count >= 0 && count != states.size()) {
      boolean versioned = states.get(0).mapping.version() != null;
      StringBuilder which = new StringBuilder();
      for (InstanceState st : states) {
        which.append(which.length() == 0 ? "" : ", ").append(st);
        if (versioned) {
          which.append(" version ").append(st.snapshot[st.mapping.version().index()]);
        }
      }
      throw new StaleDataException(
          what
              + " of "
              + states.get(0).mapping.type().getSimpleName()
              + " expected to match "
              + states.size()
              + " row(s) but matched "
              + count
              + " ("
              + which
              + "): the row was changed or deleted by someone else since this session read it."
              + " The session rolled back; load the object again and retry.");
    }
  }

  private static Predicate keyCondition(EntityMapping<?> m) {
    List<Expression<Boolean>> parts = new ArrayList<>();
    Property[] ids = m.ids();
    for (int k = 0; k < ids.length; k++) {
      parts.add(Loader.eq(ids[k].column(), new Nodes.Param<>("k" + k, ids[k].column().type())));
    }
    if (m.version() != null) {
      parts.add(
          Loader.eq(m.version().column(), new Nodes.Param<>("v", m.version().column().type())));
    }
    @SuppressWarnings("unchecked")
    Expression<Boolean>[] array = parts.toArray(Expression[]::new);
    return array.length == 1 ? (Predicate) array[0] : dev.retort.sql.Sql.and(array);
  }

  private static Update updateStatement(EntityMapping<?> m, BitSet changed) {
    Update u = Update.of(m.table());
    List<Column<?>> columns = m.table().columns();
    for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
      u = setParam(u, columns.get(i), "c" + i);
    }
    return u.where(keyCondition(m));
  }

  private static <T> Update setParam(Update u, Column<T> c, String name) {
    Expression<T> param = new Nodes.Param<>(name, c.type());
    return u.set(c, param);
  }

  private void deleteFrom(Table table) {
    List<InstanceState> rows = new ArrayList<>();
    for (InstanceState st : deletes) {
      if (st.mapping.table() == table) {
        rows.add(st);
      }
    }
    // A table referring to itself: children go in an earlier statement than their parents.
    while (!rows.isEmpty()) {
      Set<InstanceState> remaining = identitySet(rows);
      Set<InstanceState> referenced = identitySet(List.of());
      for (InstanceState st : rows) {
        referenced.addAll(sameTableTargets(st, remaining));
      }
      List<InstanceState> wave = new ArrayList<>();
      List<InstanceState> later = new ArrayList<>();
      for (InstanceState st : rows) {
        (referenced.contains(st) ? later : wave).add(st);
      }
      if (wave.isEmpty()) {
        throw new InvalidRequestException(
            "Deleted rows of " + table + " refer to each other in a cycle");
      }
      rows = later;
      deleteWave(table, wave);
    }
  }

  private void deleteWave(Table table, List<InstanceState> states) {
    EntityMapping<?> m = states.get(0).mapping;
    Delete d = Delete.from(table).where(keyCondition(m));
    List<Map<String, Object>> params = new ArrayList<>();
    for (InstanceState st : states) {
      Map<String, Object> p = new LinkedHashMap<>();
      addKeyParameters(st, p);
      params.add(p);
    }
    long count = connection.executeMany(d, params).rowCount();
    checkCount("DELETE", states, count);
  }

  /** Association rows of many-to-many relationships: removed links, then new ones. */
  private void writeAssociations() {
    Map<RelationshipMapping, List<Map<String, Object>>> added = new LinkedHashMap<>();
    Map<RelationshipMapping, List<Map<String, Object>>> removed = new LinkedHashMap<>();
    Map<Column<?>, List<Object>> deletedKeys = new LinkedHashMap<>();
    for (InstanceState st : deletes) {
      for (RelationshipMapping r : st.mapping.relationships()) {
        if (r.kind() == Kind.MANY_TO_MANY) {
          deletedKeys.computeIfAbsent(r.ownerColumn(), k -> new ArrayList<>()).add(st.id);
        }
      }
    }
    for (InstanceState st : session.states) {
      if (st.markedForDelete || st.status == InstanceState.Status.DELETED) {
        continue;
      }
      List<RelationshipMapping> rels = st.mapping.relationships();
      for (int j = 0; j < rels.size(); j++) {
        RelationshipMapping r = rels.get(j);
        if (r.kind() != Kind.MANY_TO_MANY || !r.owning()) {
          continue;
        }
        List<?> now = elements(r.accessor().get(st.entity));
        if (now == null) {
          continue;
        }
        List<?> before = st.relations[j] instanceof List<?> l ? l : List.of();
        Object ownerId = st.mapping.idOf(st.entity);
        for (Object target : now) {
          if (!containsSame(before, target)) {
            added.computeIfAbsent(r, k -> new ArrayList<>()).add(link(r, ownerId, target));
          }
        }
        for (Object target : before) {
          InstanceState ts = session.stateOf(target);
          if (!containsSame(now, target) && ts != null && !ts.markedForDelete) {
            removed.computeIfAbsent(r, k -> new ArrayList<>()).add(link(r, ownerId, target));
          }
        }
      }
    }
    for (Map.Entry<Column<?>, List<Object>> e : deletedKeys.entrySet()) {
      Column<?> c = e.getKey();
      connection.execute(Delete.from(c.table()).where(Loader.in(c, e.getValue())));
    }
    for (Map.Entry<RelationshipMapping, List<Map<String, Object>>> e : removed.entrySet()) {
      RelationshipMapping r = e.getKey();
      Predicate where =
          dev.retort.sql.Sql.and(
              Loader.eq(r.ownerColumn(), new Nodes.Param<>("o", r.ownerColumn().type())),
              Loader.eq(r.targetColumn(), new Nodes.Param<>("t", r.targetColumn().type())));
      List<Map<String, Object>> params = new ArrayList<>();
      for (Map<String, Object> link : e.getValue()) {
        params.add(
            Map.of("o", link.get(r.ownerColumn().name()), "t", link.get(r.targetColumn().name())));
      }
      connection.executeMany(Delete.from(r.association()).where(where), params);
    }
    for (Map.Entry<RelationshipMapping, List<Map<String, Object>>> e : added.entrySet()) {
      connection.executeMany(Insert.into(e.getKey().association()), e.getValue());
    }
  }

  private Map<String, Object> link(RelationshipMapping r, Object ownerId, Object target) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(r.ownerColumn().name(), ownerId);
    row.put(r.targetColumn().name(), Mapper.ofInstance(target).idOf(target));
    return row;
  }
}
