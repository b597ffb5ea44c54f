package dev.retort.testing;

import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.TIMESTAMPTZ;
import static dev.retort.sql.types.SqlTypes.enumOf;
import static dev.retort.sql.types.SqlTypes.numeric;
import static dev.retort.sql.types.SqlTypes.string;

import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.ReferentialAction;
import dev.retort.sql.schema.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The schema the expression-language tests query: customers, their orders and the orders' items,
 * with typed column constants the way applications declare them. Table names carry a prefix so the
 * tests do not collide with other suites in the shared server databases.
 */
public final class ShopSchema {
  /** A customer's tier, stored by name. */
  public enum Tier {
    BASIC,
    GOLD
  }

  public final MetaData metadata = new MetaData();

  public final Table customers =
      metadata.table(
          "shop_customers",
          t -> {
            t.column("id", BIGINT).primaryKey().autoincrement();
            t.column("name", string(100)).notNull();
            t.column("email", string(200)).notNull().unique();
            t.column("tier", enumOf(Tier.class, 10)).notNull();
            t.column("city", string(50));
          });

  public final Column<Long> customerId = customers.column("id", Long.class);
  public final Column<String> customerName = customers.column("name", String.class);
  public final Column<String> customerEmail = customers.column("email", String.class);
  public final Column<Tier> customerTier = customers.column("tier", Tier.class);
  public final Column<String> customerCity = customers.column("city", String.class);

  public final Table orders =
      metadata.table(
          "shop_orders",
          t -> {
            t.column("id", BIGINT).primaryKey().autoincrement();
            t.column("customer_id", BIGINT)
                .notNull()
                .references("shop_customers.id")
                .onDelete(ReferentialAction.CASCADE);
            t.column("total", numeric(10, 2)).notNull();
            t.column("placed_at", TIMESTAMPTZ).notNull();
            t.column("order", INTEGER); // a reserved word as a column name
          });

  public final Column<Long> orderId = orders.column("id", Long.class);
  public final Column<Long> orderCustomer = orders.column("customer_id", Long.class);
  public final Column<BigDecimal> orderTotal = orders.column("total", BigDecimal.class);
  public final Column<OffsetDateTime> orderPlacedAt =
      orders.column("placed_at", OffsetDateTime.class);
  public final Column<Integer> orderPosition = orders.column("order", Integer.class);
}
