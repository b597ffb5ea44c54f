package dev.retort.sql.expr;

import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.Row;
import dev.retort.engine.SchemaManager;
import dev.retort.testing.Backend;
import dev.retort.testing.ShopSchema;
import dev.retort.testing.ShopSchema.Tier;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared set-up of the Core backend suite: the {@link ShopSchema} tables created on a backend
 * and seeded with a few customers and orders through the expression language itself, one open
 * connection, and the clean-up that drops the tables and checks no connection leaked.
 *
 * <p>The seed: Ann (GOLD, Paris) with orders 10.50 and 20.00 at positions 1 and 2; Bob (BASIC,
 * Berlin) with an order of 5.25 and no position; Cid (BASIC, no city) with no orders; Dee (GOLD,
 * Paris) with an order of 100.00 at position 3.
 */
abstract class ShopBackend {
  static final OffsetDateTime ANN_FIRST = at(2024, 1, 5, 10, 0);
  static final OffsetDateTime ANN_SECOND = at(2024, 2, 10, 12, 30);
  static final OffsetDateTime BOB_ONLY = at(2024, 1, 20, 8, 15);
  static final OffsetDateTime DEE_ONLY = at(2024, 3, 1, 0, 0);

  final ShopSchema s = new ShopSchema();

  /** Customer ids by name, as the database generated them. */
  final Map<String, Long> ids = new HashMap<>();

  Backend backend;
  Engine engine;
  Connection conn;

  static OffsetDateTime at(int year, int month, int day, int hour, int minute) {
    return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.UTC);
  }

  /** Creates the tables afresh on the backend, seeds them and opens {@link #conn}. */
  void open(Backend backend) {
    this.backend = backend;
    engine = backend.engine();
    SchemaManager.dropAll(engine, s.metadata, true);
    SchemaManager.createAll(engine, s.metadata, false);
    conn = engine.connect();
    customer("Ann", Tier.GOLD, "Paris");
    customer("Bob", Tier.BASIC, "Berlin");
    customer("Cid", Tier.BASIC, null);
    customer("Dee", Tier.GOLD, "Paris");
    for (Row row : conn.execute(select(s.customerName, s.customerId)).all()) {
      ids.put(row.get(s.customerName), row.get(s.customerId));
    }
    order("Ann", "10.50", ANN_FIRST, 1);
    order("Ann", "20.00", ANN_SECOND, 2);
    order("Bob", "5.25", BOB_ONLY, null);
    order("Dee", "100.00", DEE_ONLY, 3);
    conn.commit();
  }

  private void customer(String name, Tier tier, String city) {
    long count =
        conn.execute(
                insert(s.customers)
                    .value(s.customerName, name)
                    .value(s.customerEmail, name.toLowerCase() + "@shop.test")
                    .value(s.customerTier, tier)
                    .value(s.customerCity, city))
            .rowCount();
    assertThat(count).isOne();
  }

  private void order(String customer, String total, OffsetDateTime placedAt, Integer position) {
    conn.execute(
        insert(s.orders)
            .value(s.orderCustomer, ids.get(customer))
            .value(s.orderTotal, new BigDecimal(total))
            .value(s.orderPlacedAt, placedAt)
            .value(s.orderPosition, position));
  }

  @AfterEach
  void dropAndClose() {
    if (engine == null) {
      return;
    }
    try {
      if (conn != null) {
        conn.close();
      }
      SchemaManager.dropAll(engine, s.metadata, true);
      assertThat(engine.poolStatus().active()).as("connections still checked out").isZero();
    } finally {
      engine.close();
    }
  }

  /** The rows of a statement run on {@link #conn}. */
  List<Row> rows(Statement statement) {
    return conn.execute(statement).all();
  }

  /** One typed column of every row of a query. */
  <T> List<T> column(Statement statement, Expression<T> expression) {
    List<T> out = new ArrayList<>();
    for (Row row : rows(statement)) {
      out.add(row.get(expression));
    }
    return out;
  }

  /** The customers' names a query selects, in its order. */
  List<String> names(Statement query) {
    return column(query, s.customerName);
  }

  /** The customers matching a condition, by name. */
  List<String> customersWhere(Expression<Boolean> condition) {
    return names(select(s.customerName).where(condition).orderBy(s.customerName));
  }

  /** The positions of the orders matching a condition, in ascending order. */
  List<Integer> positionsWhere(Expression<Boolean> condition) {
    return column(
        select(s.orderPosition).where(condition).orderBy(s.orderPosition), s.orderPosition);
  }
}
