package dev.retort.sql.compile;

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
import static dev.retort.sql.Sql.param;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.sum;
import static dev.retort.sql.Sql.upper;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.compile.Expect.MARIADB;
import static dev.retort.sql.compile.Expect.expect;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.BINARY;
import static dev.retort.sql.types.SqlTypes.BOOLEAN;
import static dev.retort.sql.types.SqlTypes.DATE;
import static dev.retort.sql.types.SqlTypes.DOUBLE;
import static dev.retort.sql.types.SqlTypes.FLOAT;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.JSON;
import static dev.retort.sql.types.SqlTypes.SMALLINT;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static dev.retort.sql.types.SqlTypes.TIME;
import static dev.retort.sql.types.SqlTypes.TIMESTAMP;
import static dev.retort.sql.types.SqlTypes.TIMESTAMPTZ;
import static dev.retort.sql.types.SqlTypes.UUID;
import static dev.retort.sql.types.SqlTypes.enumOf;
import static dev.retort.sql.types.SqlTypes.numeric;
import static dev.retort.sql.types.SqlTypes.string;

import dev.retort.sql.expr.TableAlias;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.ShopSchema;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact SELECT SQL each dialect compiles for columns, tables, joins, conditions, operators,
 * functions, labels, aliases and identifiers that need quoting. No database.
 */
class SqlCompileTest {
  private final ShopSchema s = new ShopSchema();

  private static final String FROM_C = " FROM shop_customers";

  // ---- what is selected ----

  @Test
  void selectsColumnsAndInfersTheFromClause() {
    expect(select(s.customerId, s.customerName))
        .everywhere("SELECT shop_customers.id, shop_customers.name FROM shop_customers")
        .names();
  }

  @Test
  void aTableStandsForAllItsColumns() {
    expect(select(s.customers))
        .everywhere(
            "SELECT shop_customers.id, shop_customers.name, shop_customers.email,"
                + " shop_customers.tier, shop_customers.city FROM shop_customers");
  }

  @Test
  void expressionsBindTheirValuesInOrder() {
    expect(select(s.customerId.plus(1L).times(2L).as("x"), count()))
        .everywhere("SELECT (shop_customers.id + ?) * ? AS x, count(*)" + FROM_C)
        .names("$0", "$1");
  }

  @Test
  void aSelectWithoutTablesHasNoFrom() {
    expect(select(value(1, INTEGER).as("one"), currentTimestamp()))
        .sqliteAndPostgres("SELECT ? AS one, CURRENT_TIMESTAMP")
        .mariadb("SELECT ? AS one, UTC_TIMESTAMP(6)")
        .names("$0");
  }

  @Test
  void columnsOfSeveralTablesListEveryTable() {
    expect(select(s.customerName, s.orderTotal))
        .everywhere(
            "SELECT shop_customers.name, shop_orders.total FROM shop_customers, shop_orders");
  }

  // ---- joins ----

  @Test
  void innerLeftAndRightJoins() {
    String on = " shop_orders ON shop_orders.customer_id = shop_customers.id";
    String head = "SELECT shop_customers.name, shop_orders.total FROM shop_customers ";
    expect(select(s.customerName, s.orderTotal).join(s.orders, s.orderCustomer.eq(s.customerId)))
        .everywhere(head + "JOIN" + on);
    expect(
            select(s.customerName, s.orderTotal)
                .leftJoin(s.orders, s.orderCustomer.eq(s.customerId)))
        .everywhere(head + "LEFT OUTER JOIN" + on);
    expect(
            select(s.customerName, s.orderTotal)
                .rightJoin(s.orders, s.orderCustomer.eq(s.customerId)))
        .everywhere(head + "RIGHT OUTER JOIN" + on);
  }

  @Test
  void fullJoinWhereTheDatabaseHasIt() {
    expect(
            select(s.customerName, s.orderTotal)
                .fullJoin(s.orders, s.orderCustomer.eq(s.customerId)))
        .sqliteAndPostgres(
            "SELECT shop_customers.name, shop_orders.total FROM shop_customers FULL OUTER JOIN"
                + " shop_orders ON shop_orders.customer_id = shop_customers.id")
        .unsupportedOn(MARIADB, "FULL OUTER JOIN");
  }

  @Test
  void chainedJoinsOfAnExplicitFromWithAnAlias() {
    TableAlias referrer = s.customers.as("referrer");
    expect(
            select(s.customerName, referrer.col(s.customerName).as("other"))
                .from(
                    s.customers
                        .join(s.orders, s.orderCustomer.eq(s.customerId))
                        .leftJoin(referrer, referrer.col(s.customerId).eq(s.orderCustomer))))
        .everywhere(
            "SELECT shop_customers.name, referrer.name AS other FROM shop_customers"
                + " JOIN shop_orders ON shop_orders.customer_id = shop_customers.id"
                + " LEFT OUTER JOIN shop_customers AS referrer"
                + " ON referrer.id = shop_orders.customer_id");
  }

  @Test
  void aJoinOntoAJoinIsParenthesized() {
    TableAlias other = s.customers.as("other");
    expect(
            select(s.customerName)
                .from(
                    s.customers.join(
                        s.orders.join(other, other.col(s.customerId).eq(s.orderCustomer)),
                        s.orderCustomer.eq(s.customerId))))
        .everywhere(
            "SELECT shop_customers.name FROM shop_customers JOIN (shop_orders JOIN"
                + " shop_customers AS other ON other.id = shop_orders.customer_id)"
                + " ON shop_orders.customer_id = shop_customers.id");
  }

  // ---- WHERE: and / or / not ----

  @Test
  void orInsideAndIsParenthesizedAndNotWrapsItsOperand() {
    expect(
            select(s.customerId)
                .where(
                    s.customerName
                        .eq("a")
                        .or(s.customerCity.eq("b"))
                        .and(not(s.customerId.gt(3L)))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE (shop_customers.name = ? OR shop_customers.city = ?)"
                + " AND NOT (shop_customers.id > ?)")
        .names("$0", "$1", "$2");
  }

  @Test
  void andInsideOrIsParenthesized() {
    expect(
            select(s.customerId)
                .where(
                    or(
                        and(s.customerId.eq(1L), s.customerId.ne(2L)),
                        and(s.customerId.lt(3L), s.customerId.le(4L)),
                        s.customerId.ge(5L))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE (shop_customers.id = ? AND shop_customers.id <> ?)"
                + " OR (shop_customers.id < ? AND shop_customers.id <= ?)"
                + " OR shop_customers.id >= ?")
        .names("$0", "$1", "$2", "$3", "$4");
  }

  @Test
  void chainedAndsFlattenAndSeveralWhereCallsAreAnded() {
    expect(
            select(s.customerId)
                .where(s.customerId.gt(1L).and(s.customerId.lt(9L)))
                .where(s.customerCity.isNull()))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE shop_customers.id > ? AND shop_customers.id < ?"
                + " AND shop_customers.city IS NULL");
  }

  @Test
  void notOfADisjunctionKeepsItWhole() {
    expect(select(s.customerId).where(not(s.customerId.eq(1L).or(s.customerId.eq(2L)))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE NOT (shop_customers.id = ? OR shop_customers.id = ?)");
    expect(select(s.customerId).where(s.customerCity.isNull().not()))
        .everywhere(
            "SELECT shop_customers.id" + FROM_C + " WHERE NOT (shop_customers.city IS NULL)");
  }

  @Test
  void emptyAndIsTrueAndEmptyOrIsFalse() {
    expect(select(s.customerId).where(and()))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE 1 = 1");
    expect(select(s.customerId).where(or()))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE 1 = 0");
  }

  // ---- comparisons and operators ----

  @Test
  void everyComparisonOperator() {
    expect(
            select(s.customerId)
                .where(
                    and(
                        s.customerId.eq(1L),
                        s.customerId.ne(2L),
                        s.customerId.lt(3L),
                        s.customerId.le(4L),
                        s.customerId.gt(5L),
                        s.customerId.ge(6L),
                        s.orderCustomer.eq(s.customerId))))
        .everywhere(
            "SELECT shop_customers.id FROM shop_customers, shop_orders WHERE"
                + " shop_customers.id = ? AND shop_customers.id <> ? AND shop_customers.id < ?"
                + " AND shop_customers.id <= ? AND shop_customers.id > ? AND shop_customers.id >= ?"
                + " AND shop_orders.customer_id = shop_customers.id")
        .names("$0", "$1", "$2", "$3", "$4", "$5");
  }

  @Test
  void compositeOperandsAreParenthesized() {
    expect(
            select(
                s.customerId
                    .minus(s.customerId.minus(1L))
                    .div(s.customerId.plus(2L).times(3L))
                    .as("q")))
        .everywhere(
            "SELECT (shop_customers.id - (shop_customers.id - ?))"
                + " / ((shop_customers.id + ?) * ?) AS q"
                + FROM_C);
    expect(select(s.customerId).where(s.customerCity.isNull().eq(s.customerName.like("a%"))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE (shop_customers.city IS NULL) = (shop_customers.name LIKE ?)");
  }

  @Test
  void eqAndNeWithNullAreIsNullTests() {
    expect(
            select(s.customerId)
                .where(s.customerCity.eq((String) null).or(s.customerName.ne((String) null))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE shop_customers.city IS NULL OR shop_customers.name IS NOT NULL")
        .names();
  }

  @Test
  void isNullAndIsNotNull() {
    expect(select(s.customerId).where(s.customerCity.isNull().and(s.customerName.isNotNull())))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE shop_customers.city IS NULL AND shop_customers.name IS NOT NULL");
  }

  @Test
  void betweenAndNotBetween() {
    expect(select(s.customerId).where(s.customerId.between(1L, 5L)))
        .everywhere(
            "SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.id BETWEEN ? AND ?")
        .names("$0", "$1");
    expect(select(s.customerId).where(s.customerId.notBetween(1L, 5L)))
        .everywhere(
            "SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.id NOT BETWEEN ? AND ?");
    expect(
            select(s.customerId)
                .where(s.customerId.plus(1L).between(s.customerId.minus(1L), value(5L, BIGINT))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE (shop_customers.id + ?) BETWEEN (shop_customers.id - ?) AND ?");
  }

  // ---- IN ----

  @Test
  void inAndNotInAListOfValues() {
    expect(select(s.customerId).where(s.customerId.in(1L, 2L, 3L)))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.id IN (?, ?, ?)")
        .names("$0", "$1", "$2");
    expect(select(s.customerId).where(s.customerId.notIn(List.of(1L, 2L))))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.id NOT IN (?, ?)")
        .names("$0", "$1");
    expect(select(s.customerId).where(s.customerId.plus(1L).in(1L, 2L)))
        .everywhere(
            "SELECT shop_customers.id" + FROM_C + " WHERE (shop_customers.id + ?) IN (?, ?)");
  }

  @Test
  void anEmptyInListIsFalseAndAnEmptyNotInListTrue() {
    expect(select(s.customerId).where(s.customerId.in(List.of())))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE 1 = 0")
        .names();
    expect(select(s.customerId).where(s.customerId.notIn(List.of())))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE 1 = 1")
        .names();
    expect(select(s.customerId).where(s.customerCity.eq("x").or(s.customerId.in(List.of()))))
        .everywhere(
            "SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.city = ? OR 1 = 0");
  }

  @Test
  void inAndNotInASubquery() {
    expect(
            select(s.customerId)
                .where(
                    s.customerId.in(
                        select(s.orderCustomer).where(s.orderTotal.gt(new BigDecimal("10"))))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE shop_customers.id IN (SELECT shop_orders.customer_id FROM shop_orders"
                + " WHERE shop_orders.total > ?)")
        .names("$0");
    expect(select(s.customerId).where(s.customerId.notIn(select(s.orderCustomer))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE shop_customers.id NOT IN (SELECT shop_orders.customer_id"
                + " FROM shop_orders)");
  }

  // ---- LIKE ----

  @Test
  void likeAndNotLikeAreTheSameEverywhere() {
    expect(select(s.customerId).where(s.customerName.like("A%")))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.name LIKE ?")
        .names("$0");
    expect(select(s.customerId).where(s.customerName.notLike("A%")))
        .everywhere("SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.name NOT LIKE ?");
  }

  @Test
  void ilikeIsNativeOnPostgresAndLowerCasedElsewhere() {
    expect(select(s.customerId).where(s.customerName.ilike("a%")))
        .postgres("SELECT shop_customers.id" + FROM_C + " WHERE shop_customers.name ILIKE ?")
        .sqlite(
            "SELECT shop_customers.id" + FROM_C + " WHERE lower(shop_customers.name) LIKE lower(?)")
        .mariadb(
            "SELECT shop_customers.id" + FROM_C + " WHERE lower(shop_customers.name) LIKE lower(?)")
        .names("$0");
  }

  // ---- CASE, CAST, functions ----

  @Test
  void caseWithBranchesAndElse() {
    expect(
            select(
                caseWhen(s.customerId.gt(1L), "big", TEXT)
                    .when(s.customerId.eq(1L), "one")
                    .otherwise("small")
                    .as("size")))
        .everywhere(
            "SELECT CASE WHEN shop_customers.id > ? THEN ? WHEN shop_customers.id = ? THEN ?"
                + " ELSE ? END AS size"
                + FROM_C)
        .names("$0", "$1", "$2", "$3", "$4");
    expect(select(caseWhen(s.customerCity.isNull(), s.customerName).as("c")))
        .everywhere(
            "SELECT CASE WHEN shop_customers.city IS NULL THEN shop_customers.name END AS c"
                + FROM_C);
  }

  @Test
  void castUsesEachDialectsTypeNames() {
    var id = s.customerId;
    expect(
            select(
                id.cast(SMALLINT),
                id.cast(INTEGER),
                id.cast(BIGINT),
                id.cast(string(20)),
                id.cast(TEXT),
                id.cast(BOOLEAN),
                id.cast(numeric(10, 2)),
                id.cast(FLOAT),
                cast(id, DOUBLE)))
        .sqlite(
            "SELECT CAST(shop_customers.id AS INTEGER), CAST(shop_customers.id AS INTEGER),"
                + " CAST(shop_customers.id AS INTEGER), CAST(shop_customers.id AS TEXT),"
                + " CAST(shop_customers.id AS TEXT), CAST(shop_customers.id AS INTEGER),"
                + " CAST(shop_customers.id AS NUMERIC), CAST(shop_customers.id AS REAL),"
                + " CAST(shop_customers.id AS REAL)"
                + FROM_C)
        .postgres(
            "SELECT CAST(shop_customers.id AS SMALLINT), CAST(shop_customers.id AS INTEGER),"
                + " CAST(shop_customers.id AS BIGINT), CAST(shop_customers.id AS VARCHAR(20)),"
                + " CAST(shop_customers.id AS TEXT), CAST(shop_customers.id AS BOOLEAN),"
                + " CAST(shop_customers.id AS NUMERIC(10, 2)), CAST(shop_customers.id AS REAL),"
                + " CAST(shop_customers.id AS DOUBLE PRECISION)"
                + FROM_C)
        .mariadb(
            "SELECT CAST(shop_customers.id AS SIGNED), CAST(shop_customers.id AS SIGNED),"
                + " CAST(shop_customers.id AS SIGNED), CAST(shop_customers.id AS CHAR),"
                + " CAST(shop_customers.id AS CHAR), CAST(shop_customers.id AS SIGNED),"
                + " CAST(shop_customers.id AS DECIMAL(10, 2)), CAST(shop_customers.id AS FLOAT),"
                + " CAST(shop_customers.id AS DOUBLE)"
                + FROM_C);
    var name = s.customerName;
    expect(
            select(
                name.cast(DATE),
                name.cast(TIME),
                name.cast(TIMESTAMP),
                name.cast(TIMESTAMPTZ),
                name.cast(UUID),
                name.cast(JSON),
                name.cast(BINARY),
                name.cast(enumOf(ShopSchema.Tier.class))))
        .sqlite(
            "SELECT CAST(shop_customers.name AS TEXT), CAST(shop_customers.name AS TEXT),"
                + " CAST(shop_customers.name AS TEXT), CAST(shop_customers.name AS TEXT),"
                + " CAST(shop_customers.name AS TEXT), CAST(shop_customers.name AS TEXT),"
                + " CAST(shop_customers.name AS BLOB), CAST(shop_customers.name AS TEXT)"
                + FROM_C)
        .postgres(
            "SELECT CAST(shop_customers.name AS DATE), CAST(shop_customers.name AS TIME(6)),"
                + " CAST(shop_customers.name AS TIMESTAMP(6)),"
                + " CAST(shop_customers.name AS TIMESTAMPTZ(6)), CAST(shop_customers.name AS UUID),"
                + " CAST(shop_customers.name AS JSONB), CAST(shop_customers.name AS BYTEA),"
                + " CAST(shop_customers.name AS VARCHAR(5))"
                + FROM_C)
        .mariadb(
            "SELECT CAST(shop_customers.name AS DATE), CAST(shop_customers.name AS TIME(6)),"
                + " CAST(shop_customers.name AS DATETIME(6)),"
                + " CAST(shop_customers.name AS DATETIME(6)), CAST(shop_customers.name AS CHAR),"
                + " CAST(shop_customers.name AS CHAR), CAST(shop_customers.name AS BINARY),"
                + " CAST(shop_customers.name AS CHAR)"
                + FROM_C);
  }

  @Test
  void aggregateAndScalarFunctions() {
    String functions =
        "SELECT count(*), count(shop_customers.city), count(DISTINCT shop_customers.city),"
            + " sum(shop_customers.id), avg(shop_customers.id), min(shop_customers.name),"
            + " max(shop_customers.name), coalesce(shop_customers.city, ?),"
            + " coalesce(shop_customers.city, shop_customers.name), lower(shop_customers.name),"
            + " upper(shop_customers.name), %s, length(shop_customers.name)"
            + FROM_C;
    expect(
            select(
                count(),
                count(s.customerCity),
                countDistinct(s.customerCity),
                sum(s.customerId),
                avg(s.customerId),
                min(s.customerName),
                max(s.customerName),
                coalesce(s.customerCity, "none"),
                coalesce(s.customerCity, s.customerName),
                lower(s.customerName),
                upper(s.customerName),
                currentTimestamp(),
                function("length", INTEGER, s.customerName)))
        .sqliteAndPostgres(functions.formatted("CURRENT_TIMESTAMP"))
        // MariaDB's CURRENT_TIMESTAMP is in the session's time zone; the UTC one reads back right.
        .mariadb(functions.formatted("UTC_TIMESTAMP(6)"))
        .names("$0");
  }

  @Test
  void namedParametersKeepTheirNamesBesideBoundValues() {
    expect(
            select(s.customerId)
                .where(s.customerName.eq(param("name", TEXT)).and(s.customerCity.eq("x"))))
        .everywhere(
            "SELECT shop_customers.id"
                + FROM_C
                + " WHERE shop_customers.name = ? AND shop_customers.city = ?")
        .names("name", "$0");
  }

  @Test
  void jsonValuesAreCastToJsonbOnPostgres() {
    expect(select(value("{}", JSON).as("j")))
        .postgres("SELECT CAST(? AS JSONB) AS j")
        .sqlite("SELECT ? AS j")
        .mariadb("SELECT ? AS j")
        .names("$0");
  }

  // ---- labels, aliases, quoting, schemas ----

  @Test
  void labelsAreQuotedWhenReservedOrOdd() {
    expect(
            select(
                s.customerName.as("n"), s.customerName.as("Odd Name"), s.customerName.as("select")))
        .sqliteAndPostgres(
            "SELECT shop_customers.name AS n, shop_customers.name AS \"Odd Name\","
                + " shop_customers.name AS \"select\""
                + FROM_C)
        .mariadb(
            "SELECT shop_customers.name AS n, shop_customers.name AS `Odd Name`,"
                + " shop_customers.name AS `select`"
                + FROM_C);
  }

  @Test
  void anAliasedTableQualifiesItsColumnsByTheAlias() {
    TableAlias c2 = s.customers.as("c2");
    expect(select(c2.col(s.customerName)).where(c2.col(s.customerId).eq(1L)))
        .everywhere("SELECT c2.name FROM shop_customers AS c2 WHERE c2.id = ?")
        .names("$0");
  }

  @Test
  void reservedColumnNamesAreQuotedEverywhereTheyAppear() {
    expect(
            select(s.orderPosition)
                .where(s.orderPosition.eq(1))
                .orderBy(s.orderPosition)
                .groupBy(s.orderPosition))
        .sqliteAndPostgres(
            "SELECT shop_orders.\"order\" FROM shop_orders WHERE shop_orders.\"order\" = ?"
                + " GROUP BY shop_orders.\"order\" ORDER BY shop_orders.\"order\"")
        .mariadb(
            "SELECT shop_orders.`order` FROM shop_orders WHERE shop_orders.`order` = ?"
                + " GROUP BY shop_orders.`order` ORDER BY shop_orders.`order`");
  }

  @Test
  void oddIdentifiersAreQuotedWithTheirQuoteCharactersDoubled() {
    MetaData metadata = new MetaData();
    Table odd =
        metadata.table(
            "Odd Table",
            t -> {
              t.column("id", BIGINT).primaryKey();
              t.column("Name", TEXT);
              t.column("we\"ird`col", TEXT);
              t.column("1st", INTEGER);
              t.column("naïve", TEXT);
            });
    Column<String> name = odd.column("Name", String.class);
    TableAlias alias = odd.as("Odd Alias");
    expect(select(odd).where(name.eq("x")))
        .sqliteAndPostgres(
            "SELECT \"Odd Table\".id, \"Odd Table\".\"Name\", \"Odd Table\".\"we\"\"ird`col\","
                + " \"Odd Table\".\"1st\", \"Odd Table\".\"naïve\" FROM \"Odd Table\""
                + " WHERE \"Odd Table\".\"Name\" = ?")
        .mariadb(
            "SELECT `Odd Table`.id, `Odd Table`.`Name`, `Odd Table`.`we\"ird``col`,"
                + " `Odd Table`.`1st`, `Odd Table`.`naïve` FROM `Odd Table`"
                + " WHERE `Odd Table`.`Name` = ?");
    expect(select(alias.col(name).as("Label Name")))
        .sqliteAndPostgres(
            "SELECT \"Odd Alias\".\"Name\" AS \"Label Name\" FROM \"Odd Table\" AS \"Odd Alias\"")
        .mariadb("SELECT `Odd Alias`.`Name` AS `Label Name` FROM `Odd Table` AS `Odd Alias`");
  }

  @Test
  void schemaQualifiedTablesNameTheirSchemaInFrom() {
    MetaData metadata = new MetaData();
    Table accounts =
        metadata.table(
            "accounts",
            t -> {
              t.schema("sales");
              t.column("id", BIGINT).primaryKey();
              t.column("owner", TEXT);
            });
    Table ledger =
        metadata.table(
            "ledger",
            t -> {
              t.schema("Sales Dept");
              t.column("id", BIGINT).primaryKey();
              t.column("account_id", BIGINT);
            });
    Column<Long> accountId = accounts.column("id", Long.class);
    Column<Long> ledgerAccount = ledger.column("account_id", Long.class);
    expect(
            select(accounts.column("owner", String.class), ledger.column("id", Long.class))
                .join(ledger, ledgerAccount.eq(accountId)))
        .sqliteAndPostgres(
            "SELECT accounts.owner, ledger.id FROM sales.accounts"
                + " JOIN \"Sales Dept\".ledger ON ledger.account_id = accounts.id")
        .mariadb(
            "SELECT accounts.owner, ledger.id FROM sales.accounts"
                + " JOIN `Sales Dept`.ledger ON ledger.account_id = accounts.id");
  }
}
