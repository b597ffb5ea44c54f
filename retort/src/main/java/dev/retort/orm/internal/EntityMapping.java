package dev.retort.orm.internal;

import dev.retort.error.ArgumentException;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Table;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one class maps to one table: its column properties, key, version and relationships. Built
 * once per class by {@link Mapper} and immutable afterwards.
 *
 * @param <T> the mapped class
 */
public final class EntityMapping<T> {
  final Class<T> type;
  final boolean record;
  final String tableName;
  final String schema;
  final List<Property> properties = new ArrayList<>();
  final Map<String, Property> byName = new LinkedHashMap<>();
  final List<RelationshipMapping> relationships = new ArrayList<>();
  final Map<String, RelationshipMapping> relationshipsByName = new LinkedHashMap<>();
  // Read-only views made once: the session asks for them per object in every flush and load.
  private final List<Property> propertiesView = Collections.unmodifiableList(properties);
  private final List<RelationshipMapping> relationshipsView =
      Collections.unmodifiableList(relationships);
  MethodHandle constructor; // no-arg, or the canonical constructor for a record

  // The constructor as ()Object, or for a record as (Object[])Object taking the components in
  // order: invoked exactly, with no per-call adaptation.
  private MethodHandle instantiate;

  // Sets every column property from an array of values in table order, as (Object, Object[])void;
  // null when a property cannot be set (a final field) or for a record.
  private MethodHandle columnSetter;

  // Reads every column property into an array in table order, as (Object, Object[])void.
  private MethodHandle columnGetter;
  Table table;
  Property[] ids;
  Property version;

  /** For each table column index: the property stored there, or null for a foreign key. */
  Property[] byIndex;

  /** For each table column index: the many-to-one stored there, or null. */
  RelationshipMapping[] foreignKeyAt;

  /** The table's columns in order, copied once (Table.columns() copies on every call). */
  List<Column<?>> columns;

  /** For each table column index: the Java class of its values. */
  Class<?>[] columnTypes;

  /** The same, primitives boxed: the class of a value as a row holds it. */
  Class<?>[] valueTypes;

  EntityMapping(Class<T> type, String tableName, String schema) {
    this.type = type;
    this.record = type.isRecord();
    this.tableName = tableName;
    this.schema = schema;
  }

  /** The mapped class. */
  public Class<T> type() {
    return type;
  }

  /** Whether the class is a record, which maps read-only. */
  public boolean isRecord() {
    return record;
  }

  /** The Core table. */
  public Table table() {
    return table;
  }

  /** The table's columns in table order (the same list every call: read it per row). */
  public List<Column<?>> columns() {
    return columns;
  }

  /** The Java class of the values of column {@code index}. */
  public Class<?> columnType(int index) {
    return columnTypes[index];
  }

  /**
   * The class of the values of column {@code index} as objects: {@link #columnType} with a
   * primitive boxed ({@code Integer} for {@code int}).
   */
  public Class<?> valueType(int index) {
    return valueTypes[index];
  }

  /** The number of columns of the table. */
  public int width() {
    return byIndex.length;
  }

  /** The column properties in table order (foreign keys of many-to-ones are not properties). */
  public List<Property> properties() {
    return propertiesView;
  }

  /** The property stored in column {@code index}, or null when a many-to-one's key is. */
  public Property propertyAt(int index) {
    return byIndex[index];
  }

  /** The many-to-one whose foreign key is column {@code index}, or null. */
  public RelationshipMapping foreignKeyAt(int index) {
    return foreignKeyAt[index];
  }

  /** The primary-key properties. */
  public Property[] ids() {
    return ids;
  }

  /** The version property, or null. */
  public Property version() {
    return version;
  }

  /** The relationships in declaration order. */
  public List<RelationshipMapping> relationships() {
    return relationshipsView;
  }

  /**
   * The named column property.
   *
   * @throws ArgumentException naming the mapped attributes when there is none
   */
  public Property property(String name) {
    Property p = byName.get(name);
    if (p == null) {
      RelationshipMapping r = relationshipsByName.get(name);
      if (r != null && r.kind == RelationshipMapping.Kind.MANY_TO_ONE) {
        return null;
      }
      throw new ArgumentException(
          type.getSimpleName()
              + " has no mapped column attribute '"
              + name
              + "'; its attributes are "
              + byName.keySet());
    }
    return p;
  }

  /**
   * The named relationship.
   *
   * @throws ArgumentException naming the relationships when there is none
   */
  public RelationshipMapping relationship(String name) {
    RelationshipMapping r = relationshipsByName.get(name);
    if (r == null) {
      throw new ArgumentException(
          type.getSimpleName()
              + " has no relationship '"
              + name
              + "'; its relationships are "
              + relationshipsByName.keySet());
    }
    return r;
  }

  /** The column typed for an attribute: a property's column or a many-to-one's foreign key. */
  public Column<?> column(String attribute) {
    RelationshipMapping r = relationshipsByName.get(attribute);
    if (r != null && r.kind == RelationshipMapping.Kind.MANY_TO_ONE) {
      return r.foreignKey;
    }
    return property(attribute).column();
  }

  /**
   * Prepares the handles that build and fill instances, once the properties are known: one call per
   * object sets all its columns (a handle per entity, which the JVM specializes), instead of one
   * call through a shared accessor per column.
   */
  void prepareHandles() {
    if (record) {
      instantiate =
          constructor
              .asSpreader(Object[].class, properties.size())
              .asType(MethodType.methodType(Object.class, Object[].class));
      return;
    }
    instantiate = constructor.asType(MethodType.methodType(Object.class));
    MethodHandle store = MethodHandles.arrayElementSetter(Object[].class); // (Object[],int,Object)
    MethodHandle reads = null;
    for (Property p : properties) {
      // (Object[] out, Object entity)void, then swapped to (Object entity, Object[] out)void
      MethodHandle one =
          MethodHandles.filterArguments(
              MethodHandles.insertArguments(store, 1, p.index()), 1, p.accessor().getterHandle());
      one =
          MethodHandles.permuteArguments(
              one, MethodType.methodType(void.class, Object.class, Object[].class), 1, 0);
      reads = reads == null ? one : MethodHandles.foldArguments(one, reads);
    }
    columnGetter = reads;
    MethodHandle element = MethodHandles.arrayElementGetter(Object[].class);
    MethodHandle all = null;
    for (Property p : properties) {
      MethodHandle set = p.accessor().setterHandle();
      if (set == null) {
        return; // setColumns falls back to the accessors, which explain the final field
      }
      MethodHandle one =
          MethodHandles.filterArguments(
              set, 1, MethodHandles.insertArguments(element, 1, p.index()));
      all = all == null ? one : MethodHandles.foldArguments(one, all);
    }
    columnSetter = all;
  }

  /**
   * Sets every column property of {@code entity} from {@code values} (column values in table
   * order).
   *
   * @throws ArgumentException when a null goes into a primitive field or a field is final
   */
  public void setColumns(Object entity, Object[] values) {
    MethodHandle h = columnSetter;
    if (h != null) {
      try {
        h.invokeExact(entity, values);
        return;
      } catch (NullPointerException e) {
        // A null for a primitive field: set them one by one below, which names the field.
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
    for (Property p : properties) {
      p.accessor().set(entity, values[p.index()]);
    }
  }

  /**
   * Reads every column property of {@code entity} into {@code values} at its column index; the
   * entries of other columns (foreign keys of many-to-ones) are left as they are.
   */
  public void getColumns(Object entity, Object[] values) {
    MethodHandle h = columnGetter;
    if (h == null) {
      for (Property p : properties) {
        values[p.index()] = p.accessor().get(entity);
      }
      return;
    }
    try {
      h.invokeExact(entity, values);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** A new empty instance through the no-arg constructor. */
  public Object newInstance() {
    try {
      return (Object) instantiate.invokeExact();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("Cannot instantiate " + type.getName(), t);
    }
  }

  /** A record built from column values in table order. */
  public Object newRecord(Object[] values) {
    Object[] args = new Object[properties.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = values[properties.get(i).index()];
    }
    try {
      return (Object) instantiate.invokeExact(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("Cannot construct " + type.getName(), t);
    }
  }

  /** The identity of an object: its key value, or a list of values for a composite key. */
  public Object idOf(Object entity) {
    if (ids.length == 1) {
      return ids[0].accessor().get(entity);
    }
    Object[] values = new Object[ids.length];
    for (int i = 0; i < ids.length; i++) {
      values[i] = ids[i].accessor().get(entity);
    }
    return Arrays.asList(values);
  }

  /** Whether a key is complete (no part is null). */
  public boolean isCompleteId(Object id) {
    if (id instanceof List<?> parts) {
      return parts.stream().allMatch(Objects::nonNull);
    }
    return id != null;
  }

  /** The identity found in a row of column values in table order, or null when it is all NULL. */
  public Object idFrom(Object[] values, int offset) {
    if (ids.length == 1) {
      return values[offset + ids[0].index()];
    }
    Object[] parts = new Object[ids.length];
    boolean any = false;
    for (int i = 0; i < ids.length; i++) {
      parts[i] = values[offset + ids[i].index()];
      any |= parts[i] != null;
    }
    return any ? Arrays.asList(parts) : null;
  }

  /** The single key column; relationships need one. */
  public Property singleId() {
    if (ids.length != 1) {
      throw new ArgumentException(
          type.getSimpleName()
              + " has a composite key "
              + Arrays.stream(ids).map(Property::name).toList()
              + "; relationships to it need a single-column key");
    }
    return ids[0];
  }

  /** The key column(s). */
  public List<Column<?>> idColumns() {
    return Arrays.stream(ids).<Column<?>>map(Property::column).toList();
  }

  @Override
  public String toString() {
    return "EntityMapping(" + type.getSimpleName() + " -> " + table + ")";
  }
}
