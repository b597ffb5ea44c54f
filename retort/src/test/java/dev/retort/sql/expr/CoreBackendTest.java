package dev.retort.sql.expr;

import static dev.retort.sql.Sql.and;
import static dev.retort.sql.Sql.avg;
import static dev.retort.sql.Sql.caseWhen;
import static dev.retort.sql.Sql.cast;
import static dev.retort.sql.Sql.coalesce;
import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.countDistinct;
import static dev.retort.sql.Sql.currentTimestamp;
import static dev.retort.sql.Sql.function;
import static dev.retort.sql.Sql.lower;
import static dev.retort.sql.Sql.max;
import static dev.retort.sql.Sql.min;
import static dev.retort.sql.Sql.not;
import static dev.retort.sql.Sql.or;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.sum;
import static dev.retort.sql.Sql.text;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.Sql.upper;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.retort.engine.Row;
import dev.retort.error.UnsupportedFeatureException;
import dev.retort.testing.Backend;
import dev.retort.testing.ShopSchema.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The expression language on every backend, part one: selecting, joining, filtering and the scalar
 * functions, each checked against the seeded shop data (see {@link ShopBackend}).
 */
class CoreBackendTest extends ShopBackend {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void selectsColumnsTablesAndExpressions(Backend backend) {
    open(backend);
    List<Row> gold =
        rows(
            select(s.customerName, s.customerCity)
                .where(s.customerTier.eq(Tier.GOLD))
                .orderBy(s.customerName));
    assertThat(gold).hasSize(2);
    assertThat(gold.get(0).get(s.customerName)).isEqualTo("Ann");
    assertThat(gold.get(1).get(s.customerCity)).isEqualTo("Paris");

    Row bob = conn.execute(select(s.customers).where(s.customerName.eq("Bob"))).one();
    assertThat(bob.size()).isEqualTo(s.customers.columns().size());
    assertThat(bob.get(s.customerId)).isEqualTo(ids.get("Bob"));
    assertThat(bob.get(s.customerEmail)).isEqualTo("bob@shop.test");
    assertThat(bob.get(s.customerTier)).isEqualTo(Tier.BASIC);
    assertThat(bob.get(s.customerCity)).isEqualTo("Berlin");

    Expression<Integer> shifted = s.orderPosition.plus(10).as("shifted");
    Expression<BigDecimal> doubled = s.orderTotal.times(new BigDecimal("2")).as("doubled");
    Row dee = conn.execute(select(shifted, doubled).where(s.orderPosition.eq(3))).one();
    assertThat(dee.get(shifted)).isEqualTo(13);
    assertThat(dee.get(doubled)).isEqualByComparingTo("200");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void innerLeftAndRightJoins(Backend backend) {
    open(backend);
    Expression<Boolean> owns = s.customerId.eq(s.orderCustomer);
    List<Row> inner =
        rows(
            select(s.customerName, s.orderPlacedAt)
                .join(s.orders, owns)
                .orderBy(s.customerName, s.orderPlacedAt));
    assertThat(inner)
        .extracting(r -> r.get(s.customerName))
        .containsExactly("Ann", "Ann", "Bob", "Dee");
    assertThat(inner.get(1).get(s.orderPlacedAt)).isEqualTo(ANN_SECOND);

    Expression<Long> orderCount = count(s.orderId).as("order_count");
    List<Row> left =
        rows(
            select(s.customerName, orderCount)
                .leftJoin(s.orders, owns)
                .groupBy(s.customerName)
                .orderBy(s.customerName));
    assertThat(left)
        .extracting(r -> r.get(s.customerName))
        .containsExactly("Ann", "Bob", "Cid", "Dee");
    assertThat(left).extracting(r -> r.get(orderCount)).containsExactly(2L, 1L, 0L, 1L);

    List<Row> right =
        rows(
            select(s.customerName, s.orderId)
                .from(s.orders)
                .rightJoin(s.customers, owns)
                .orderBy(s.customerName, s.orderId));
    assertThat(right).hasSize(5);
    Row cid = right.get(3);
    assertThat(cid.get(s.customerName)).isEqualTo("Cid");
    assertThat(cid.get(s.orderId)).isNull();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void threeWayJoinAndConditionsSelectedAsValues(Backend backend) {
    open(backend);
    TableAlias neighbour = s.customers.as("neighbour");
    Expression<String> neighbourName = neighbour.col(s.customerName).as("neighbour_name");
    Expression<Boolean> big = s.orderTotal.ge(new BigDecimal("20")).as("big");
    List<Row> rows =
        rows(
            select(s.customerName, s.orderPosition, neighbourName, big)
                .join(s.orders, s.customerId.eq(s.orderCustomer))
                .join(
                    neighbour,
                    neighbour
                        .col(s.customerCity)
                        .eq(s.customerCity)
                        .and(neighbour.col(s.customerId).ne(s.customerId)))
                .orderBy(s.orderPosition));
    assertThat(rows)
        .extracting(r -> r.get(s.customerName) + ">" + r.get(neighbourName) + ":" + r.get(big))
        .containsExactly("Ann>Dee:false", "Ann>Dee:true", "Dee>Ann:true");

    Expression<Boolean> unknown = s.orderPosition.gt(1).as("unknown");
    assertThat(column(select(unknown).where(s.orderCustomer.eq(ids.get("Bob"))), unknown))
        .containsExactly((Boolean) null);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void fullJoinWhereTheDatabaseHasIt(Backend backend) {
    open(backend);
    // Ann's second order and Dee's order match; Bob and Cid, Ann's first and Bob's order do not.
    Select query =
        select(s.customerName, s.orderId)
            .from(s.customers)
            .fullJoin(s.orders, s.customerId.eq(s.orderCustomer).and(s.orderPosition.ge(2)));
    assertThat(engine.dialect().supportsFullJoin()).isEqualTo(backend != Backend.MARIADB);
    if (!engine.dialect().supportsFullJoin()) {
      assertThatThrownBy(() -> conn.execute(query))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("FULL OUTER JOIN")
          .hasMessageContaining(engine.dialect().name());
      return;
    }
    List<Row> rows = rows(query);
    assertThat(rows).hasSize(6);
    assertThat(rows)
        .filteredOn(r -> r.get(s.orderId) == null)
        .extracting(r -> r.get(s.customerName))
        .containsExactlyInAnyOrder("Bob", "Cid");
    assertThat(rows).filteredOn(r -> r.get(s.customerName) == null).hasSize(2);
    assertThat(rows)
        .filteredOn(r -> r.get(s.customerName) != null && r.get(s.orderId) != null)
        .extracting(r -> r.get(s.customerName))
        .containsExactlyInAnyOrder("Ann", "Dee");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void whereWithAndOrNot(Backend backend) {
    open(backend);
    assertThat(customersWhere(and(s.customerTier.eq(Tier.GOLD), s.customerCity.eq("Paris"))))
        .containsExactly("Ann", "Dee");
    assertThat(customersWhere(or(s.customerCity.eq("Berlin"), s.customerCity.isNull())))
        .containsExactly("Bob", "Cid");
    assertThat(customersWhere(not(s.customerTier.eq(Tier.GOLD)))).containsExactly("Bob", "Cid");
    assertThat(
            customersWhere(
                s.customerTier
                    .eq(Tier.GOLD)
                    .and(s.customerName.eq("Ann"))
                    .or(s.customerName.eq("Cid"))))
        .containsExactly("Ann", "Cid");
    assertThat(
            customersWhere(
                s.customerTier
                    .eq(Tier.GOLD)
                    .and(s.customerName.eq("Ann").or(s.customerName.eq("Cid")))))
        .containsExactly("Ann");
    assertThat(customersWhere(not(or(s.customerName.eq("Ann"), s.customerName.eq("Bob")))))
        .containsExactly("Cid", "Dee");
    assertThat(customersWhere(and())).hasSize(4);
    assertThat(customersWhere(or())).isEmpty();
    // Two where(...) calls are joined with AND.
    assertThat(
            names(
                select(s.customerName)
                    .where(s.customerTier.eq(Tier.BASIC))
                    .where(s.customerCity.isNotNull())))
        .containsExactly("Bob");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyComparison(Backend backend) {
    open(backend);
    assertThat(positionsWhere(s.orderPosition.eq(2))).containsExactly(2);
    assertThat(positionsWhere(s.orderPosition.ne(2))).containsExactly(1, 3);
    assertThat(positionsWhere(s.orderPosition.lt(2))).containsExactly(1);
    assertThat(positionsWhere(s.orderPosition.le(2))).containsExactly(1, 2);
    assertThat(positionsWhere(s.orderPosition.gt(2))).containsExactly(3);
    assertThat(positionsWhere(s.orderPosition.ge(2))).containsExactly(2, 3);

    assertThat(customersWhere(s.customerName.gt("Bob"))).containsExactly("Cid", "Dee");
    assertThat(customersWhere(s.customerName.le("Bob"))).containsExactly("Ann", "Bob");
    assertThat(customersWhere(s.customerId.eq(ids.get("Cid")))).containsExactly("Cid");
    assertThat(customersWhere(s.customerTier.ne(Tier.GOLD))).containsExactly("Bob", "Cid");

    assertThat(
            positionsWhere(
                s.orderPlacedAt.lt(at(2024, 2, 1, 0, 0)).and(s.orderPosition.isNotNull())))
        .containsExactly(1);
    assertThat(positionsWhere(s.orderPlacedAt.ge(ANN_SECOND))).containsExactly(2, 3);
    // An instant given at another offset compares as the same instant.
    assertThat(
            positionsWhere(
                s.orderPlacedAt.eq(
                    ANN_FIRST.withOffsetSameInstant(java.time.ZoneOffset.ofHours(5)))))
        .containsExactly(1);

    // Decimals compare as numbers, not as text ("5.25" > "10" as text).
    assertThat(positionsWhere(s.orderTotal.gt(new BigDecimal("10")))).containsExactly(1, 2, 3);
    assertThat(positionsWhere(s.orderTotal.lt(new BigDecimal("20.5"))))
        .containsExactlyInAnyOrder(null, 1, 2);
    assertThat(positionsWhere(s.orderTotal.eq(new BigDecimal("20")))).containsExactly(2);

    // Column against column.
    assertThat(
            names(
                select(s.customerName)
                    .join(s.orders, s.customerId.eq(s.orderCustomer))
                    .where(s.orderCustomer.ge(s.customerId))
                    .where(s.orderPosition.gt(1))))
        .containsExactlyInAnyOrder("Ann", "Dee");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void inAndNotInWithValuesAnEmptyListAndASubquery(Backend backend) {
    open(backend);
    assertThat(customersWhere(s.customerName.in("Dee", "Ann", "Zed")))
        .containsExactly("Ann", "Dee");
    assertThat(customersWhere(s.customerName.notIn("Dee", "Ann"))).containsExactly("Bob", "Cid");
    assertThat(customersWhere(s.customerName.in(List.of()))).isEmpty();
    assertThat(customersWhere(s.customerName.notIn(List.of())))
        .containsExactly("Ann", "Bob", "Cid", "Dee");
    // An empty list is false for IN and true for NOT IN even when the operand is NULL.
    assertThat(customersWhere(s.customerCity.notIn(List.of()))).hasSize(4);
    assertThat(customersWhere(s.customerTier.in(List.of(Tier.GOLD)))).containsExactly("Ann", "Dee");

    Select buyers = select(s.orderCustomer);
    assertThat(customersWhere(s.customerId.in(buyers))).containsExactly("Ann", "Bob", "Dee");
    assertThat(customersWhere(s.customerId.notIn(buyers))).containsExactly("Cid");
    assertThat(
            customersWhere(s.customerId.in(select(s.orderCustomer).where(s.orderPosition.ge(2)))))
        .containsExactly("Ann", "Dee");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void likeAndCaseInsensitiveLike(Backend backend) {
    open(backend);
    assertThat(customersWhere(s.customerName.like("A%"))).containsExactly("Ann");
    assertThat(customersWhere(s.customerEmail.like("%@shop.test"))).hasSize(4);
    assertThat(customersWhere(s.customerName.like("_e_"))).containsExactly("Dee");
    assertThat(customersWhere(s.customerName.notLike("%e%"))).containsExactly("Ann", "Bob", "Cid");
    assertThat(customersWhere(s.customerName.ilike("ANN"))).containsExactly("Ann");
    assertThat(customersWhere(s.customerName.ilike("d%"))).containsExactly("Dee");
    assertThat(customersWhere(s.customerName.ilike("%N"))).containsExactly("Ann");
    assertThat(customersWhere(s.customerEmail.ilike("BOB@SHOP.%"))).containsExactly("Bob");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void likeWithAnEscapeCharacterMatchesWildcardsLiterally(Backend backend) {
    open(backend);
    for (String city : List.of("50% off", "500 items", "a_b", "axb")) {
      conn.execute(
          update(s.customers).set(s.customerCity, city).where(s.customerName.eq(nameFor(city))));
    }
    conn.commit();
    assertThat(customersWhere(s.customerCity.like("50%"))).containsExactly("Ann", "Bob");
    assertThat(customersWhere(s.customerCity.like(Nodes.escapeLike("50%", '!') + "%").escape('!')))
        .containsExactly("Ann");
    assertThat(customersWhere(s.customerCity.like("a_b"))).containsExactly("Cid", "Dee");
    assertThat(customersWhere(s.customerCity.like("a!_b").escape('!'))).containsExactly("Cid");
    assertThat(customersWhere(s.customerCity.ilike("A\\_B").escape('\\'))).containsExactly("Cid");
  }

  /** Who gets which test city. */
  private static String nameFor(String city) {
    return switch (city) {
      case "50% off" -> "Ann";
      case "500 items" -> "Bob";
      case "a_b" -> "Cid";
      default -> "Dee";
    };
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void betweenAndIsNull(Backend backend) {
    open(backend);
    assertThat(positionsWhere(s.orderPosition.between(1, 2))).containsExactly(1, 2);
    assertThat(positionsWhere(s.orderPosition.notBetween(1, 2))).containsExactly(3);
    assertThat(positionsWhere(s.orderPlacedAt.between(at(2024, 1, 1, 0, 0), at(2024, 1, 31, 0, 0))))
        .containsExactlyInAnyOrder(null, 1);
    assertThat(positionsWhere(s.orderTotal.between(new BigDecimal("5"), new BigDecimal("20"))))
        .containsExactlyInAnyOrder(null, 1, 2);
    assertThat(customersWhere(s.customerName.between("B", "Cz"))).containsExactly("Bob", "Cid");

    assertThat(customersWhere(s.customerCity.isNull())).containsExactly("Cid");
    assertThat(customersWhere(s.customerCity.isNotNull())).containsExactly("Ann", "Bob", "Dee");
    assertThat(customersWhere(s.customerCity.eq((String) null))).containsExactly("Cid");
    assertThat(customersWhere(s.customerCity.ne((String) null))).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void caseAndCast(Backend backend) {
    open(backend);
    Expression<String> label =
        caseWhen(s.customerTier.eq(Tier.GOLD), "vip", TEXT).otherwise("regular").as("label");
    Expression<String> where =
        caseWhen(s.customerCity.isNull(), value("nowhere", TEXT))
            .otherwise(s.customerCity)
            .as("place");
    List<Row> rows = rows(select(s.customerName, label, where).orderBy(s.customerName));
    assertThat(rows)
        .extracting(r -> r.get(label))
        .containsExactly("vip", "regular", "regular", "vip");
    assertThat(rows)
        .extracting(r -> r.get(where))
        .containsExactly("Paris", "Berlin", "nowhere", "Paris");

    Expression<Integer> bucket =
        caseWhen(s.orderPosition.le(1), 1, INTEGER).when(s.orderPosition.le(2), 2).as("bucket");
    assertThat(column(select(bucket).orderBy(s.orderPlacedAt), bucket))
        .containsExactly(1, null, 2, null);

    Expression<String> idText = cast(s.customerId, TEXT).as("id_text");
    assertThat(conn.execute(select(idText).where(s.customerName.eq("Cid"))).one().get(idText))
        .isEqualTo(String.valueOf(ids.get("Cid")));
    Expression<Integer> number = value("42", TEXT).cast(INTEGER).as("number");
    assertThat(conn.execute(select(number)).one().get(number)).isEqualTo(42);
    Expression<Integer> plusOne = cast(value("41", TEXT), INTEGER).plus(1).as("plus_one");
    assertThat(conn.execute(select(plusOne)).one().get(plusOne)).isEqualTo(42);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aggregateAndScalarFunctions(Backend backend) {
    open(backend);
    Expression<Long> customers = count().as("customers");
    Expression<Long> withCity = count(s.customerCity).as("with_city");
    Expression<Long> cities = countDistinct(s.customerCity).as("cities");
    Row counts = conn.execute(select(customers, withCity, cities)).one();
    assertThat(counts.get(customers)).isEqualTo(4L);
    assertThat(counts.get(withCity)).isEqualTo(3L);
    assertThat(counts.get(cities)).isEqualTo(2L);

    Expression<BigDecimal> total = sum(s.orderTotal).as("total");
    Expression<Double> mean = avg(s.orderTotal).as("mean");
    Expression<BigDecimal> least = min(s.orderTotal).as("least");
    Expression<BigDecimal> most = max(s.orderTotal).as("most");
    Expression<OffsetDateTime> first = min(s.orderPlacedAt).as("first_at");
    Expression<Integer> lastPosition = max(s.orderPosition).as("last_position");
    Row stats = conn.execute(select(total, mean, least, most, first, lastPosition)).one();
    assertThat(stats.get(total)).isEqualByComparingTo("135.75");
    assertThat(stats.get(mean)).isCloseTo(33.9375, within(1e-9));
    assertThat(stats.get(least)).isEqualByComparingTo("5.25");
    assertThat(stats.get(most)).isEqualByComparingTo("100");
    assertThat(stats.get(first)).isEqualTo(ANN_FIRST);
    assertThat(stats.get(lastPosition)).isEqualTo(3);

    Expression<String> place = coalesce(s.customerCity, "unknown").as("place");
    Expression<String> low = lower(s.customerName).as("low");
    Expression<String> up = upper(s.customerName).as("up");
    Expression<Integer> length = function("length", INTEGER, s.customerName).as("len");
    Row cid = conn.execute(select(place, low, up, length).where(s.customerName.eq("Cid"))).one();
    assertThat(cid.get(place)).isEqualTo("unknown");
    assertThat(cid.get(low)).isEqualTo("cid");
    assertThat(cid.get(up)).isEqualTo("CID");
    assertThat(cid.get(length)).isEqualTo(3);
    Expression<String> firstCity =
        coalesce(s.customerCity, value("x", TEXT), value("y", TEXT)).as("first_city");
    assertThat(column(select(firstCity).orderBy(s.customerName), firstCity))
        .containsExactly("Paris", "Berlin", "x", "Paris");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void currentTimestampIsNowWhateverTheSessionTimeZone(Backend backend) {
    open(backend);
    // A session in another time zone must not shift the instant.
    switch (backend) {
      case POSTGRESQL -> conn.execute(text("SET TIME ZONE 'Asia/Kolkata'"));
      case MARIADB -> conn.execute(text("SET time_zone = '+05:30'"));
      case SQLITE -> {}
    }
    Expression<OffsetDateTime> now = currentTimestamp().as("now");
    OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);
    OffsetDateTime read = conn.execute(select(now)).one().get(now);
    OffsetDateTime after = OffsetDateTime.now().plusMinutes(1);
    assertThat(read).isBetween(before, after);
    assertThat(Duration.between(read, OffsetDateTime.now()).abs())
        .isLessThan(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void labelsAndSelfJoinThroughAnAlias(Backend backend) {
    open(backend);
    Expression<String> who = s.customerName.as("who");
    Row ann = conn.execute(select(who).where(s.customerName.eq("Ann"))).one();
    assertThat(ann.get(who)).isEqualTo("Ann");
    assertThat(ann.get("who")).isEqualTo("Ann");

    TableAlias other = s.customers.as("neighbour");
    Expression<String> neighbour = other.col(s.customerName).as("neighbour_name");
    List<Row> pairs =
        rows(
            select(s.customerName, neighbour)
                .join(
                    other,
                    s.customerCity
                        .eq(other.col(s.customerCity))
                        .and(s.customerId.ne(other.col(s.customerId))))
                .orderBy(s.customerName));
    assertThat(pairs).extracting(r -> r.get(s.customerName)).containsExactly("Ann", "Dee");
    assertThat(pairs).extracting(r -> r.get(neighbour)).containsExactly("Dee", "Ann");

    // Both sides of a self-join selected unlabelled: typed access finds each by its source.
    Expression<Long> otherId = other.col(s.customerId);
    Row row =
        conn.execute(
                select(s.customerId, otherId)
                    .from(s.customers)
                    .join(other, s.customerId.lt(otherId))
                    .where(s.customerName.eq("Ann"))
                    .where(other.col(s.customerName).eq("Bob")))
            .one();
    assertThat(row.get(s.customerId)).isEqualTo(ids.get("Ann"));
    assertThat(row.get(otherId)).isEqualTo(ids.get("Bob"));
  }
}
