package dev.retort.sql.expr;

import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.max;
import static dev.retort.sql.Sql.min;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.engine.CompileCacheStats;
import dev.retort.engine.Connection;
import dev.retort.engine.Result;
import dev.retort.engine.Row;
import dev.retort.error.DatabaseException;
import dev.retort.error.UnsupportedFeatureException;
import dev.retort.testing.Backend;
import dev.retort.testing.ShopSchema.Tier;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The expression language's engine integration on every backend: row locks, the compile cache,
 * statements with thousands of bound values, and executemany of tens of thousands of rows with and
 * without RETURNING.
 */
class CoreBackendEngineTest extends ShopBackend {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void forUpdateNowaitAndSkipLocked(Backend backend) {
    open(backend);
    Select ann = select(s.customerName).where(s.customerId.eq(ids.get("Ann")));
    assertThat(names(ann.forUpdate())).containsExactly("Ann");
    if (!engine.dialect().supportsRowLocks()) {
      assertThat(backend).isEqualTo(Backend.SQLITE);
      for (Lock lock : List.of(Lock.UPDATE_NOWAIT, Lock.UPDATE_SKIP_LOCKED)) {
        assertThatThrownBy(() -> conn.execute(ann.forUpdate(lock)))
            .isInstanceOf(UnsupportedFeatureException.class)
            .hasMessageContaining(lock.sql())
            .hasMessageContaining(engine.dialect().name());
      }
      return;
    }
    // conn now holds the lock on Ann's row until it ends its transaction.
    Select everyone = select(s.customerName).orderBy(s.customerName);
    try (Connection other = engine.connect()) {
      assertThatThrownBy(() -> other.execute(ann.forUpdate(Lock.UPDATE_NOWAIT)))
          .isInstanceOf(DatabaseException.class);
      other.rollback();
      assertThat(column(other, everyone.forUpdate(Lock.UPDATE_SKIP_LOCKED)))
          .containsExactly("Bob", "Cid", "Dee");
      other.rollback();
      conn.rollback();
      assertThat(column(other, ann.forUpdate(Lock.UPDATE_NOWAIT))).containsExactly("Ann");
      assertThat(column(other, everyone.forUpdate(Lock.UPDATE_SKIP_LOCKED))).hasSize(4);
      other.rollback();
    }
  }

  private List<String> column(Connection on, Select query) {
    return on.execute(query).all().stream().map(r -> r.get(s.customerName)).toList();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void compileCacheIsHitOnARepeatedQueryWithNewValues(Backend backend) {
    open(backend);
    CompileCacheStats before = engine.compileCacheStats();
    for (String name : List.of("Ann", "Bob", "Cid", "Dee")) {
      // A new statement object each time, equal in structure, with a new value.
      assertThat(names(select(s.customerName).where(s.customerId.eq(ids.get(name)))))
          .containsExactly(name);
    }
    CompileCacheStats after = engine.compileCacheStats();
    assertThat(after.misses() - before.misses()).isEqualTo(1);
    assertThat(after.hits() - before.hits()).isEqualTo(3);

    // IN lists of 19 and 20 values are padded to one size and share a compiled statement; the
    // padding repeats the last value, which here is the only one that matches.
    before = engine.compileCacheStats();
    assertThat(names(select(s.customerName).where(s.customerId.in(missingAnd(18, "Ann")))))
        .containsExactly("Ann");
    assertThat(names(select(s.customerName).where(s.customerId.in(missingAnd(19, "Dee")))))
        .containsExactly("Dee");
    after = engine.compileCacheStats();
    assertThat(after.misses() - before.misses()).isEqualTo(1);
    assertThat(after.hits() - before.hits()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void typedAccessAfterACacheHitFindsEachOfTwoSimilarExpressions(Backend backend) {
    open(backend);
    for (int round = 0; round < 2; round++) {
      // Equal in structure (bound values take no part), so the second round is a cache hit.
      Expression<Integer> plusOne = s.orderPosition.plus(1);
      Expression<Integer> plusTwo = s.orderPosition.plus(2);
      Row row = conn.execute(select(plusOne, plusTwo).where(s.orderPosition.eq(3))).one();
      assertThat(row.get(plusOne)).as("round %d", round).isEqualTo(4);
      assertThat(row.get(plusTwo)).as("round %d", round).isEqualTo(5);
    }
  }

  /** {@code count} ids no customer has, then the id of the named customer. */
  private List<Long> missingAnd(int count, String name) {
    List<Long> values = new ArrayList<>();
    for (long i = 1; i <= count; i++) {
      values.add(-i);
    }
    values.add(ids.get(name));
    return values;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void tenThousandInValues(Backend backend) {
    open(backend);
    List<Long> manyIds = new ArrayList<>();
    List<String> manyNames = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      manyIds.add(-1L - i);
      manyNames.add("nobody " + i);
    }
    manyIds.set(17, ids.get("Ann"));
    manyIds.set(5_000, ids.get("Cid"));
    manyIds.set(9_999, ids.get("Dee"));
    manyNames.set(1234, "Bob");
    assertThat(customersWhere(s.customerId.in(manyIds))).containsExactly("Ann", "Cid", "Dee");
    assertThat(customersWhere(s.customerId.notIn(manyIds))).containsExactly("Bob");
    assertThat(customersWhere(s.customerName.in(manyNames))).containsExactly("Bob");

    List<BigDecimal> totals = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      totals.add(BigDecimal.valueOf(100_000 + i, 2));
    }
    totals.set(42, new BigDecimal("20"));
    assertThat(positionsWhere(s.orderTotal.in(totals))).containsExactly(2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void executeManyOfFiftyThousandRows(Backend backend) {
    open(backend);
    OffsetDateTime base = at(2025, 1, 1, 0, 0);
    List<Long> buyers = List.of(ids.get("Ann"), ids.get("Bob"), ids.get("Dee"));
    int n = 50_000;
    List<Map<String, Object>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(
          Map.of(
              "customer_id", buyers.get(i % 3),
              "total", BigDecimal.valueOf(i, 2),
              "placed_at", base.plusSeconds(i),
              "order", 1_000 + i));
    }
    Result result = conn.executeMany(insert(s.orders), rows);
    assertThat(result.rowCount()).isEqualTo(n);
    conn.commit();

    Expression<Long> inserted = count().as("inserted");
    Expression<Integer> first = min(s.orderPosition).as("first_position");
    Expression<Integer> last = max(s.orderPosition).as("last_position");
    Expression<Integer> positions = sum(s.orderPosition).as("positions");
    Row stats =
        conn.execute(select(inserted, first, last, positions).where(s.orderPosition.ge(1_000)))
            .one();
    assertThat(stats.get(inserted)).isEqualTo(n);
    assertThat(stats.get(first)).isEqualTo(1_000);
    assertThat(stats.get(last)).isEqualTo(1_000 + n - 1);
    assertThat(stats.get(positions)).isEqualTo((int) (n * 1_000L + (n - 1L) * n / 2));

    Row sample = conn.execute(select(s.orders).where(s.orderPosition.eq(1_000 + 12_345))).one();
    assertThat(sample.get(s.orderTotal)).isEqualTo(new BigDecimal("123.45"));
    assertThat(sample.get(s.orderPlacedAt)).isEqualTo(base.plusSeconds(12_345));
    assertThat(sample.get(s.orderCustomer)).isEqualTo(buyers.get(12_345 % 3));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void executeManyUpsert(Backend backend) {
    open(backend);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      // Every tenth row is an existing customer's email (Ann's, Bob's, ...) with a new name.
      String existing = List.of("ann", "bob", "cid", "dee").get(i / 10 % 4);
      String email = i % 10 == 0 && i < 40 ? existing + "@shop.test" : "c" + i + "@shop.test";
      rows.add(Map.of("name", "customer " + i, "email", email, "tier", Tier.BASIC));
    }
    conn.executeMany(
        insert(s.customers).onConflict(s.customerEmail).doUpdateColumns(s.customerName), rows);
    conn.commit();
    assertThat(conn.execute(select(count()).from(s.customers)).scalar(Long.class))
        .isEqualTo(4 + 2_000 - 4);
    assertThat(customersWhere(s.customerEmail.eq("dee@shop.test"))).containsExactly("customer 30");
    assertThat(customersWhere(s.customerEmail.eq("ann@shop.test"))).containsExactly("customer 0");
    assertThat(customersWhere(s.customerEmail.eq("c1999@shop.test")))
        .containsExactly("customer 1999");
    // The tier was not among the updated columns.
    assertThat(customersWhere(s.customerTier.eq(Tier.GOLD)))
        .containsExactly("customer 0", "customer 30");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void executeManyReturningGivesTheGeneratedIdsInInputOrder(Backend backend) {
    open(backend);
    int n = 3_500; // several pages of multi-row VALUES
    List<Map<String, Object>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // Alternate customers so the ids' order is not also the customers' order.
      rows.add(
          Map.of(
              "customer_id",
              i % 2 == 0 ? ids.get("Dee") : ids.get("Ann"),
              "total",
              BigDecimal.valueOf(n - i, 2),
              "placed_at",
              ANN_FIRST.plusMinutes(i),
              "order",
              100_000 + i));
    }
    Result result = conn.executeMany(insert(s.orders).returning(s.orderId), rows);
    List<Long> returned = result.all().stream().map(r -> r.get(s.orderId)).toList();
    assertThat(returned).hasSize(n);
    assertThat(new HashSet<>(returned)).hasSize(n);
    conn.commit();

    Map<Long, Integer> positionById = new HashMap<>();
    for (Row row : rows(select(s.orderId, s.orderPosition).where(s.orderPosition.ge(100_000)))) {
      positionById.put(row.get(s.orderId), row.get(s.orderPosition));
    }
    assertThat(positionById).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(positionById.get(returned.get(i)))
          .as("position of returned id #%d", i)
          .isEqualTo(100_000 + i);
    }
  }
}
