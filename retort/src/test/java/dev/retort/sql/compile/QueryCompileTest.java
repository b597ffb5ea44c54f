package dev.retort.sql.compile;

import static dev.retort.sql.Sql.avg;
import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.cte;
import static dev.retort.sql.Sql.exists;
import static dev.retort.sql.Sql.max;
import static dev.retort.sql.Sql.notExists;
import static dev.retort.sql.Sql.rank;
import static dev.retort.sql.Sql.rowNumber;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.sum;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.compile.Expect.SQLITE;
import static dev.retort.sql.compile.Expect.expect;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.numeric;

import dev.retort.sql.expr.Cte;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Lock;
import dev.retort.sql.expr.Subquery;
import dev.retort.sql.expr.TableAlias;
import dev.retort.sql.expr.Window;
import dev.retort.testing.ShopSchema;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The exact SQL of subqueries, CTEs, set operations, grouping, ordering, paging, windows and row
 * locks on each dialect. No database.
 */
class QueryCompileTest {
  private final ShopSchema s = new ShopSchema();

  private static final String FROM_C = " FROM shop_customers";

  // ---- subqueries ----

  @Test
  void aCorrelatedScalarSubqueryLeavesTheOuterTableOutOfItsFrom() {
    expect(
            select(
                s.customerName,
                select(count())
                    .where(s.orderCustomer.eq(s.customerId))
                    .asScalar(Long.class)
                    .as("orders")))
        .everywhere(
            "SELECT shop_customers.name, (SELECT count(*) FROM shop_orders"
                + " WHERE shop_orders.customer_id = shop_customers.id) AS orders"
                + FROM_C);
  }

  @Test
  void anExplicitFromCorrelatesEveryOtherTable() {
    // Both tables are in the outer FROM: the subquery names its own with from(...).
    expect(
            select(
                    s.customerName,
                    select(count())
                        .from(s.orders)
                        .where(s.orderCustomer.eq(s.customerId))
                        .asScalar(Long.class)
                        .as("n"))
                .from(s.customers.join(s.orders, s.orderCustomer.eq(s.customerId))))
        .everywhere(
            "SELECT shop_customers.name, (SELECT count(*) FROM shop_orders"
                + " WHERE shop_orders.customer_id = shop_customers.id) AS n FROM shop_customers"
                + " JOIN shop_orders ON shop_orders.customer_id = shop_customers.id");
  }

  @Test
  void aSubqueryOverOnlyOuterTablesKeepsThemInItsOwnFrom() {
    expect(
            select(s.customerName)
                .where(s.customerId.in(select(s.customerId).where(s.customerCity.eq("x")))))
        .everywhere(
            "SELECT shop_customers.name"
                + FROM_C
                + " WHERE shop_customers.id IN (SELECT shop_customers.id FROM shop_customers"
                + " WHERE shop_customers.city = ?)");
    expect(
            select(s.customerName)
                .where(s.customerId.eq(select(max(s.customerId)).asScalar(Long.class))))
        .everywhere(
            "SELECT shop_customers.name"
                + FROM_C
                + " WHERE shop_customers.id = (SELECT max(shop_customers.id) FROM shop_customers)");
  }

  @Test
  void aSelfCorrelationThroughAnAlias() {
    TableAlias other = s.customers.as("other");
    expect(
            select(s.customerName)
                .where(
                    exists(
                        select(other.col(s.customerId))
                            .where(
                                other
                                    .col(s.customerCity)
                                    .eq(s.customerCity)
                                    .and(other.col(s.customerId).ne(s.customerId))))))
        .everywhere(
            "SELECT shop_customers.name"
                + FROM_C
                + " WHERE EXISTS (SELECT other.id FROM shop_customers AS other"
                + " WHERE other.city = shop_customers.city AND other.id <> shop_customers.id)");
  }

  @Test
  void existsAndNotExists() {
    expect(
            select(s.customerName)
                .where(exists(select(s.orderId).where(s.orderCustomer.eq(s.customerId)))))
        .everywhere(
            "SELECT shop_customers.name"
                + FROM_C
                + " WHERE EXISTS (SELECT shop_orders.id FROM shop_orders"
                + " WHERE shop_orders.customer_id = shop_customers.id)");
    expect(
            select(s.customerName)
                .where(
                    notExists(select(s.orderId).where(s.orderCustomer.eq(s.customerId)))
                        .or(s.customerCity.isNull())))
        .everywhere(
            "SELECT shop_customers.name"
                + FROM_C
                + " WHERE NOT EXISTS (SELECT shop_orders.id FROM shop_orders"
                + " WHERE shop_orders.customer_id = shop_customers.id)"
                + " OR shop_customers.city IS NULL");
  }

  @Test
  void aSubqueryInFromSelectedWholeOrJoined() {
    Subquery totals =
        select(s.orderCustomer, sum(s.orderTotal).as("total"))
            .groupBy(s.orderCustomer)
            .subquery("totals");
    String derived =
        "(SELECT shop_orders.customer_id, sum(shop_orders.total) AS total FROM shop_orders"
            + " GROUP BY shop_orders.customer_id) AS totals";
    expect(select(totals)).everywhere("SELECT totals.customer_id, totals.total FROM " + derived);
    expect(
            select(s.customerName, totals.column("total"))
                .join(totals, totals.col(s.orderCustomer).eq(s.customerId)))
        .everywhere(
            "SELECT shop_customers.name, totals.total FROM shop_customers JOIN "
                + derived
                + " ON totals.customer_id = shop_customers.id");
  }

  @Test
  void aDerivedTableNeverCorrelatesToTheTablesBesideIt() {
    Subquery perCity =
        select(s.customerCity, count().as("n")).groupBy(s.customerCity).subquery("per_city");
    expect(
            select(s.customerName, perCity.column("n"))
                .join(perCity, perCity.col(s.customerCity).eq(s.customerCity)))
        .everywhere(
            "SELECT shop_customers.name, per_city.n FROM shop_customers JOIN"
                + " (SELECT shop_customers.city, count(*) AS n FROM shop_customers"
                + " GROUP BY shop_customers.city) AS per_city"
                + " ON per_city.city = shop_customers.city");
    Subquery spent =
        select(s.customerId, sum(s.orderTotal).as("spent"))
            .where(s.orderCustomer.eq(s.customerId))
            .groupBy(s.customerId)
            .subquery("spent");
    expect(
            select(s.customerName, spent.column("spent"))
                .join(spent, spent.col(s.customerId).eq(s.customerId)))
        .everywhere(
            "SELECT shop_customers.name, spent.spent FROM shop_customers JOIN"
                + " (SELECT shop_customers.id, sum(shop_orders.total) AS spent"
                + " FROM shop_customers, shop_orders"
                + " WHERE shop_orders.customer_id = shop_customers.id"
                + " GROUP BY shop_customers.id) AS spent ON spent.id = shop_customers.id");
  }

  // ---- CTEs ----

  @Test
  void aCteIsWrittenOnceInWith() {
    Cte big =
        select(s.orderCustomer, s.orderTotal)
            .where(s.orderTotal.gt(new BigDecimal("100")))
            .cte("big");
    expect(
            select(s.customerName)
                .from(s.customers, big)
                .where(s.customerId.eq(big.column("customer_id", BIGINT))))
        .everywhere(
            "WITH big (customer_id, total) AS (SELECT shop_orders.customer_id, shop_orders.total"
                + " FROM shop_orders WHERE shop_orders.total > ?) SELECT shop_customers.name"
                + " FROM shop_customers, big WHERE shop_customers.id = big.customer_id")
        .names("$0");
  }

  @Test
  void parametersOfACteKeepTheirNamesThoughWithComesFirst() {
    Cte ids = select(s.orderCustomer).where(s.orderTotal.gt(BigDecimal.TEN)).cte("ids");
    Expression<Long> id = ids.column("customer_id", BIGINT);
    // The walk numbers the selected value first ($0), the CTE's next ($1); WITH is written first.
    expect(select(value(7, INTEGER).as("seven"), id).from(ids).where(id.ne(3L)))
        .everywhere(
            "WITH ids (customer_id) AS (SELECT shop_orders.customer_id FROM shop_orders"
                + " WHERE shop_orders.total > ?) SELECT ? AS seven, ids.customer_id FROM ids"
                + " WHERE ids.customer_id <> ?")
        .names("$1", "$0", "$2");
  }

  @Test
  void aCteReadOnlyByAnotherCteIsWrittenBeforeIt() {
    Cte a = select(s.orderCustomer, s.orderTotal).where(s.orderTotal.gt(BigDecimal.TEN)).cte("a");
    Cte b = select(a.column("customer_id", BIGINT)).from(a).cte("b");
    expect(select(b.column("customer_id", BIGINT)).from(b))
        .everywhere(
            "WITH a (customer_id, total) AS (SELECT shop_orders.customer_id, shop_orders.total"
                + " FROM shop_orders WHERE shop_orders.total > ?),"
                + " b (customer_id) AS (SELECT a.customer_id FROM a)"
                + " SELECT b.customer_id FROM b")
        .names("$0");
  }

  @Test
  void aCteUsedInASubqueryIsWrittenByTheOutermostQuery() {
    Cte a = select(s.orderCustomer).where(s.orderTotal.gt(BigDecimal.TEN)).cte("a");
    expect(
            select(s.customerName)
                .where(s.customerId.in(select(a.column("customer_id", BIGINT)).from(a))))
        .everywhere(
            "WITH a (customer_id) AS (SELECT shop_orders.customer_id FROM shop_orders"
                + " WHERE shop_orders.total > ?) SELECT shop_customers.name"
                + FROM_C
                + " WHERE shop_customers.id IN (SELECT a.customer_id FROM a)");
  }

  @Test
  void aSubqueryCorrelatesToTheColumnsOfACte() {
    Cte big = select(s.orderCustomer, s.orderTotal).cte("big");
    Expression<Long> customer = big.column("customer_id", BIGINT);
    Expression<BigDecimal> total = big.column("total", numeric(10, 2));
    expect(
            select(customer)
                .from(big)
                .where(
                    total.gt(
                        select(avg(s.orderTotal).cast(numeric(10, 2)))
                            .where(s.orderCustomer.eq(customer))
                            .asScalar(BigDecimal.class))))
        .postgres(
            "WITH big (customer_id, total) AS (SELECT shop_orders.customer_id, shop_orders.total"
                + " FROM shop_orders) SELECT big.customer_id FROM big WHERE big.total >"
                + " (SELECT CAST(avg(shop_orders.total) AS NUMERIC(10, 2)) FROM shop_orders"
                + " WHERE shop_orders.customer_id = big.customer_id)");
  }

  @Test
  void aRecursiveCte() {
    Cte n = cte("n", "x");
    Expression<Integer> x = n.column("x", INTEGER);
    Cte counting =
        n.asRecursive(
            select(value(1, INTEGER).as("x")).unionAll(select(x.plus(1)).from(n).where(x.lt(10))));
    expect(select(counting.column("x", INTEGER)).from(counting))
        .everywhere(
            "WITH RECURSIVE n (x) AS (SELECT ? AS x UNION ALL SELECT n.x + ? FROM n"
                + " WHERE n.x < ?) SELECT n.x FROM n")
        .names("$0", "$1", "$2");
  }

  // ---- set operations ----

  @Test
  void unionUnionAllIntersectExcept() {
    String a = "SELECT shop_customers.name FROM shop_customers";
    String b = "SELECT shop_customers.city FROM shop_customers";
    expect(select(s.customerName).union(select(s.customerCity))).everywhere(a + " UNION " + b);
    expect(
            select(s.customerName)
                .unionAll(select(s.customerCity))
                .unionAll(select(s.customerEmail)))
        .everywhere(
            a + " UNION ALL " + b + " UNION ALL SELECT shop_customers.email FROM shop_customers");
    expect(select(s.customerName).intersect(select(s.customerCity)))
        .everywhere(a + " INTERSECT " + b);
    expect(select(s.customerName).except(select(s.customerCity))).everywhere(a + " EXCEPT " + b);
  }

  @Test
  void orderByAndLimitApplyToTheWholeSetOperation() {
    expect(
            select(s.customerName)
                .where(s.customerId.gt(1L))
                .union(select(s.customerCity))
                .orderBy(s.customerName.desc())
                .limit(5)
                .offset(2))
        .everywhere(
            "SELECT shop_customers.name FROM shop_customers WHERE shop_customers.id > ?"
                + " UNION SELECT shop_customers.city FROM shop_customers"
                + " ORDER BY 1 DESC LIMIT 5 OFFSET ?")
        .names("$0", "$1");
  }

  @Test
  void aPartWithItsOwnOrderAndLimitIsWrappedAsADerivedTable() {
    expect(
            select(s.customerName)
                .orderBy(s.customerName)
                .limit(2)
                .union(select(s.customerCity).where(s.customerCity.ne("x"))))
        .everywhere(
            "SELECT * FROM (SELECT shop_customers.name FROM shop_customers"
                + " ORDER BY shop_customers.name LIMIT 2) AS _u1"
                + " UNION SELECT shop_customers.city FROM shop_customers"
                + " WHERE shop_customers.city <> ?")
        .names("$0");
  }

  @Test
  void mixedOperatorsNestTheLeftSide() {
    expect(select(s.customerName).union(select(s.customerCity)).except(select(s.customerEmail)))
        .everywhere(
            "SELECT * FROM (SELECT shop_customers.name FROM shop_customers UNION"
                + " SELECT shop_customers.city FROM shop_customers) AS _u1"
                + " EXCEPT SELECT shop_customers.email FROM shop_customers");
  }

  @Test
  void nullsPlacementInTheOrderOfASetOperation() {
    expect(
            select(s.customerName)
                .union(select(s.customerCity))
                .orderBy(s.customerName.asc().nullsFirst()))
        .sqliteAndPostgres(
            "SELECT shop_customers.name FROM shop_customers UNION SELECT shop_customers.city"
                + " FROM shop_customers ORDER BY 1 NULLS FIRST")
        .mariadb(
            "SELECT _u1.name FROM (SELECT shop_customers.name FROM shop_customers UNION"
                + " SELECT shop_customers.city FROM shop_customers) AS _u1"
                + " ORDER BY CASE WHEN _u1.name IS NULL THEN 0 ELSE 1 END, _u1.name");
  }

  @Test
  void aSetOperationAsASubquery() {
    expect(
            select(s.orderTotal)
                .where(
                    s.orderCustomer.in(
                        select(s.customerId)
                            .where(s.customerCity.eq("a"))
                            .union(select(s.customerId).where(s.customerCity.eq("b"))))))
        .everywhere(
            "SELECT shop_orders.total FROM shop_orders WHERE shop_orders.customer_id IN"
                + " (SELECT shop_customers.id FROM shop_customers WHERE shop_customers.city = ?"
                + " UNION SELECT shop_customers.id FROM shop_customers"
                + " WHERE shop_customers.city = ?)")
        .names("$0", "$1");
  }

  // ---- grouping, ordering, paging ----

  @Test
  void groupByAndHaving() {
    expect(select(s.customerCity, count()).groupBy(s.customerCity).having(count().gt(2L)))
        .everywhere(
            "SELECT shop_customers.city, count(*)"
                + FROM_C
                + " GROUP BY shop_customers.city HAVING count(*) > ?")
        .names("$0");
  }

  @Test
  void orderingByALabelledExpressionRepeatsTheExpression() {
    Expression<Long> n = count().as("n");
    expect(select(s.customerCity, n).groupBy(s.customerCity).orderBy(n.desc()))
        .everywhere(
            "SELECT shop_customers.city, count(*) AS n"
                + FROM_C
                + " GROUP BY shop_customers.city ORDER BY count(*) DESC");
  }

  @Test
  void nullsFirstAndLastAreNativeExceptOnMariaDb() {
    expect(
            select(s.customerName)
                .orderBy(
                    s.customerCity.asc().nullsFirst(),
                    s.customerName.desc().nullsLast(),
                    s.customerId))
        .sqliteAndPostgres(
            "SELECT shop_customers.name"
                + FROM_C
                + " ORDER BY shop_customers.city NULLS FIRST,"
                + " shop_customers.name DESC NULLS LAST, shop_customers.id")
        .mariadb(
            "SELECT shop_customers.name"
                + FROM_C
                + " ORDER BY CASE WHEN shop_customers.city IS NULL THEN 0 ELSE 1 END,"
                + " shop_customers.city, CASE WHEN shop_customers.name IS NULL THEN 1 ELSE 0 END,"
                + " shop_customers.name DESC, shop_customers.id");
  }

  @Test
  void limitAndOffset() {
    expect(select(s.customerName).limit(10).offset(20))
        .everywhere("SELECT shop_customers.name" + FROM_C + " LIMIT 10 OFFSET ?")
        .names("$0");
    expect(select(s.customerName).limit(10))
        .everywhere("SELECT shop_customers.name" + FROM_C + " LIMIT 10");
  }

  @Test
  void anOffsetWithoutLimitIsSpelledPerDialect() {
    expect(select(s.customerName).offset(20))
        .postgres("SELECT shop_customers.name" + FROM_C + " OFFSET ?")
        .sqlite("SELECT shop_customers.name" + FROM_C + " LIMIT -1 OFFSET ?")
        .mariadb("SELECT shop_customers.name" + FROM_C + " LIMIT 18446744073709551615 OFFSET ?")
        .names("$0");
    expect(select(s.customerName).union(select(s.customerCity)).offset(5))
        .postgres(
            "SELECT shop_customers.name FROM shop_customers UNION SELECT shop_customers.city"
                + " FROM shop_customers OFFSET ?")
        .sqlite(
            "SELECT shop_customers.name FROM shop_customers UNION SELECT shop_customers.city"
                + " FROM shop_customers LIMIT -1 OFFSET ?");
  }

  @Test
  void distinct() {
    expect(select(s.customerCity).distinct())
        .everywhere("SELECT DISTINCT shop_customers.city" + FROM_C);
  }

  // ---- windows ----

  @Test
  void windowFunctions() {
    expect(
            select(
                s.customerName,
                rowNumber()
                    .over(Window.partitionBy(s.customerCity).orderBy(s.customerId.asc()))
                    .as("rn"),
                rank().over(Window.orderedBy(s.customerId.desc())),
                sum(s.customerId).over(Window.partitionBy(s.customerCity)),
                count().over(Window.all())))
        .everywhere(
            "SELECT shop_customers.name, row_number() OVER (PARTITION BY shop_customers.city"
                + " ORDER BY shop_customers.id) AS rn, rank() OVER (ORDER BY shop_customers.id"
                + " DESC), sum(shop_customers.id) OVER (PARTITION BY shop_customers.city),"
                + " count(*) OVER ()"
                + FROM_C);
  }

  @Test
  void nullsPlacementInsideAWindow() {
    expect(select(rowNumber().over(Window.orderedBy(s.customerCity.desc().nullsFirst()))))
        .sqliteAndPostgres(
            "SELECT row_number() OVER (ORDER BY shop_customers.city DESC NULLS FIRST)" + FROM_C)
        .mariadb(
            "SELECT row_number() OVER (ORDER BY CASE WHEN shop_customers.city IS NULL THEN 0"
                + " ELSE 1 END, shop_customers.city DESC)"
                + FROM_C);
  }

  // ---- row locks ----

  @Test
  void forUpdateIsLeftOutOnSqliteWhichLocksTheWholeDatabase() {
    expect(select(s.customerName).where(s.customerId.eq(1L)).forUpdate())
        .sqlite("SELECT shop_customers.name" + FROM_C + " WHERE shop_customers.id = ?")
        .postgres("SELECT shop_customers.name" + FROM_C + " WHERE shop_customers.id = ? FOR UPDATE")
        .mariadb("SELECT shop_customers.name" + FROM_C + " WHERE shop_customers.id = ? FOR UPDATE");
  }

  @Test
  void nowaitAndSkipLockedWhereRowsCanBeLocked() {
    expect(select(s.customerName).forUpdate(Lock.UPDATE_NOWAIT))
        .postgres("SELECT shop_customers.name" + FROM_C + " FOR UPDATE NOWAIT")
        .mariadb("SELECT shop_customers.name" + FROM_C + " FOR UPDATE NOWAIT")
        .unsupportedOn(SQLITE, "FOR UPDATE NOWAIT");
    expect(select(s.customerName).forUpdate(Lock.UPDATE_SKIP_LOCKED))
        .postgres("SELECT shop_customers.name" + FROM_C + " FOR UPDATE SKIP LOCKED")
        .mariadb("SELECT shop_customers.name" + FROM_C + " FOR UPDATE SKIP LOCKED")
        .unsupportedOn(SQLITE, "FOR UPDATE SKIP LOCKED");
  }

  @Test
  void theLockComesAfterOrderAndLimit() {
    expect(
            select(s.customerCity)
                .distinct()
                .where(s.customerId.gt(1L))
                .orderBy(s.customerCity)
                .limit(3)
                .offset(1)
                .forUpdate())
        .postgres(
            "SELECT DISTINCT shop_customers.city"
                + FROM_C
                + " WHERE shop_customers.id > ? ORDER BY shop_customers.city LIMIT 3 OFFSET ?"
                + " FOR UPDATE")
        .names("$0", "$1");
  }
}
