package dev.retort.sql.expr;

import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.cte;
import static dev.retort.sql.Sql.exists;
import static dev.retort.sql.Sql.lower;
import static dev.retort.sql.Sql.max;
import static dev.retort.sql.Sql.notExists;
import static dev.retort.sql.Sql.rank;
import static dev.retort.sql.Sql.rowNumber;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.sum;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.engine.Row;
import dev.retort.error.ArgumentException;
import dev.retort.error.UnsupportedFeatureException;
import dev.retort.testing.Backend;
import dev.retort.testing.ShopSchema.Tier;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The expression language on every backend, part two: subqueries, CTEs, set operations, grouping,
 * ordering, paging and window functions, checked against the seeded shop data.
 */
class CoreBackendQueryTest extends ShopBackend {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void scalarAndCorrelatedSubqueries(Backend backend) {
    open(backend);
    // Correlated: the orders table is the subquery's own, the customers table the outer query's.
    Expression<Long> orderCount =
        select(count(s.orderId))
            .where(s.orderCustomer.eq(s.customerId))
            .asScalar(Long.class)
            .as("order_count");
    List<Row> rows = rows(select(s.customerName, orderCount).orderBy(s.customerName));
    assertThat(rows).extracting(r -> r.get(orderCount)).containsExactly(2L, 1L, 0L, 1L);

    // Uncorrelated, on the same table as the outer query: the latest order's customer.
    Expression<OffsetDateTime> latest = select(max(s.orderPlacedAt)).asScalar(OffsetDateTime.class);
    assertThat(
            names(
                select(s.customerName)
                    .join(s.orders, s.customerId.eq(s.orderCustomer))
                    .where(s.orderPlacedAt.eq(latest))))
        .containsExactly("Dee");

    // A subquery whose every table comes from the enclosing query would have no FROM: refused.
    Select everyTableOutside =
        select(s.customerName)
            .join(s.orders, s.customerId.eq(s.orderCustomer))
            .where(exists(select(s.orderId).where(s.orderCustomer.eq(s.customerId))));
    assertThatThrownBy(() -> conn.execute(everyTableOutside))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining(".from(...)");

    // A scalar subquery in the select list, beside the table's columns.
    Expression<BigDecimal> biggest =
        select(max(s.orderTotal)).asScalar(BigDecimal.class).as("biggest");
    Row ann = conn.execute(select(s.customerName, biggest).where(s.customerName.eq("Ann"))).one();
    assertThat(ann.get(biggest)).isEqualByComparingTo("100");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void subqueryInFrom(Backend backend) {
    open(backend);
    Expression<Long> n = count().as("n");
    Expression<BigDecimal> spent = sum(s.orderTotal).as("spent");
    Subquery perCustomer =
        select(s.orderCustomer, n, spent).groupBy(s.orderCustomer).subquery("per_customer");
    List<Row> rows =
        rows(
            select(s.customerName, perCustomer.col(n), perCustomer.col(spent))
                .join(perCustomer, s.customerId.eq(perCustomer.col(s.orderCustomer)))
                .where(perCustomer.col(n).ge(1L))
                .orderBy(perCustomer.col(spent).desc()));
    assertThat(rows).extracting(r -> r.get(s.customerName)).containsExactly("Dee", "Ann", "Bob");
    assertThat(rows).extracting(r -> r.get(perCustomer.col(n))).containsExactly(1L, 2L, 1L);
    assertThat(rows.get(1).get(perCustomer.col(spent))).isEqualByComparingTo("30.50");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void existsAndNotExists(Backend backend) {
    open(backend);
    Select ordersOfCustomer = select(s.orderId).where(s.orderCustomer.eq(s.customerId));
    assertThat(customersWhere(exists(ordersOfCustomer))).containsExactly("Ann", "Bob", "Dee");
    assertThat(customersWhere(notExists(ordersOfCustomer))).containsExactly("Cid");
    assertThat(
            customersWhere(
                exists(ordersOfCustomer.where(s.orderTotal.gt(new BigDecimal("15"))))
                    .and(s.customerTier.eq(Tier.GOLD))))
        .containsExactly("Ann", "Dee");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void ctes(Backend backend) {
    open(backend);
    Cte gold = select(s.customerId, s.customerName).where(s.customerTier.eq(Tier.GOLD)).cte("gold");
    Expression<String> goldName = gold.column("name", TEXT);
    Expression<Long> goldId = gold.column("id", BIGINT);
    assertThat(column(select(goldName).from(gold).orderBy(goldName), goldName))
        .containsExactly("Ann", "Dee");

    Expression<Long> n = count(s.orderId).as("n");
    List<Row> rows =
        rows(
            select(goldName, n)
                .from(gold)
                .join(s.orders, goldId.eq(s.orderCustomer))
                .groupBy(goldName)
                .orderBy(goldName));
    assertThat(rows).extracting(r -> r.get(n)).containsExactly(2L, 1L);

    // Two CTEs, the second reading the first.
    Cte paris = select(goldId, goldName).from(gold).where(goldName.ne("Dee")).cte("paris_gold");
    Expression<String> parisName = paris.column("name", TEXT);
    assertThat(column(select(parisName).from(paris), parisName)).containsExactly("Ann");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recursiveCte(Backend backend) {
    open(backend);
    Cte numbers = cte("numbers", "x");
    Expression<Integer> x = numbers.column("x", INTEGER);
    Cte upToFive =
        numbers.asRecursive(
            select(value(1, INTEGER).as("x"))
                .unionAll(select(x.plus(1)).from(numbers).where(x.lt(5))));
    assertThat(column(select(x).from(upToFive).orderBy(x), x)).containsExactly(1, 2, 3, 4, 5);

    // Joined with a table: one row per order position from 1 to 5, with the order if there is one.
    Expression<Long> orderId = s.orderId.as("order_id");
    List<Row> rows =
        rows(
            select(x, orderId).from(upToFive).leftJoin(s.orders, s.orderPosition.eq(x)).orderBy(x));
    assertThat(rows)
        .extracting(r -> r.get(orderId) != null)
        .containsExactly(true, true, true, false, false);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void setOperations(Backend backend) {
    open(backend);
    Select paris = select(s.customerName).where(s.customerCity.eq("Paris"));
    Select gold = select(s.customerName).where(s.customerTier.eq(Tier.GOLD));
    Select berlin = select(s.customerName).where(s.customerCity.eq("Berlin"));

    assertThat(names(paris.union(gold).union(berlin).orderBy(s.customerName)))
        .containsExactly("Ann", "Bob", "Dee");
    assertThat(column(paris.unionAll(gold).orderBy(s.customerName), s.customerName))
        .containsExactly("Ann", "Ann", "Dee", "Dee");
    assertThat(column(paris.unionAll(gold).unionAll(berlin), s.customerName)).hasSize(5);

    Select allIds = select(s.customerId);
    Select buyerIds = select(s.orderCustomer);
    assertThat(column(allIds.intersect(buyerIds).orderBy(s.customerId), s.customerId))
        .containsExactly(ids.get("Ann"), ids.get("Bob"), ids.get("Dee"));
    assertThat(column(allIds.except(buyerIds), s.customerId)).containsExactly(ids.get("Cid"));

    // Decimals sort as numbers over a set operation too.
    Select positioned = select(s.orderTotal).where(s.orderPosition.isNotNull());
    Select unpositioned = select(s.orderTotal).where(s.orderPosition.isNull());
    assertThat(column(positioned.unionAll(unpositioned).orderBy(s.orderTotal), s.orderTotal))
        .extracting(BigDecimal::toPlainString)
        .containsExactly("5.25", "10.50", "20.00", "100.00");
    assertThat(
            column(
                positioned.unionAll(unpositioned).orderBy(s.orderTotal.desc()).limit(2).offset(1),
                s.orderTotal))
        .extracting(BigDecimal::toPlainString)
        .containsExactly("20.00", "10.50");

    // Parts with their own ORDER BY / LIMIT, and a LIMIT / OFFSET over the whole.
    Select firstByName = select(s.customerName).orderBy(s.customerName).limit(1);
    Select lastByName = select(s.customerName).orderBy(s.customerName.desc()).limit(1);
    assertThat(names(firstByName.unionAll(lastByName).orderBy(s.customerName)))
        .containsExactly("Ann", "Dee");
    assertThat(
            column(
                select(s.customerName)
                    .union(select(s.customerName))
                    .orderBy(s.customerName.desc())
                    .limit(2)
                    .offset(1),
                s.customerName))
        .containsExactly("Cid", "Bob");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void groupByAndHaving(Backend backend) {
    open(backend);
    Expression<Long> n = count().as("n");
    List<Row> byCity = rows(select(s.customerCity, n).groupBy(s.customerCity));
    assertThat(byCity)
        .extracting(r -> r.get(s.customerCity) + "=" + r.get(n))
        .containsExactlyInAnyOrder("Paris=2", "Berlin=1", "null=1");

    Expression<BigDecimal> spent = sum(s.orderTotal).as("spent");
    List<Row> bigSpenders =
        rows(
            select(s.customerName, spent)
                .join(s.orders, s.customerId.eq(s.orderCustomer))
                .groupBy(s.customerName)
                .having(sum(s.orderTotal).gt(new BigDecimal("10")))
                .orderBy(s.customerName));
    assertThat(bigSpenders).extracting(r -> r.get(s.customerName)).containsExactly("Ann", "Dee");
    assertThat(bigSpenders.get(0).get(spent)).isEqualByComparingTo("30.50");

    assertThat(
            column(
                select(s.orderCustomer).groupBy(s.orderCustomer).having(count().gt(1L)),
                s.orderCustomer))
        .containsExactly(ids.get("Ann"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void orderByWithNullsFirstAndLast(Backend backend) {
    open(backend);
    assertThat(cities(s.customerCity.asc().nullsFirst()))
        .containsExactly(null, "Berlin", "Paris", "Paris");
    assertThat(cities(s.customerCity.asc().nullsLast()))
        .containsExactly("Berlin", "Paris", "Paris", null);
    assertThat(cities(s.customerCity.desc().nullsFirst()))
        .containsExactly(null, "Paris", "Paris", "Berlin");
    assertThat(cities(s.customerCity.desc().nullsLast()))
        .containsExactly("Paris", "Paris", "Berlin", null);

    assertThat(
            names(
                select(s.customerName)
                    .orderBy(s.customerCity.desc().nullsLast(), s.customerName.desc())))
        .containsExactly("Dee", "Ann", "Bob", "Cid");
    // Decimals and labelled expressions sort too.
    assertThat(column(select(s.orderPosition).orderBy(s.orderTotal.desc()), s.orderPosition))
        .containsExactly(3, 2, 1, null);
    Expression<Integer> position = s.orderPosition.as("pos");
    assertThat(column(select(position).orderBy(position.asc().nullsLast()), position))
        .containsExactly(1, 2, 3, null);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void setOperationOrderedWithNullsFirstAndLast(Backend backend) {
    open(backend);
    Select withCity = select(s.customerCity).where(s.customerCity.isNotNull());
    Select without = select(s.customerCity).where(s.customerCity.isNull());
    assertThat(
            column(
                withCity.union(without).orderBy(s.customerCity.asc().nullsFirst()), s.customerCity))
        .containsExactly(null, "Berlin", "Paris");
    assertThat(
            column(
                withCity.union(without).orderBy(s.customerCity.desc().nullsLast()), s.customerCity))
        .containsExactly("Paris", "Berlin", null);
    // The placements that differ from MariaDB's own (NULLs smallest).
    assertThat(
            column(
                withCity.union(without).orderBy(s.customerCity.asc().nullsLast()), s.customerCity))
        .containsExactly("Berlin", "Paris", null);
    assertThat(
            column(
                withCity.union(without).orderBy(s.customerCity.desc().nullsFirst()),
                s.customerCity))
        .containsExactly(null, "Paris", "Berlin");

    // Emulating the placement needs a named column; an unnamed one is refused where emulated.
    Expression<String> low = lower(s.customerCity);
    CompoundSelect lowered =
        select(low)
            .where(s.customerCity.isNotNull())
            .union(select(lower(s.customerCity)).where(s.customerCity.isNull()))
            .orderBy(low.asc().nullsLast());
    if (engine.dialect().supportsNullsOrdering()) {
      assertThat(column(lowered, low)).containsExactly("berlin", "paris", null);
    } else {
      assertThatThrownBy(() -> conn.execute(lowered))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("NULLS FIRST/LAST")
          .hasMessageContaining(".as(");
    }
  }

  private List<String> cities(Order order) {
    return column(select(s.customerCity).orderBy(order, s.customerName), s.customerCity);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void limitOffsetAndDistinct(Backend backend) {
    open(backend);
    Select byName = select(s.customerName).orderBy(s.customerName);
    assertThat(names(byName.limit(2))).containsExactly("Ann", "Bob");
    assertThat(names(byName.limit(2).offset(1))).containsExactly("Bob", "Cid");
    assertThat(names(byName.offset(2))).containsExactly("Cid", "Dee");
    assertThat(names(byName.offset(10))).isEmpty();
    assertThat(names(byName.limit(0))).isEmpty();

    assertThat(
            column(
                select(s.customerCity)
                    .distinct()
                    .where(s.customerCity.isNotNull())
                    .orderBy(s.customerCity),
                s.customerCity))
        .containsExactly("Berlin", "Paris");
    assertThat(column(select(s.customerTier).distinct(), s.customerTier))
        .containsExactlyInAnyOrder(Tier.BASIC, Tier.GOLD);
    List<Row> pairs = rows(select(s.customerTier, s.customerCity).distinct());
    assertThat(pairs).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void windowFunctions(Backend backend) {
    open(backend);
    Expression<Long> nth =
        rowNumber()
            .over(Window.partitionBy(s.orderCustomer).orderBy(s.orderPlacedAt.asc()))
            .as("nth");
    Expression<BigDecimal> customerTotal =
        sum(s.orderTotal).over(Window.partitionBy(s.orderCustomer)).as("customer_total");
    Expression<Long> overall =
        rowNumber().over(Window.orderedBy(s.orderPlacedAt.asc())).as("overall");
    List<Row> rows =
        rows(select(s.orderPosition, nth, customerTotal, overall).orderBy(s.orderPlacedAt));
    // In time order: Ann's first, Bob's, Ann's second, Dee's.
    assertThat(rows).extracting(r -> r.get(nth)).containsExactly(1L, 1L, 2L, 1L);
    assertThat(rows).extracting(r -> r.get(overall)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(rows)
        .extracting(r -> r.get(customerTotal).stripTrailingZeros().toPlainString())
        .containsExactly("30.5", "5.25", "30.5", "100");

    Expression<Long> cityRank =
        rank().over(Window.orderedBy(s.customerCity.desc().nullsLast())).as("city_rank");
    List<Row> ranked = rows(select(s.customerName, cityRank).orderBy(s.customerName));
    // Paris, Paris tie at 1; Berlin is 3rd; Cid (no city) 4th.
    assertThat(ranked).extracting(r -> r.get(cityRank)).containsExactly(1L, 3L, 4L, 1L);
  }
}
