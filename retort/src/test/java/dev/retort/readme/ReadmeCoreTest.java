package dev.retort.readme;

import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.sum;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.numeric;
import static dev.retort.sql.types.SqlTypes.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.Row;
import dev.retort.engine.SchemaManager;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Core section, run as written (between the markers) on in-memory SQLite. */
class ReadmeCoreTest {
  @Test
  void coreSectionRunsAsWritten() {
    List<String> printed = new ArrayList<>();
    // README:core:start
    MetaData metadata = new MetaData();
    Table customers =
        metadata.table(
            "customers",
            t -> {
              t.column("id", BIGINT).primaryKey().autoincrement();
              t.column("name", string(50)).notNull().unique();
              t.column("city", string(50));
            });
    Table orders =
        metadata.table(
            "orders",
            t -> {
              t.column("id", BIGINT).primaryKey().autoincrement();
              t.column("customer_id", BIGINT).notNull().references("customers.id");
              t.column("total", numeric(10, 2)).notNull();
            });
    Column<Long> customerId = customers.column("id", Long.class);
    Column<String> name = customers.column("name", String.class);
    Column<String> city = customers.column("city", String.class);
    Column<Long> orderCustomer = orders.column("customer_id", Long.class);
    Column<BigDecimal> total = orders.column("total", BigDecimal.class);

    try (Engine engine = Engine.create("sqlite://");
        Connection conn = engine.connect()) {
      SchemaManager.createAll(conn, metadata, true);

      // One row, returning its generated key (RETURNING, or the driver's generated keys).
      long ada =
          conn.execute(
                  insert(customers).value(name, "Ada").value(city, "London").returning(customerId))
              .scalar(Long.class);

      // Many rows: one multi-row INSERT ... RETURNING per page, keys in input order.
      List<Long> ids =
          conn.executeMany(
                  insert(customers).returning(customerId),
                  List.of(
                      Map.of("name", "Grace", "city", "Arlington"),
                      Map.of("name", "Linus", "city", "Portland")))
              .scalars(Long.class);

      conn.execute(
          insert(orders)
              .columns(orderCustomer, total)
              .values(ada, new BigDecimal("12.50"))
              .values(ada, new BigDecimal("7.25"))
              .values(ids.get(0), new BigDecimal("99.00")));

      // A join with grouping; rows are typed by the expressions selected.
      Expression<BigDecimal> spent = sum(total).as("spent");
      for (Row row :
          conn.execute(
              select(name, spent)
                  .join(orders, orderCustomer.eq(customerId))
                  .groupBy(name)
                  .having(sum(total).gt(new BigDecimal("10")))
                  .orderBy(spent.desc()))) {
        String who = row.get(name);
        BigDecimal amount = row.get(spent);
        printed.add(who + " spent " + amount); // Grace spent 99.00, then Ada spent 19.75
      }

      // Upsert: insert, or update the existing row with the proposed values.
      conn.execute(
          insert(customers)
              .value(name, "Ada")
              .value(city, "Paris")
              .onConflict(name)
              .doUpdateColumns(city));
      conn.commit();

      // Reflection: read the tables back from the live database, then query them.
      MetaData live = new MetaData();
      live.reflect(conn);
      Table found = live.table("customers");
      Column<String> foundName = found.column("name", String.class);
      Column<String> foundCity = found.column("city", String.class);
      String adaCity =
          conn.execute(select(foundCity).where(foundName.eq("Ada"))).scalar(String.class);
      printed.add("Ada lives in " + adaCity); // Ada lives in Paris
    }
    // README:core:end
    assertThat(printed)
        .containsExactly("Grace spent 99.00", "Ada spent 19.75", "Ada lives in Paris");
  }
}
