package dev.retort.sql.compile;

import static dev.retort.sql.Sql.select;
import static dev.retort.sql.compile.Expect.BACKENDS;
import static dev.retort.sql.compile.Expect.POSTGRES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialect;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Select;
import dev.retort.sql.expr.Statement;
import dev.retort.testing.ShopSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The compile-cache key: equal for statements of one structure whatever their values, different
 * where the compiled SQL or its parameter order would differ. No database.
 */
class CacheKeyTest {
  private final ShopSchema s = new ShopSchema();

  private Select byIdAndCity(long id, String city) {
    return select(s.customerName).where(s.customerId.eq(id).and(s.customerCity.eq(city)));
  }

  @Test
  void statementsDifferingOnlyInValuesShareAKeyAndCarryTheirOwnValues() {
    Select first = byIdAndCity(1L, "Oslo");
    Select second = byIdAndCity(2L, "Rome");
    assertThat(first.cacheKey()).isEqualTo(second.cacheKey());
    assertThat(first.cacheKey().hashCode()).isEqualTo(second.cacheKey().hashCode());
    assertThat(first.embeddedParameters()).isEqualTo(Map.of("$0", 1L, "$1", "Oslo"));
    assertThat(second.embeddedParameters()).isEqualTo(Map.of("$0", 2L, "$1", "Rome"));
    for (Dialect d : BACKENDS) {
      assertThat(d.compile(first)).isEqualTo(d.compile(second));
    }
  }

  @Test
  void aDifferentStructureIsADifferentKey() {
    Select base = byIdAndCity(1L, "Oslo");
    List<Statement> others =
        List.of(
            select(s.customerName).where(s.customerId.ne(1L).and(s.customerCity.eq("Oslo"))),
            select(s.customerEmail).where(s.customerId.eq(1L).and(s.customerCity.eq("Oslo"))),
            select(s.customerName).where(s.customerId.eq(1L).or(s.customerCity.eq("Oslo"))),
            select(s.customerName.as("n")).where(s.customerId.eq(1L).and(s.customerCity.eq("x"))),
            base.limit(1),
            base.orderBy(s.customerName),
            base.distinct());
    for (Statement other : others) {
      assertThat(other.cacheKey()).as("%s", other).isNotEqualTo(base.cacheKey());
      assertThat(POSTGRES.compile(other).sql()).isNotEqualTo(POSTGRES.compile(base).sql());
    }
  }

  @Test
  void aBoundValueUsedTwiceIsOneParameterAndAnotherKey() {
    Expression<Long> five = s.customerId.bind(5L);
    Select shared =
        select(s.customerId)
            .from(s.customers, s.orders)
            .where(s.customerId.eq(five).or(s.orderCustomer.eq(five)));
    Select distinct =
        select(s.customerId)
            .from(s.customers, s.orders)
            .where(s.customerId.eq(5L).or(s.orderCustomer.eq(5L)));
    String sql =
        "SELECT shop_customers.id FROM shop_customers, shop_orders"
            + " WHERE shop_customers.id = ? OR shop_orders.customer_id = ?";
    Expect.expect(shared).everywhere(sql).names("$0", "$0");
    Expect.expect(distinct).everywhere(sql).names("$0", "$1");
    assertThat(shared.cacheKey()).isNotEqualTo(distinct.cacheKey());
    assertThat(shared.embeddedParameters()).isEqualTo(Map.of("$0", 5L));
    assertThat(distinct.embeddedParameters()).isEqualTo(Map.of("$0", 5L, "$1", 5L));

    Expression<Long> six = s.customerId.bind(6L);
    Select sharedAgain =
        select(s.customerId)
            .from(s.customers, s.orders)
            .where(s.customerId.eq(six).or(s.orderCustomer.eq(six)));
    assertThat(sharedAgain.cacheKey()).isEqualTo(shared.cacheKey());
    assertThat(sharedAgain.embeddedParameters()).isEqualTo(Map.of("$0", 6L));
  }

  // ---- IN lists ----

  private Select inList(int size) {
    return select(s.customerId).where(s.customerId.in(LongStream.range(0, size).boxed().toList()));
  }

  private static int placeholders(Dialect dialect, Statement statement) {
    return dialect.compile(statement).parameterNames().size();
  }

  @Test
  void listsUpToSixteenKeepTheirSize() {
    for (int n = 1; n <= 16; n++) {
      assertThat(placeholders(POSTGRES, inList(n))).isEqualTo(n);
      if (n > 1) {
        assertThat(inList(n).cacheKey()).isNotEqualTo(inList(n - 1).cacheKey());
      }
    }
  }

  @Test
  void longerListsRoundUpAndShareOneCompiledStatement() {
    assertThat(placeholders(POSTGRES, inList(17))).isEqualTo(18);
    assertThat(placeholders(POSTGRES, inList(18))).isEqualTo(18);
    assertThat(placeholders(POSTGRES, inList(19))).isEqualTo(20);
    assertThat(placeholders(POSTGRES, inList(33))).isEqualTo(36);
    assertThat(placeholders(POSTGRES, inList(1000))).isEqualTo(1024);
    assertThat(placeholders(POSTGRES, inList(10_000))).isEqualTo(10_240);
    assertThat(inList(17).cacheKey()).isEqualTo(inList(18).cacheKey());
    assertThat(inList(18).cacheKey()).isNotEqualTo(inList(19).cacheKey());
    assertThat(inList(9_500).cacheKey()).isEqualTo(inList(10_000).cacheKey());
  }

  @Test
  void everyLengthFrom17IsPaddedByAtMostAnEighthAndSharesWithItsBucket() {
    Statement previous = null;
    int previousPadded = 0;
    int buckets = 0;
    for (int n = 17; n <= 600; n++) {
      Statement statement = inList(n);
      int padded = placeholders(POSTGRES, statement);
      assertThat(padded).as("padding of %d", n).isBetween(n, n + n / 8);
      if (padded == previousPadded) {
        assertThat(statement.cacheKey()).isEqualTo(previous.cacheKey());
        assertThat(POSTGRES.compile(statement)).isEqualTo(POSTGRES.compile(previous));
      } else {
        buckets++;
      }
      previous = statement;
      previousPadded = padded;
    }
    // 584 lengths share far fewer compiled statements.
    assertThat(buckets).isLessThan(60);
  }

  @Test
  void paddingRepeatsTheLastValue() {
    Map<String, Object> values = inList(17).embeddedParameters();
    assertThat(values).hasSize(18).containsEntry("$16", 16L).containsEntry("$17", 16L);
    Statement notIn =
        select(s.customerId).where(s.customerId.notIn(LongStream.range(0, 17).boxed().toList()));
    assertThat(notIn.embeddedParameters()).hasSize(18).containsEntry("$17", 16L);
    assertThat(POSTGRES.compile(notIn).sql()).contains("NOT IN (?, ?");
  }

  @Test
  void paddingStopsAtTheSmallestParameterLimit() {
    // 32000 would round up to 32768, past SQLite's and PostgreSQL's limits of 32766 / 32767.
    assertThat(placeholders(POSTGRES, inList(32_000))).isEqualTo(32_000);
  }
}
