package dev.retort.orm;

import dev.retort.engine.Connection;
import dev.retort.engine.Row;
import dev.retort.error.ArgumentException;
import dev.retort.orm.internal.EntityMapping;
import dev.retort.orm.internal.Mapper;
import dev.retort.orm.internal.Property;
import dev.retort.orm.internal.RelationshipMapping;
import dev.retort.orm.internal.RelationshipMapping.Kind;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Nodes;
import dev.retort.sql.expr.Update;
import dev.retort.sql.schema.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk INSERT and UPDATE from lists of objects or attribute maps, straight through the batched
 * executemany path (multi-row INSERT ... RETURNING where the dialect has it), bypassing the unit of
 * work: the objects are not added to the session, and no cascades or version checks run.
 */
final class Bulk {
  private Bulk() {}

  static long insert(Session session, Class<?> type, List<?> rows) {
    EntityMapping<?> m = Mapper.of(type);
    Property generated = m.ids().length == 1 && m.ids()[0].generated() ? m.ids()[0] : null;
    Map<List<String>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
    Map<List<String>, List<Object>> owners = new LinkedHashMap<>();
    for (Object row : rows) {
      Map<String, Object> values = columnValues(m, row);
      if (row != null && !(row instanceof Map<?, ?>) && m.version() != null) {
        Object v = m.version().accessor().get(row);
        if (v == null || ((Number) v).longValue() == 0) {
          values.put(m.version().columnName(), 1L);
          m.version()
              .accessor()
              .set(
                  row,
                  m.version().accessor().type() == int.class
                          || m.version().accessor().type() == Integer.class
                      ? (Object) 1
                      : (Object) 1L);
        }
      }
      if (generated != null && values.get(generated.columnName()) == null) {
        values.remove(generated.columnName());
      }
      List<String> key = List.copyOf(values.keySet());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(values);
      owners.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    Connection c = session.connection();
    long total = 0;
    for (Map.Entry<List<String>, List<Map<String, Object>>> e : groups.entrySet()) {
      boolean wantKeys =
          generated != null
              && !e.getKey().contains(generated.columnName())
              && !(owners.get(e.getKey()).get(0) instanceof Map<?, ?>);
      Insert insert = Insert.into(m.table());
      if (wantKeys) {
        List<Row> keys = c.executeMany(insert.returning(generated.column()), e.getValue()).all();
        List<Object> objects = owners.get(e.getKey());
        for (int i = 0; i < keys.size() && i < objects.size(); i++) {
          generated
              .accessor()
              .set(objects.get(i), keys.get(i).get(0, generated.column().javaType()));
        }
        total += keys.size();
      } else {
        long n = c.executeMany(insert, e.getValue()).rowCount();
        total += n < 0 ? e.getValue().size() : n;
      }
    }
    return total;
  }

  static long update(Session session, Class<?> type, List<?> rows) {
    EntityMapping<?> m = Mapper.of(type);
    Map<List<String>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
    List<Object> updatedKeys = new ArrayList<>();
    for (Object row : rows) {
      Map<String, Object> values = columnValues(m, row);
      Map<String, Object> params = new LinkedHashMap<>();
      List<Object> keyParts = new ArrayList<>();
      for (Property id : m.ids()) {
        if (!values.containsKey(id.columnName()) || values.get(id.columnName()) == null) {
          throw new ArgumentException(
              "bulkUpdate of "
                  + type.getSimpleName()
                  + ": every row needs its key "
                  + id.name()
                  + "; got "
                  + row);
        }
        Object v = values.remove(id.columnName());
        params.put("k_" + id.columnName(), v);
        keyParts.add(v);
      }
      if (values.isEmpty()) {
        continue;
      }
      for (Map.Entry<String, Object> v : values.entrySet()) {
        params.put("v_" + v.getKey(), v.getValue());
      }
      updatedKeys.add(keyParts.size() == 1 ? keyParts.get(0) : keyParts);
      groups.computeIfAbsent(List.copyOf(values.keySet()), k -> new ArrayList<>()).add(params);
    }
    Connection c = session.connection();
    long total = 0;
    for (Map.Entry<List<String>, List<Map<String, Object>>> e : groups.entrySet()) {
      Update u = Update.of(m.table());
      for (String column : e.getKey()) {
        u = set(u, m.table().column(column), "v_" + column);
      }
      for (Property id : m.ids()) {
        u = u.where(Loader.eq(id.column(), param(id.column(), "k_" + id.columnName())));
      }
      long n = c.executeMany(u, e.getValue()).rowCount();
      total += n < 0 ? e.getValue().size() : n;
    }
    for (Object id : updatedKeys) {
      InstanceState st = session.identity.get(type, id);
      if (st != null) {
        st.expired = true;
      }
    }
    return total;
  }

  private static <T> Expression<T> param(Column<T> c, String name) {
    return new Nodes.Param<>(name, c.type());
  }

  private static <T> Update set(Update u, Column<T> c, String name) {
    return u.set(c, param(c, name));
  }

  /** Column name to value, from an object's fields or a map of attribute names. */
  private static Map<String, Object> columnValues(EntityMapping<?> m, Object row) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (row instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String attribute = String.valueOf(e.getKey());
        out.put(m.column(attribute).name(), keyOf(e.getValue()));
      }
      return out;
    }
    if (row == null || !m.type().isInstance(row)) {
      throw new ArgumentException(
          "Bulk rows of "
              + m.type().getSimpleName()
              + " must be such objects or attribute maps,"
              + " got "
              + row);
    }
    for (int i = 0; i < m.width(); i++) {
      Property p = m.propertyAt(i);
      if (p != null) {
        out.put(p.columnName(), p.accessor().get(row));
      } else {
        RelationshipMapping r = m.foreignKeyAt(i);
        if (r.kind() == Kind.MANY_TO_ONE) {
          Object target = r.accessor().get(row);
          out.put(r.foreignKey().name(), target == null ? null : r.target().idOf(target));
        }
      }
    }
    return out;
  }

  /** A related object given for a many-to-one stands for its key. */
  private static Object keyOf(Object value) {
    if (value != null) {
      EntityMapping<?> m = Mapper.ofInstance(value);
      if (m != null && !m.isRecord()) {
        return m.idOf(value);
      }
    }
    return value;
  }
}
