package dev.retort.benchmarks.hibernate;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.NewItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;

/**
 * What Hibernate ORM and Hibernate Reactive share: the entity classes, and the settings that turn
 * batching on (1,000 statements per batch, inserts and updates ordered), with no SQL logging,
 * statistics or second-level cache.
 */
public final class HibernateSetup {
  /** Statements per JDBC (or Vert.x) batch. */
  public static final int BATCH_SIZE = 1000;

  private HibernateSetup() {}

  /** The settings both flavours use. */
  public static Map<String, Object> commonSettings(Backend backend) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("hibernate.jdbc.batch_size", String.valueOf(BATCH_SIZE));
    settings.put("hibernate.order_inserts", "true");
    settings.put("hibernate.order_updates", "true");
    settings.put("hibernate.show_sql", "false");
    settings.put("hibernate.generate_statistics", "false");
    settings.put("hibernate.cache.use_second_level_cache", "false");
    settings.put("hibernate.hbm2ddl.auto", "none");
    if (backend == Backend.SQLITE) {
      settings.put("hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect");
    }
    return settings;
  }

  /** Registers the entities this backend uses and builds the metadata sources. */
  public static MetadataSources sources(StandardServiceRegistry registry, Backend backend) {
    return new MetadataSources(registry)
        .addAnnotatedClass(ItemEntity.class)
        .addAnnotatedClass(UpdatedItemEntity.class)
        .addAnnotatedClass(AccountEntity.class)
        .addAnnotatedClass(insertedType(backend));
  }

  /** The entity workload 4 persists on this backend. */
  public static Class<? extends ItemColumns> insertedType(Backend backend) {
    return backend == Backend.SQLITE ? InsertedItemIdentity.class : InsertedItemSequence.class;
  }

  /** Builds new entities for workload 4 from the rows to insert. */
  public static Function<NewItem, ItemColumns> newEntity(Backend backend) {
    return backend == Backend.SQLITE
        ? r -> new InsertedItemIdentity(r.name(), r.category(), r.quantity(), r.price(), r.note())
        : r -> new InsertedItemSequence(r.name(), r.category(), r.quantity(), r.price(), r.note());
  }

  /** HQL: the first items of a category. */
  public static final String PAGE = "from ItemEntity i where i.category = :c order by i.id";

  /** HQL: the total quantity over a range of ids. */
  public static final String RANGE_SUM =
      "select sum(i.quantity) from ItemEntity i where i.id between :a and :b";

  /** HQL: the first rows of the item table. */
  public static final String HYDRATE = "from ItemEntity i where i.id <= :n";

  /** HQL: every row of the update table. */
  public static final String LOAD_ALL = "from UpdatedItemEntity";

  /** The number of distinct ids the entities got. */
  public static long distinctIds(List<? extends ItemColumns> entities) {
    return entities.stream().map(ItemColumns::getId).distinct().count();
  }
}
