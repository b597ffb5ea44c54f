package dev.retort.sql.expr;

import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.delete;
import static dev.retort.sql.Sql.excluded;
import static dev.retort.sql.Sql.exists;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.notExists;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.set;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.TIMESTAMPTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.engine.Result;
import dev.retort.engine.Row;
import dev.retort.error.UnsupportedFeatureException;
import dev.retort.testing.Backend;
import dev.retort.testing.ShopSchema.Tier;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The expression language on every backend, part three: INSERT, UPDATE, DELETE, RETURNING and
 * upserts, checked by reading the tables back.
 */
class CoreBackendDmlTest extends ShopBackend {
  private long scalarCount(Statement query) {
    return conn.execute(query).scalar(Long.class);
  }

  private long customerCount() {
    return scalarCount(select(count()).from(s.customers));
  }

  private long orderCount() {
    return scalarCount(select(count()).from(s.orders));
  }

  private Row customer(String email) {
    return conn.execute(select(s.customers).where(s.customerEmail.eq(email))).one();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void insertSingleRowMultiRowAndFromSelect(Backend backend) {
    open(backend);
    Result single =
        conn.execute(
            insert(s.customers)
                .value(s.customerName, "Eve")
                .value(s.customerEmail, "eve@shop.test")
                .value(s.customerTier, Tier.GOLD));
    assertThat(single.rowCount()).isOne();
    Row eve = customer("eve@shop.test");
    assertThat(eve.get(s.customerName)).isEqualTo("Eve");
    assertThat(eve.get(s.customerTier)).isEqualTo(Tier.GOLD);
    assertThat(eve.get(s.customerCity)).isNull();
    assertThat(eve.get(s.customerId)).isNotIn(ids.values());

    Result multi =
        conn.execute(
            insert(s.customers)
                .columns(s.customerName, s.customerEmail, s.customerTier, s.customerCity)
                .values("Fay", "fay@shop.test", Tier.BASIC, "Rome")
                .values("Gus", "gus@shop.test", Tier.GOLD, null)
                .values("Hal", "hal@shop.test", Tier.BASIC, "Oslo"));
    assertThat(multi.rowCount()).isEqualTo(3);
    assertThat(customerCount()).isEqualTo(8);
    assertThat(customer("fay@shop.test").get(s.customerCity)).isEqualTo("Rome");
    assertThat(customer("gus@shop.test").get(s.customerTier)).isEqualTo(Tier.GOLD);

    // From a SELECT with bound values: an order for each customer without a city (Cid, Eve, Gus).
    OffsetDateTime placed = at(2024, 6, 1, 9, 0);
    Result fromSelect =
        conn.execute(
            insert(s.orders)
                .columns(s.orderCustomer, s.orderTotal, s.orderPlacedAt, s.orderPosition)
                .from(
                    select(
                            s.customerId,
                            value(new BigDecimal("7.77"), s.orderTotal.type()),
                            value(placed, TIMESTAMPTZ),
                            value(9, INTEGER))
                        .where(s.customerCity.isNull())));
    assertThat(fromSelect.rowCount()).isEqualTo(3);
    List<Row> added = rows(select(s.orders).where(s.orderPosition.eq(9)).orderBy(s.orderCustomer));
    assertThat(added).extracting(r -> r.get(s.orderCustomer)).first().isEqualTo(ids.get("Cid"));
    assertThat(added).hasSize(3);
    assertThat(added.get(1).get(s.orderTotal)).isEqualTo(new BigDecimal("7.77"));
    assertThat(added.get(1).get(s.orderPlacedAt)).isEqualTo(placed);

    // From a SELECT on the same table: copies of the positioned orders, positions shifted.
    Result copies =
        conn.execute(
            insert(s.orders)
                .columns(s.orderCustomer, s.orderTotal, s.orderPlacedAt, s.orderPosition)
                .from(
                    select(s.orderCustomer, s.orderTotal, s.orderPlacedAt, s.orderPosition.plus(10))
                        .where(s.orderPosition.between(1, 3))));
    assertThat(copies.rowCount()).isEqualTo(3);
    assertThat(positionsWhere(s.orderPosition.gt(10))).containsExactly(11, 12, 13);
    conn.commit();
    assertThat(orderCount()).isEqualTo(10);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void updateAndDeleteWithWhere(Backend backend) {
    open(backend);
    assertThat(
            conn.execute(
                    update(s.customers).set(s.customerCity, "Lyon").where(s.customerName.eq("Cid")))
                .rowCount())
        .isOne();
    assertThat(customer("cid@shop.test").get(s.customerCity)).isEqualTo("Lyon");

    assertThat(
            conn.execute(
                    update(s.orders)
                        .set(s.orderPosition, s.orderPosition.plus(100))
                        .where(s.orderPosition.isNotNull()))
                .rowCount())
        .isEqualTo(3);
    assertThat(positionsWhere(s.orderPosition.isNotNull())).containsExactly(101, 102, 103);

    // A subquery in the WHERE, and two columns set at once.
    assertThat(
            conn.execute(
                    update(s.orders)
                        .set(s.orderTotal, new BigDecimal("0.00"))
                        .set(s.orderPosition, 7)
                        .where(
                            s.orderCustomer.in(
                                select(s.customerId).where(s.customerTier.eq(Tier.BASIC)))))
                .rowCount())
        .isOne();
    Row bobs = conn.execute(select(s.orders).where(s.orderCustomer.eq(ids.get("Bob")))).one();
    assertThat(bobs.get(s.orderTotal)).isEqualByComparingTo("0");
    assertThat(bobs.get(s.orderPosition)).isEqualTo(7);

    assertThat(conn.execute(delete(s.orders).where(s.orderPosition.eq(7))).rowCount()).isOne();
    assertThat(orderCount()).isEqualTo(3);
    // Deleting a customer cascades to its orders.
    assertThat(conn.execute(delete(s.customers).where(s.customerName.eq("Ann"))).rowCount())
        .isOne();
    assertThat(orderCount()).isEqualTo(1);
    assertThat(conn.execute(delete(s.orders)).rowCount()).isOne();
    conn.commit();
    assertThat(orderCount()).isZero();
    assertThat(customerCount()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void subqueriesAndCtesInsideUpdateDeleteAndInsert(Backend backend) {
    open(backend);
    // Correlated to the table updated / deleted from.
    Select ordersOfCustomer = select(s.orderId).where(s.orderCustomer.eq(s.customerId));
    assertThat(
            conn.execute(
                    update(s.customers)
                        .set(s.customerTier, Tier.GOLD)
                        .where(exists(ordersOfCustomer)))
                .rowCount())
        .isEqualTo(3);
    assertThat(customersWhere(s.customerTier.eq(Tier.GOLD))).containsExactly("Ann", "Bob", "Dee");
    assertThat(conn.execute(delete(s.customers).where(notExists(ordersOfCustomer))).rowCount())
        .isOne();
    assertThat(customerCount()).isEqualTo(3);

    // A CTE read by the WHERE of an UPDATE, and by the SELECT of an INSERT.
    Cte big = select(s.orderCustomer).where(s.orderTotal.ge(new BigDecimal("20"))).cte("big");
    Expression<Long> bigCustomer = big.column("customer_id", s.orderCustomer.type());
    assertThat(
            conn.execute(
                    update(s.customers)
                        .set(s.customerCity, "Big")
                        .where(s.customerId.in(select(bigCustomer).from(big))))
                .rowCount())
        .isEqualTo(2);
    assertThat(customersWhere(s.customerCity.eq("Big"))).containsExactly("Ann", "Dee");
    conn.execute(
        insert(s.orders)
            .columns(s.orderCustomer, s.orderTotal, s.orderPlacedAt, s.orderPosition)
            .from(
                select(
                        bigCustomer,
                        value(new BigDecimal("1.00"), s.orderTotal.type()),
                        value(DEE_ONLY, TIMESTAMPTZ),
                        value(50, INTEGER))
                    .from(big)));
    assertThat(
            names(
                select(s.customerName)
                    .join(s.orders, s.customerId.eq(s.orderCustomer))
                    .where(s.orderPosition.eq(50))
                    .orderBy(s.customerName)))
        .containsExactly("Ann", "Dee");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void returningWhereTheDialectHasIt(Backend backend) {
    open(backend);
    Row eve =
        conn.execute(
                insert(s.customers)
                    .value(s.customerName, "Eve")
                    .value(s.customerEmail, "eve@shop.test")
                    .value(s.customerTier, Tier.GOLD)
                    .returning(s.customerId, s.customerName))
            .one();
    assertThat(eve.get(s.customerName)).isEqualTo("Eve");
    assertThat(eve.get(s.customerId)).isEqualTo(customer("eve@shop.test").get(s.customerId));

    if (engine.dialect().supportsReturning()) {
      Row whole =
          conn.execute(
                  insert(s.customers)
                      .value(s.customerName, "Fay")
                      .value(s.customerEmail, "fay@shop.test")
                      .value(s.customerTier, Tier.BASIC)
                      .value(s.customerCity, "Rome")
                      .returning(s.customers))
              .one();
      assertThat(whole.size()).isEqualTo(5);
      assertThat(whole.get(s.customerCity)).isEqualTo("Rome");
      assertThat(whole.get(s.customerTier)).isEqualTo(Tier.BASIC);

      List<Row> deleted =
          rows(
              delete(s.orders)
                  .where(s.orderCustomer.eq(ids.get("Ann")))
                  .returning(s.orderId, s.orderTotal));
      assertThat(deleted)
          .extracting(r -> r.get(s.orderTotal))
          .containsExactlyInAnyOrder(new BigDecimal("10.50"), new BigDecimal("20.00"));
      assertThat(orderCount()).isEqualTo(2);
    }

    Update raise =
        update(s.orders)
            .set(s.orderPosition, s.orderPosition.plus(1))
            .where(s.orderPosition.isNotNull())
            .returning(s.orderCustomer, s.orderPosition);
    assertThat(engine.dialect().supportsUpdateReturning()).isEqualTo(backend != Backend.MARIADB);
    if (engine.dialect().supportsUpdateReturning()) {
      List<Row> raised = rows(raise);
      assertThat(raised).hasSize(1);
      assertThat(raised.get(0).get(s.orderCustomer)).isEqualTo(ids.get("Dee"));
      assertThat(raised.get(0).get(s.orderPosition)).isEqualTo(4);
    } else {
      assertThatThrownBy(() -> conn.execute(raise))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("UPDATE ... RETURNING")
          .hasMessageContaining(engine.dialect().name());
      // Refused before anything was sent.
      assertThat(positionsWhere(s.orderPosition.isNotNull())).containsExactly(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void upsertDoNothing(Backend backend) {
    open(backend);
    Insert.Conflict impostor =
        insert(s.customers)
            .value(s.customerName, "Impostor")
            .value(s.customerEmail, "ann@shop.test")
            .value(s.customerTier, Tier.BASIC)
            .onConflict(s.customerEmail);
    conn.execute(impostor.doNothing());
    Row ann = customer("ann@shop.test");
    assertThat(ann.get(s.customerName)).isEqualTo("Ann");
    assertThat(ann.get(s.customerTier)).isEqualTo(Tier.GOLD);
    assertThat(ann.get(s.customerId)).isEqualTo(ids.get("Ann"));
    assertThat(customerCount()).isEqualTo(4);

    conn.execute(
        insert(s.customers)
            .value(s.customerName, "Eve")
            .value(s.customerEmail, "eve@shop.test")
            .value(s.customerTier, Tier.BASIC)
            .onConflict(s.customerEmail)
            .doNothing());
    assertThat(customerCount()).isEqualTo(5);
    assertThat(customer("eve@shop.test").get(s.customerName)).isEqualTo("Eve");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void upsertDoUpdate(Backend backend) {
    open(backend);
    conn.execute(
        insert(s.customers)
            .value(s.customerName, "Ann B.")
            .value(s.customerEmail, "ann@shop.test")
            .value(s.customerTier, Tier.BASIC)
            .value(s.customerCity, "Nice")
            .onConflict(s.customerEmail)
            .doUpdate(set(s.customerName, excluded(s.customerName)), set(s.customerCity, "Lille")));
    Row ann = customer("ann@shop.test");
    assertThat(ann.get(s.customerId)).isEqualTo(ids.get("Ann"));
    assertThat(ann.get(s.customerName)).isEqualTo("Ann B.");
    assertThat(ann.get(s.customerCity)).isEqualTo("Lille");
    assertThat(ann.get(s.customerTier)).isEqualTo(Tier.GOLD);

    // Multi-row: one row conflicts and updates the proposed columns, the other is inserted.
    conn.execute(
        insert(s.customers)
            .columns(s.customerName, s.customerEmail, s.customerTier)
            .values("Bobby", "bob@shop.test", Tier.GOLD)
            .values("Eve", "eve@shop.test", Tier.BASIC)
            .onConflict(s.customerEmail)
            .doUpdateColumns(s.customerName, s.customerTier));
    Row bob = customer("bob@shop.test");
    assertThat(bob.get(s.customerName)).isEqualTo("Bobby");
    assertThat(bob.get(s.customerTier)).isEqualTo(Tier.GOLD);
    assertThat(bob.get(s.customerCity)).isEqualTo("Berlin");
    assertThat(customer("eve@shop.test").get(s.customerTier)).isEqualTo(Tier.BASIC);
    assertThat(customerCount()).isEqualTo(5);

    // The update may read the existing row: a counter on the reserved-word column "order".
    long annFirst = conn.execute(select(s.orderId).where(s.orderPosition.eq(1))).scalar(Long.class);
    for (int i = 0; i < 2; i++) {
      conn.execute(
          insert(s.orders)
              .value(s.orderId, annFirst)
              .value(s.orderCustomer, ids.get("Ann"))
              .value(s.orderTotal, new BigDecimal("1.00"))
              .value(s.orderPlacedAt, ANN_FIRST)
              .value(s.orderPosition, 1)
              .onConflict(s.orderId)
              .doUpdate(set(s.orderPosition, s.orderPosition.plus(10))));
    }
    Row first = conn.execute(select(s.orders).where(s.orderId.eq(annFirst))).one();
    assertThat(first.get(s.orderPosition)).isEqualTo(21);
    assertThat(first.get(s.orderTotal)).isEqualTo(new BigDecimal("10.50"));
    assertThat(orderCount()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void typedRowsGiveTheColumnsJavaTypes(Backend backend) {
    open(backend);
    Row row =
        conn.execute(
                select(
                        s.customerId,
                        s.customerName,
                        s.customerTier,
                        s.orderTotal,
                        s.orderPlacedAt,
                        s.orderPosition)
                    .join(s.orders, s.customerId.eq(s.orderCustomer))
                    .where(s.orderPosition.eq(1)))
            .one();
    assertThat((Object) row.get(s.customerId)).isExactlyInstanceOf(Long.class);
    assertThat((Object) row.get(s.customerName)).isExactlyInstanceOf(String.class);
    assertThat((Object) row.get(s.customerTier)).isExactlyInstanceOf(Tier.class);
    assertThat((Object) row.get(s.orderTotal)).isExactlyInstanceOf(BigDecimal.class);
    assertThat((Object) row.get(s.orderPlacedAt)).isExactlyInstanceOf(OffsetDateTime.class);
    assertThat((Object) row.get(s.orderPosition)).isExactlyInstanceOf(Integer.class);

    assertThat(row.get(s.customerId)).isEqualTo(ids.get("Ann"));
    assertThat(row.get(s.customerName)).isEqualTo("Ann");
    assertThat(row.get(s.customerTier)).isEqualTo(Tier.GOLD);
    assertThat(row.get(s.orderTotal)).isEqualTo(new BigDecimal("10.50"));
    assertThat(row.get(s.orderPlacedAt)).isEqualTo(ANN_FIRST);
    assertThat(row.get(s.orderPosition)).isEqualTo(1);

    // Through an alias, a subquery and a label the types are kept.
    TableAlias c = s.customers.as("c");
    Subquery gold =
        select(s.customerTier, s.customerId).where(s.customerTier.eq(Tier.GOLD)).subquery("g");
    Expression<Tier> tierLabel = gold.col(s.customerTier).as("t");
    Row seen =
        conn.execute(
                select(c.col(s.customerId), tierLabel)
                    .from(c)
                    .join(gold, c.col(s.customerId).eq(gold.col(s.customerId)))
                    .where(c.col(s.customerName).eq("Dee")))
            .one();
    assertThat((Object) seen.get(c.col(s.customerId))).isExactlyInstanceOf(Long.class);
    assertThat(seen.get(c.col(s.customerId))).isEqualTo(ids.get("Dee"));
    assertThat(seen.get(tierLabel)).isEqualTo(Tier.GOLD);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void reservedWordColumnName(Backend backend) {
    open(backend);
    Expression<Long> n = count().as("n");
    List<Row> byPosition =
        rows(
            select(s.orderPosition, n)
                .where(s.orderPosition.isNotNull())
                .groupBy(s.orderPosition)
                .having(count().ge(1L))
                .orderBy(s.orderPosition.desc()));
    assertThat(byPosition).extracting(r -> r.get(s.orderPosition)).containsExactly(3, 2, 1);
    assertThat(
            conn.execute(
                    update(s.orders)
                        .set(s.orderPosition, s.orderPosition.times(2))
                        .where(s.orderPosition.in(1, 2)))
                .rowCount())
        .isEqualTo(2);
    TableAlias o = s.orders.as("o");
    assertThat(
            column(
                select(o.col(s.orderPosition))
                    .from(o)
                    .where(o.col(s.orderPosition).ge(2))
                    .orderBy(o.col(s.orderPosition)),
                o.col(s.orderPosition)))
        .containsExactly(2, 3, 4);
  }
}
