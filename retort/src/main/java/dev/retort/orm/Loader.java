package dev.retort.orm;

import dev.retort.engine.internal.ConnectionRows;
import dev.retort.orm.annotations.Loading;
import dev.retort.orm.internal.EntityMapping;
import dev.retort.orm.internal.Property;
import dev.retort.orm.internal.RelationshipMapping;
import dev.retort.orm.internal.RelationshipMapping.Kind;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Predicate;
import dev.retort.sql.expr.Select;
import dev.retort.sql.expr.TableAlias;
import dev.retort.sql.schema.Column;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows into objects through the session's identity map and loads relationships by strategy:
 * SELECTIN (one {@code IN} query per relationship per batch of owners), JOINED (LEFT OUTER JOINs in
 * the owners' query), LAZY and RAISE (an unloaded {@link OrmList}).
 */
final class Loader {
  /** Keys per {@code IN} query. */
  static final int IN_CHUNK = 500;

  private final Session session;

  Loader(Session session) {
    this.session = session;
  }

  /** The objects loaded or refreshed by one query, whose relationships still need loading. */
  static final class Batch {
    final List<LoaderOption> options;
    final boolean refresh;

    /**
     * The objects loaded or refreshed whose relationships need loading (objects without
     * relationships are left out), each once, in load order.
     */
    final Set<InstanceState> fresh = new LinkedHashSet<>();

    final Map<InstanceState, List<RelationshipMapping>> handled = new IdentityHashMap<>();

    Batch(List<LoaderOption> options, boolean refresh) {
      this.options = options;
      this.refresh = refresh;
    }

    Loading loadingOf(RelationshipMapping r) {
      for (LoaderOption o : options) {
        if (o.relationship().owner() == r.owner().type()
            && o.relationship().name().equals(r.name())) {
          return o.loading();
        }
      }
      return r.loading();
    }
  }

  /** A JOINED relationship of item {@code item}, whose target columns start at {@code offset}. */
  private record JoinedLoad(int item, RelationshipMapping relationship, int offset) {}

  <R> List<R> run(OrmSelect<R> query, boolean refresh) {
    Batch batch = new Batch(query.options, refresh);
    Select statement = query.select;
    List<JoinedLoad> joins = new ArrayList<>();
    List<Expression<?>> extra = new ArrayList<>();
    int width = statement.columns().size();
    boolean joinedCollection = false;
    for (int i = 0; i < query.items.size(); i++) {
      EntityMapping<?> m = query.entityAt(i);
      if (m == null || m.isRecord()) {
        continue;
      }
      for (RelationshipMapping r : m.relationships()) {
        if (batch.loadingOf(r) != Loading.JOINED) {
          continue;
        }
        int n = joins.size();
        TableAlias target = r.target().table().as("j" + n + "_" + r.target().table().name());
        Column<?> targetKey = r.target().singleId().column();
        switch (r.kind()) {
          case MANY_TO_ONE ->
              statement = statement.leftJoin(target, eq(target.col(targetKey), r.foreignKey()));
          case ONE_TO_MANY ->
              statement =
                  statement.leftJoin(
                      target, eq(target.col(r.inverse().foreignKey()), m.singleId().column()));
          case MANY_TO_MANY -> {
            TableAlias link = r.association().as("j" + n + "_" + r.association().name());
            statement =
                statement.leftJoin(link, eq(link.col(r.ownerColumn()), m.singleId().column()));
            statement =
                statement.leftJoin(target, eq(target.col(targetKey), link.col(r.targetColumn())));
          }
        }
        joinedCollection |= r.isCollection();
        joins.add(new JoinedLoad(i, r, width + extra.size()));
        extra.addAll(target.columns());
      }
    }
    if (!extra.isEmpty()) {
      List<Expression<?>> columns = new ArrayList<>(statement.columns());
      columns.addAll(extra);
      statement =
          new Select(
              columns,
              statement.distinctRows(),
              statement.from(),
              statement.where(),
              statement.groupBy(),
              statement.having(),
              statement.orderBy(),
              statement.limit(),
              statement.offset(),
              statement.lock());
    }
    List<Class<?>> types = new ArrayList<>(statement.columns().size());
    for (int i = 0; i < query.items.size(); i++) {
      EntityMapping<?> m = query.entityAt(i);
      if (m != null) {
        addValueTypes(types, m);
      } else {
        types.add(((Expression<?>) query.items.get(i)).javaType());
      }
    }
    for (JoinedLoad jl : joins) {
      addValueTypes(types, jl.relationship.target());
    }
    List<R> out = new ArrayList<>();
    Map<JoinedLoad, Map<InstanceState, List<Object>>> joined = new LinkedHashMap<>();
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    boolean dedupe = joinedCollection && !query.tuple;
    // Each row is turned into objects as it is read, its values already of the fields' types.
    ConnectionRows.forEach(
        session.connection(),
        statement,
        types,
        row -> {
          Object[] values = new Object[query.items.size()];
          for (int i = 0; i < values.length; i++) {
            EntityMapping<?> m = query.entityAt(i);
            values[i] =
                m != null ? hydrate(m, row, query.offsets[i], batch) : row[query.offsets[i]];
          }
          for (JoinedLoad jl : joins) {
            Object parent = values[jl.item];
            InstanceState ps = parent == null ? null : session.stateOf(parent);
            if (ps == null || !batch.fresh.contains(ps)) {
              continue;
            }
            List<Object> children =
                joined
                    .computeIfAbsent(jl, k -> new IdentityHashMap<>())
                    .computeIfAbsent(ps, k -> new ArrayList<>());
            Object child = hydrate(jl.relationship.target(), row, jl.offset, batch);
            if (child != null && !containsSame(children, child)) {
              children.add(child);
            }
          }
          @SuppressWarnings("unchecked")
          R result = query.tuple ? (R) new Tuple(query.items, values) : (R) values[0];
          if (!dedupe || seen.put(result, Boolean.TRUE) == null) {
            out.add(result);
          }
        });
    for (Map.Entry<JoinedLoad, Map<InstanceState, List<Object>>> e : joined.entrySet()) {
      RelationshipMapping r = e.getKey().relationship;
      for (Map.Entry<InstanceState, List<Object>> p : e.getValue().entrySet()) {
        InstanceState owner = p.getKey();
        if (r.kind() == Kind.MANY_TO_ONE) {
          setReference(owner, r, p.getValue().isEmpty() ? null : p.getValue().get(0));
        } else {
          setCollection(owner, r, p.getValue());
        }
        batch.handled.computeIfAbsent(owner, k -> new ArrayList<>()).add(r);
      }
    }
    postLoad(batch);
    return out;
  }

  private static boolean containsSame(List<Object> list, Object o) {
    for (Object x : list) {
      if (x == o) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  static Predicate eq(Expression<?> a, Expression<?> b) {
    return ((Expression<Object>) a).eq((Expression<Object>) b);
  }

  @SuppressWarnings("unchecked")
  static Predicate in(Expression<?> a, Collection<?> values) {
    return ((Expression<Object>) a).in((Collection<Object>) values);
  }

  /** The types the columns of an entity are read as: its fields' types, boxed. */
  private static void addValueTypes(List<Class<?>> types, EntityMapping<?> m) {
    for (int i = 0; i < m.width(); i++) {
      types.add(m.valueType(i));
    }
  }

  private static List<Class<?>> valueTypes(EntityMapping<?> m) {
    List<Class<?>> types = new ArrayList<>(m.width());
    addValueTypes(types, m);
    return types;
  }

  /**
   * The object for the row's columns at {@code offset} (values of the fields' types), from the
   * identity map when known.
   */
  Object hydrate(EntityMapping<?> m, Object[] row, int offset, Batch batch) {
    Property[] ids = m.ids();
    Object id;
    if (ids.length == 1) {
      id = row[offset + ids[0].index()];
      if (id == null) {
        return null;
      }
    } else {
      Object[] parts = new Object[ids.length];
      boolean any = false;
      for (int i = 0; i < parts.length; i++) {
        parts[i] = row[offset + ids[i].index()];
        any |= parts[i] != null;
      }
      if (!any) {
        return null;
      }
      id = java.util.Arrays.asList(parts);
    }
    if (m.isRecord()) {
      return m.newRecord(valuesOf(m, row, offset));
    }
    IdentityMap.Table identity = session.identity.table(m.type());
    InstanceState st = identity.get(id);
    if (st != null && !st.expired && !batch.refresh) {
      return st.entity;
    }
    Object[] values = valuesOf(m, row, offset);
    if (st == null) {
      st = new InstanceState(m, m.newInstance());
      st.status = InstanceState.Status.PERSISTENT;
      st.id = id;
      session.states.add(st);
      identity.putNew(st);
    }
    populate(st, values, batch);
    if (!m.relationships().isEmpty()) {
      batch.fresh.add(st);
    }
    return st.entity;
  }

  /**
   * The entity's column values in table order, which become its snapshot: the row itself when it
   * holds only this entity's columns (the row is the loader's to keep), else a copy of its part.
   */
  private static Object[] valuesOf(EntityMapping<?> m, Object[] row, int offset) {
    return offset == 0 && row.length == m.width()
        ? row
        : java.util.Arrays.copyOfRange(row, offset, offset + m.width());
  }

  /** Sets the fields from column values and resets the relationships to their strategy. */
  void populate(InstanceState st, Object[] values, Batch batch) {
    EntityMapping<?> m = st.mapping;
    m.setColumns(st.entity, values);
    st.snapshot = values;
    st.expired = false;
    List<RelationshipMapping> rels = m.relationships();
    for (int j = 0; j < rels.size(); j++) {
      RelationshipMapping r = rels.get(j);
      if (r.kind() == Kind.MANY_TO_ONE) {
        Object fk = values[r.foreignKeyIndex()];
        if (fk == null) {
          r.accessor().set(st.entity, null);
          st.relations[j] = null;
        } else {
          InstanceState target = session.identity.get(r.target().type(), fk);
          if (target != null) {
            r.accessor().set(st.entity, target.entity);
            st.relations[j] = target.entity;
          } else {
            r.accessor().set(st.entity, null);
            st.relations[j] = InstanceState.UNLOADED;
          }
        }
      } else {
        r.accessor()
            .set(st.entity, new OrmList<>(session, st, r, batch.loadingOf(r) == Loading.RAISE));
        st.relations[j] = null;
      }
    }
  }

  /** Loads SELECTIN relationships of everything the batch loaded, batch by batch. */
  void postLoad(Batch batch) {
    Map<EntityMapping<?>, List<InstanceState>> byMapping = new LinkedHashMap<>();
    for (InstanceState st : batch.fresh) {
      byMapping.computeIfAbsent(st.mapping, k -> new ArrayList<>()).add(st);
    }
    for (Map.Entry<EntityMapping<?>, List<InstanceState>> e : byMapping.entrySet()) {
      for (RelationshipMapping r : e.getKey().relationships()) {
        Loading loading = batch.loadingOf(r);
        if (loading != Loading.SELECTIN && loading != Loading.JOINED) {
          continue;
        }
        List<InstanceState> owners = new ArrayList<>();
        for (InstanceState st : e.getValue()) {
          List<RelationshipMapping> done = batch.handled.get(st);
          if (done == null || !done.contains(r)) {
            owners.add(st);
          }
        }
        load(r, owners);
      }
    }
  }

  /** Loads one relationship of these owners with {@code IN} queries. */
  void load(RelationshipMapping r, List<InstanceState> owners) {
    if (owners.isEmpty()) {
      return;
    }
    switch (r.kind()) {
      case MANY_TO_ONE -> loadReferences(r, owners);
      case ONE_TO_MANY, MANY_TO_MANY -> loadCollections(r, owners);
    }
  }

  private void loadReferences(RelationshipMapping r, List<InstanceState> owners) {
    int j = index(r);
    Map<Object, List<InstanceState>> waiting = new LinkedHashMap<>();
    for (InstanceState st : owners) {
      if (st.relations[j] != InstanceState.UNLOADED) {
        continue;
      }
      Object fk = st.snapshot[r.foreignKeyIndex()];
      if (fk == null) {
        setReference(st, r, null);
        continue;
      }
      InstanceState known = session.identity.get(r.target().type(), fk);
      if (known != null && !known.expired) {
        setReference(st, r, known.entity);
      } else {
        waiting.computeIfAbsent(fk, k -> new ArrayList<>()).add(st);
      }
    }
    if (waiting.isEmpty()) {
      return;
    }
    EntityMapping<?> target = r.target();
    Batch batch = new Batch(List.of(), false);
    List<Object> keys = new ArrayList<>(waiting.keySet());
    for (int start = 0; start < keys.size(); start += IN_CHUNK) {
      List<Object> chunk = keys.subList(start, Math.min(keys.size(), start + IN_CHUNK));
      Select s = Select.of(target.table()).where(in(target.singleId().column(), chunk));
      ConnectionRows.forEach(
          session.connection(), s, valueTypes(target), row -> hydrate(target, row, 0, batch));
    }
    for (Map.Entry<Object, List<InstanceState>> e : waiting.entrySet()) {
      InstanceState found = session.identity.get(target.type(), e.getKey());
      for (InstanceState st : e.getValue()) {
        setReference(st, r, found == null ? null : found.entity);
      }
    }
    postLoad(batch);
  }

  private void loadCollections(RelationshipMapping r, List<InstanceState> owners) {
    EntityMapping<?> target = r.target();
    Map<Object, InstanceState> byId = new LinkedHashMap<>();
    for (InstanceState st : owners) {
      byId.put(st.id, st);
    }
    Map<InstanceState, List<Object>> found = new IdentityHashMap<>();
    Batch batch = new Batch(List.of(), false);
    List<Object> keys = new ArrayList<>(byId.keySet());
    Column<?> targetKey = target.singleId().column();
    for (int start = 0; start < keys.size(); start += IN_CHUNK) {
      List<Object> chunk = keys.subList(start, Math.min(keys.size(), start + IN_CHUNK));
      Select s;
      int offset;
      Column<?> ownerKey;
      if (r.kind() == Kind.ONE_TO_MANY) {
        ownerKey = r.inverse().foreignKey();
        s = Select.of(target.table()).where(in(ownerKey, chunk)).orderBy(targetKey);
        offset = 0;
      } else {
        ownerKey = r.ownerColumn();
        List<Expression<?>> columns = new ArrayList<>();
        columns.add(ownerKey);
        columns.addAll(target.table().columns());
        s =
            Select.of(columns.toArray(Expression<?>[]::new))
                .join(target.table(), eq(targetKey, r.targetColumn()))
                .where(in(ownerKey, chunk))
                .orderBy(targetKey);
        offset = 1;
      }
      List<Class<?>> types = new ArrayList<>();
      if (offset == 1) {
        types.add(ownerKey.javaType());
      }
      addValueTypes(types, target);
      int ownerAt = r.kind() == Kind.ONE_TO_MANY ? r.inverse().foreignKeyIndex() : 0;
      ConnectionRows.forEach(
          session.connection(),
          s,
          types,
          row -> {
            Object child = hydrate(target, row, offset, batch);
            InstanceState owner = byId.get(row[ownerAt]);
            if (owner != null && child != null) {
              found.computeIfAbsent(owner, k -> new ArrayList<>()).add(child);
            }
          });
    }
    for (InstanceState owner : owners) {
      List<Object> children = found.getOrDefault(owner, List.of());
      setCollection(owner, r, children);
      if (r.kind() == Kind.ONE_TO_MANY) {
        int back = index(r.inverse());
        for (Object child : children) {
          InstanceState cs = session.stateOf(child);
          if (cs != null && cs.relations[back] == InstanceState.UNLOADED) {
            setReference(cs, r.inverse(), owner.entity);
          }
        }
      }
    }
    postLoad(batch);
  }

  static int index(RelationshipMapping r) {
    return r.owner().relationships().indexOf(r);
  }

  void setReference(InstanceState st, RelationshipMapping r, Object target) {
    r.accessor().set(st.entity, target);
    st.relations[index(r)] = target;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  void setCollection(InstanceState st, RelationshipMapping r, List<Object> elements) {
    Object current = r.accessor().get(st.entity);
    OrmList list;
    if (current instanceof OrmList<?> l) {
      list = l;
    } else {
      list = new OrmList<>(session, st, r, false);
      r.accessor().set(st.entity, list);
    }
    list.loaded(elements);
    st.relations[index(r)] = new ArrayList<>(elements);
  }
}
