package dev.retort.orm.internal;

import dev.retort.error.ArgumentException;
import dev.retort.orm.annotations.Cascade;
import dev.retort.orm.annotations.Column;
import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.ManyToMany;
import dev.retort.orm.annotations.ManyToOne;
import dev.retort.orm.annotations.OneToMany;
import dev.retort.orm.annotations.Transient;
import dev.retort.orm.annotations.Version;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.TableBuilder;
import dev.retort.sql.types.SqlType;
import dev.retort.sql.types.SqlTypes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns annotated classes into {@link EntityMapping}s and Core tables. A class is mapped once per
 * JVM, on first use, together with every not-yet-mapped class it reaches through relationships;
 * they share one {@link MetaData} (the one of an already-mapped related class, or a new one).
 */
public final class Mapper {
  private static final Map<Class<?>, EntityMapping<?>> MAPPINGS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, MetaData> METADATA = new ConcurrentHashMap<>();
  private static final ReentrantLock LOCK = new ReentrantLock();

  private Mapper() {}

  /**
   * The mapping of an entity class, mapping it (and the classes it relates to) on first use.
   *
   * @throws ArgumentException naming the class and the problem when it cannot be mapped
   */
  @SuppressWarnings("unchecked")
  public static <T> EntityMapping<T> of(Class<T> type) {
    EntityMapping<?> m = MAPPINGS.get(type);
    if (m == null) {
      map(List.of(type));
      m = MAPPINGS.get(type);
    }
    return (EntityMapping<T>) m;
  }

  /** The mapping of an object's class, or null when the class is not an entity. */
  public static EntityMapping<?> ofInstance(Object entity) {
    Class<?> type = entity.getClass();
    EntityMapping<?> m = MAPPINGS.get(type);
    if (m == null && type.isAnnotationPresent(Entity.class)) {
      m = of(type);
    }
    return m;
  }

  /**
   * Maps the classes (and what they reach) into one metadata and returns it.
   *
   * @throws ArgumentException when they are already mapped into different metadata
   */
  public static MetaData map(List<Class<?>> types) {
    LOCK.lock();
    try {
      List<Class<?>> fresh = new ArrayList<>();
      MetaData existing = null;
      Deque<Class<?>> todo = new ArrayDeque<>(types);
      while (!todo.isEmpty()) {
        Class<?> c = todo.pop();
        if (fresh.contains(c)) {
          continue;
        }
        MetaData owner = METADATA.get(c);
        if (owner != null) {
          if (existing != null && existing != owner) {
            throw new ArgumentException(
                "Classes "
                    + types
                    + " are already mapped into different MetaData; map related classes together"
                    + " before first use");
          }
          existing = owner;
          continue;
        }
        if (!c.isAnnotationPresent(Entity.class)) {
          throw new ArgumentException(
              c.getName() + " is not an entity: annotate it with @Entity to map it");
        }
        fresh.add(c);
        for (Field f : fields(c)) {
          Class<?> target = relationshipTarget(f);
          if (target != null) {
            todo.push(target);
          }
        }
      }
      MetaData metadata = existing != null ? existing : new MetaData();
      if (!fresh.isEmpty()) {
        build(fresh, metadata);
      }
      return metadata;
    } finally {
      LOCK.unlock();
    }
  }

  /** The metadata a mapped class's table is in. */
  public static MetaData metadataOf(Class<?> type) {
    of(type);
    return METADATA.get(type);
  }

  // ---- building ----

  private static void build(List<Class<?>> classes, MetaData metadata) {
    Map<Class<?>, EntityMapping<?>> built = new LinkedHashMap<>();
    Map<Class<?>, List<Object>> layouts = new LinkedHashMap<>();
    for (Class<?> c : classes) {
      built.put(c, scan(c, layouts));
    }
    for (EntityMapping<?> m : built.values()) {
      for (RelationshipMapping r : m.relationships) {
        r.target = built.containsKey(r.targetType) ? built.get(r.targetType) : of(r.targetType);
      }
    }
    Map<EntityMapping<?>, ColumnSpec> keys = new LinkedHashMap<>();
    for (EntityMapping<?> m : built.values()) {
      List<ColumnSpec> ids =
          layouts.get(m.type).stream()
              .filter(o -> o instanceof ColumnSpec s && s.id)
              .map(o -> (ColumnSpec) o)
              .toList();
      if (ids.size() == 1) {
        keys.put(m, ids.get(0));
      }
    }
    for (EntityMapping<?> m : built.values()) {
      defineTable(m, layouts.get(m.type), metadata, keys);
    }
    for (EntityMapping<?> m : built.values()) {
      for (RelationshipMapping r : m.relationships) {
        resolve(r, metadata);
      }
    }
    for (EntityMapping<?> m : built.values()) {
      for (RelationshipMapping r : m.relationships) {
        resolveInverse(r);
      }
    }
    for (EntityMapping<?> m : built.values()) {
      MAPPINGS.put(m.type, m);
      METADATA.put(m.type, metadata);
    }
  }

  private static List<Field> fields(Class<?> c) {
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> k = c;
        k != null && k != Object.class && k != Record.class;
        k = k.getSuperclass()) {
      chain.add(0, k);
    }
    List<Field> out = new ArrayList<>();
    for (Class<?> k : chain) {
      for (Field f : k.getDeclaredFields()) {
        int mod = f.getModifiers();
        if (Modifier.isStatic(mod)
            || Modifier.isTransient(mod)
            || f.isSynthetic()
            || f.isAnnotationPresent(Transient.class)) {
          continue;
        }
        out.add(f);
      }
    }
    return out;
  }

  private static Class<?> relationshipTarget(Field f) {
    if (f.isAnnotationPresent(ManyToOne.class)) {
      return f.getType();
    }
    if (f.isAnnotationPresent(OneToMany.class) || f.isAnnotationPresent(ManyToMany.class)) {
      return elementType(f);
    }
    return null;
  }

  private static Class<?> elementType(Field f) {
    Type t = f.getGenericType();
    if (f.getType() == List.class
        && t instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    throw new ArgumentException(
        "The collection relationship "
            + f.getDeclaringClass().getSimpleName()
            + "."
            + f.getName()
            + " must be declared as List<ElementEntity>, not "
            + t.getTypeName());
  }

  private static EntityMapping<?> scan(Class<?> c, Map<Class<?>, List<Object>> layouts) {
    dev.retort.orm.annotations.Table t = c.getAnnotation(dev.retort.orm.annotations.Table.class);
    String tableName = t == null ? Naming.snake(c.getSimpleName()) : t.value();
    String schema = t == null || t.schema().isEmpty() ? null : t.schema();
    EntityMapping<?> m = new EntityMapping<>(c, tableName, schema);
    MethodHandles.Lookup lookup = Accessor.lookupFor(c);
    List<Object> layout = new ArrayList<>(); // ColumnSpec or RelationshipMapping (many-to-one)
    if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      for (RecordComponent rc : components) {
        Accessor a = Accessor.ofRecordComponent(lookup, rc.getAccessor());
        layout.add(
            columnSpec(m, a, rc.getAnnotation(Column.class), rc.getAnnotation(Id.class), false));
      }
      try {
        m.constructor =
            lookup.findConstructor(
                c,
                MethodType.methodType(
                    void.class,
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new)));
      } catch (ReflectiveOperationException e) {
        throw new ArgumentException("Cannot use the canonical constructor of " + c.getName(), e);
      }
    } else {
      for (Field f : fields(c)) {
        Accessor a = Accessor.of(lookup, f);
        ManyToOne m2o = f.getAnnotation(ManyToOne.class);
        OneToMany o2m = f.getAnnotation(OneToMany.class);
        ManyToMany m2m = f.getAnnotation(ManyToMany.class);
        if (m2o != null) {
          RelationshipMapping r =
              new RelationshipMapping(
                  m,
                  a,
                  RelationshipMapping.Kind.MANY_TO_ONE,
                  f.getType(),
                  m2o.loading(),
                  cascades(m2o.cascade()),
                  null);
          r.joinColumnName =
              m2o.joinColumn().isEmpty() ? Naming.snake(f.getName()) + "_id" : m2o.joinColumn();
          r.optional = m2o.optional();
          addRelationship(m, r);
          layout.add(r);
        } else if (o2m != null) {
          addRelationship(
              m,
              new RelationshipMapping(
                  m,
                  a,
                  RelationshipMapping.Kind.ONE_TO_MANY,
                  elementType(f),
                  o2m.loading(),
                  cascades(o2m.cascade()),
                  o2m.mappedBy()));
        } else if (m2m != null) {
          RelationshipMapping r =
              new RelationshipMapping(
                  m,
                  a,
                  RelationshipMapping.Kind.MANY_TO_MANY,
                  elementType(f),
                  m2m.loading(),
                  cascades(m2m.cascade()),
                  m2m.mappedBy().isEmpty() ? null : m2m.mappedBy());
          if (r.mappedBy == null) {
            if (m2m.table().isEmpty()) {
              throw new ArgumentException(
                  "The many-to-many "
                      + r
                      + " needs table = \"...\" (the association table), or mappedBy on the"
                      + " inverse side");
            }
            r.associationName = m2m.table();
            r.ownerColumnName = m2m.joinColumn();
            r.targetColumnName = m2m.inverseJoinColumn();
            r.owning = true;
          }
          addRelationship(m, r);
        } else {
          layout.add(
              columnSpec(
                  m,
                  a,
                  f.getAnnotation(Column.class),
                  f.getAnnotation(Id.class),
                  f.isAnnotationPresent(Version.class)));
        }
      }
      try {
        m.constructor = lookup.findConstructor(c, MethodType.methodType(void.class));
      } catch (ReflectiveOperationException e) {
        throw new ArgumentException(
            "Entity " + c.getName() + " needs a constructor without arguments (any visibility)", e);
      }
    }
    layouts.put(c, layout);
    return m;
  }

  private static void addRelationship(EntityMapping<?> m, RelationshipMapping r) {
    if (m.record) {
      throw new ArgumentException(
          "Record entity " + m.type.getName() + " is read-only and cannot declare " + r);
    }
    m.relationships.add(r);
    m.relationshipsByName.put(r.name(), r);
  }

  private static Set<Cascade> cascades(Cascade[] values) {
    return values.length == 0 ? EnumSet.noneOf(Cascade.class) : EnumSet.copyOf(List.of(values));
  }

  /** A column to define: the property it becomes and its SQL options. */
  private record ColumnSpec(
      Accessor accessor,
      String name,
      SqlType<?> type,
      boolean nullable,
      boolean unique,
      boolean index,
      boolean id,
      boolean generated,
      boolean version) {}

  private static ColumnSpec columnSpec(
      EntityMapping<?> m, Accessor a, Column column, Id id, boolean version) {
    String name =
        column == null || column.name().isEmpty() ? Naming.snake(a.name()) : column.name();
    SqlType<?> type = sqlType(a, column);
    boolean generated = id != null && id.generation() == Id.Generation.IDENTITY;
    if (generated && !type.isInteger()) {
      throw new ArgumentException(
          "The key "
              + a
              + " is "
              + a.type().getSimpleName()
              + ", which the database cannot generate; use @Id(generation = Id.Generation.NONE)"
              + " and assign it, or make it a Long");
    }
    if (version
        && !(a.type() == int.class
            || a.type() == Integer.class
            || a.type() == long.class
            || a.type() == Long.class)) {
      throw new ArgumentException("The @Version field " + a + " must be an int or a long");
    }
    boolean nullable =
        id == null && !version && !a.type().isPrimitive() && (column == null || column.nullable());
    return new ColumnSpec(
        a,
        name,
        type,
        nullable,
        column != null && column.unique(),
        column != null && column.index(),
        id != null,
        generated,
        version);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SqlType<?> sqlType(Accessor a, Column column) {
    Class<?> t = a.type();
    if (t == String.class) {
      int length = column == null ? 255 : column.length();
      return length <= 0 ? SqlTypes.TEXT : SqlTypes.string(length);
    }
    if (t == Long.class || t == long.class) {
      return SqlTypes.BIGINT;
    }
    if (t == Integer.class || t == int.class) {
      return SqlTypes.INTEGER;
    }
    if (t == Short.class || t == short.class) {
      return SqlTypes.SMALLINT;
    }
    if (t == Boolean.class || t == boolean.class) {
      return SqlTypes.BOOLEAN;
    }
    if (t == Double.class || t == double.class) {
      return SqlTypes.DOUBLE;
    }
    if (t == Float.class || t == float.class) {
      return SqlTypes.FLOAT;
    }
    if (t == BigDecimal.class) {
      return column == null
          ? SqlTypes.numeric(19, 2)
          : SqlTypes.numeric(column.precision(), column.scale());
    }
    if (t == LocalDate.class) {
      return SqlTypes.DATE;
    }
    if (t == LocalTime.class) {
      return SqlTypes.TIME;
    }
    if (t == LocalDateTime.class) {
      return SqlTypes.TIMESTAMP;
    }
    if (t == OffsetDateTime.class) {
      return SqlTypes.TIMESTAMPTZ;
    }
    if (t == UUID.class) {
      return SqlTypes.UUID;
    }
    if (t == byte[].class) {
      return SqlTypes.BINARY;
    }
    if (t.isEnum()) {
      return SqlTypes.enumOf((Class) t);
    }
    throw new ArgumentException(
        "The field "
            + a
            + " has type "
            + t.getName()
            + ", which has no SQL type; mark it @Transient, or use String, a number, a boolean,"
            + " a java.time type, UUID, byte[] or an enum");
  }

  private static void defineTable(
      EntityMapping<?> m,
      List<Object> layout,
      MetaData metadata,
      Map<EntityMapping<?>, ColumnSpec> keys) {
    List<ColumnSpec> idSpecs = new ArrayList<>();
    for (Object o : layout) {
      if (o instanceof ColumnSpec s && s.id) {
        idSpecs.add(s);
      }
    }
    if (idSpecs.isEmpty()) {
      throw new ArgumentException(
          "Entity " + m.type.getName() + " has no @Id field; every entity needs a primary key");
    }
    if (idSpecs.size() > 1 && idSpecs.stream().anyMatch(ColumnSpec::generated)) {
      throw new ArgumentException(
          "Entity "
              + m.type.getName()
              + " has a composite key; its parts cannot be generated (use Id.Generation.NONE)");
    }
    m.table =
        metadata.table(
            m.tableName,
            t -> {
              if (m.schema != null) {
                t.schema(m.schema);
              }
              for (Object o : layout) {
                if (o instanceof ColumnSpec s) {
                  TableBuilder.ColumnBuilder<?> cb = t.column(s.name, s.type);
                  if (s.id && idSpecs.size() == 1) {
                    cb.primaryKey();
                  }
                  if (s.generated) {
                    cb.autoincrement();
                  }
                  if (!s.nullable) {
                    cb.notNull();
                  }
                  if (s.unique) {
                    cb.unique();
                  }
                  if (s.index) {
                    cb.index();
                  }
                } else {
                  RelationshipMapping r = (RelationshipMapping) o;
                  SqlType<?> keyType;
                  String keyName;
                  if (keys.containsKey(r.target)) {
                    keyType = keys.get(r.target).type;
                    keyName = keys.get(r.target).name;
                  } else if (r.target.table != null) {
                    keyType = r.target.singleId().column().type();
                    keyName = r.target.singleId().columnName();
                  } else {
                    throw new ArgumentException(
                        r
                            + " refers to "
                            + r.targetType.getSimpleName()
                            + ", whose key is composite");
                  }
                  TableBuilder.ColumnBuilder<?> cb = t.column(r.joinColumnName, keyType);
                  String targetTable =
                      r.target.schema == null
                          ? r.target.tableName
                          : r.target.schema + "." + r.target.tableName;
                  cb.references(targetTable + "." + keyName);
                  if (!r.optional) {
                    cb.notNull();
                  }
                  cb.index();
                }
              }
              if (idSpecs.size() > 1) {
                t.primaryKey(idSpecs.stream().map(ColumnSpec::name).toArray(String[]::new));
              }
            });
    int width = layout.size();
    m.columns = m.table.columns();
    m.columnTypes = new Class<?>[width];
    for (int i = 0; i < width; i++) {
      m.columnTypes[i] = m.columns.get(i).javaType();
    }
    m.valueTypes = new Class<?>[width];
    for (int i = 0; i < width; i++) {
      m.valueTypes[i] = MethodType.methodType(m.columnTypes[i]).wrap().returnType();
    }
    m.byIndex = new Property[width];
    m.foreignKeyAt = new RelationshipMapping[width];
    List<Property> ids = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      if (layout.get(i) instanceof ColumnSpec s) {
        Property p =
            new Property(
                s.accessor, s.name, i, s.id, s.generated, s.version, m.table.column(s.name));
        m.properties.add(p);
        m.byName.put(p.name(), p);
        m.byIndex[i] = p;
        if (s.id) {
          ids.add(p);
        }
        if (s.version) {
          m.version = p;
        }
      } else {
        RelationshipMapping r = (RelationshipMapping) layout.get(i);
        r.foreignKey = m.table.column(r.joinColumnName);
        r.foreignKeyIndex = i;
        r.owning = true;
        m.foreignKeyAt[i] = r;
      }
    }
    m.ids = ids.toArray(Property[]::new);
    m.prepareHandles();
  }

  private static void resolve(RelationshipMapping r, MetaData metadata) {
    if (r.target.record) {
      throw new ArgumentException(
          r + " refers to the record " + r.targetType.getName() + ", which maps read-only");
    }
    if (r.kind == RelationshipMapping.Kind.MANY_TO_MANY && r.mappedBy == null) {
      Property ownerId = r.owner.singleId();
      Property targetId = r.target.singleId();
      String ownerCol = r.ownerColumnName.isEmpty() ? r.owner.tableName + "_id" : r.ownerColumnName;
      String targetCol =
          r.targetColumnName.isEmpty() ? r.target.tableName + "_id" : r.targetColumnName;
      if (ownerCol.equals(targetCol)) {
        throw new ArgumentException(
            r + ": name the association columns with joinColumn and inverseJoinColumn");
      }
      r.association =
          metadata.table(
              r.associationName,
              t -> {
                t.column(ownerCol, ownerId.column().type())
                    .notNull()
                    .references(r.owner.table.fullName() + "." + ownerId.columnName());
                t.column(targetCol, targetId.column().type())
                    .notNull()
                    .references(r.target.table.fullName() + "." + targetId.columnName());
                t.primaryKey(ownerCol, targetCol);
              });
      r.ownerColumn = r.association.column(ownerCol);
      r.targetColumn = r.association.column(targetCol);
    }
  }

  private static void resolveInverse(RelationshipMapping r) {
    switch (r.kind) {
      case ONE_TO_MANY -> {
        RelationshipMapping back = r.target.relationshipsByName.get(r.mappedBy);
        if (back == null
            || back.kind != RelationshipMapping.Kind.MANY_TO_ONE
            || back.target != r.owner) {
          throw new ArgumentException(
              r
                  + " is mappedBy \""
                  + r.mappedBy
                  + "\", which must be a @ManyToOne field of "
                  + r.target.type.getSimpleName()
                  + " referring to "
                  + r.owner.type.getSimpleName());
        }
        r.inverse = back;
        back.inverse = r;
      }
      case MANY_TO_MANY -> {
        if (r.mappedBy != null) {
          RelationshipMapping owning = r.target.relationshipsByName.get(r.mappedBy);
          if (owning == null
              || owning.kind != RelationshipMapping.Kind.MANY_TO_MANY
              || owning.mappedBy != null
              || owning.target != r.owner) {
            throw new ArgumentException(
                r
                    + " is mappedBy \""
                    + r.mappedBy
                    + "\", which must be the owning @ManyToMany(table = ...) field of "
                    + r.target.type.getSimpleName());
          }
          r.association = owning.association;
          r.ownerColumn = owning.targetColumn;
          r.targetColumn = owning.ownerColumn;
          r.owning = false;
          r.inverse = owning;
          owning.inverse = r;
        }
      }
      default -> {}
    }
  }
}
