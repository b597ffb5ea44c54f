package dev.retort.sql.compile;

import static dev.retort.sql.Sql.delete;
import static dev.retort.sql.Sql.excluded;
import static dev.retort.sql.Sql.exists;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.max;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.set;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.compile.Expect.MARIADB;
import static dev.retort.sql.compile.Expect.MYSQL;
import static dev.retort.sql.compile.Expect.expect;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static dev.retort.sql.types.SqlTypes.numeric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.sql.expr.Insert;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.ShopSchema;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The exact INSERT, UPDATE, DELETE, RETURNING and upsert SQL each dialect compiles. No database.
 */
class DmlCompileTest {
  private final ShopSchema s = new ShopSchema();

  private Insert customer() {
    return insert(s.customers).value(s.customerEmail, "e@x").value(s.customerName, "Ann");
  }

  // ---- INSERT ----

  @Test
  void insertOneRow() {
    expect(customer())
        .everywhere("INSERT INTO shop_customers (email, name) VALUES (?, ?)")
        .names("$0", "$1");
  }

  @Test
  void settingAColumnTwiceKeepsTheLastValueInItsPlace() {
    Insert insert = customer().value(s.customerEmail, "other@x");
    expect(insert).everywhere("INSERT INTO shop_customers (email, name) VALUES (?, ?)");
    assertThat(insert.embeddedParameters()).containsEntry("$0", "other@x");
  }

  @Test
  void insertSeveralRows() {
    expect(
            insert(s.customers)
                .columns(s.customerName, s.customerEmail)
                .values("a", "a@x")
                .values("b", value("b@x", TEXT)))
        .everywhere("INSERT INTO shop_customers (name, email) VALUES (?, ?), (?, ?)")
        .names("$0", "$1", "$2", "$3");
  }

  @Test
  void insertFromASelect() {
    expect(
            insert(s.orders)
                .columns(s.orderCustomer, s.orderTotal)
                .from(
                    select(s.customerId, value(BigDecimal.ONE, numeric(10, 2)))
                        .where(s.customerCity.eq("x"))))
        .everywhere(
            "INSERT INTO shop_orders (customer_id, total) SELECT shop_customers.id, ?"
                + " FROM shop_customers WHERE shop_customers.city = ?")
        .names("$0", "$1");
  }

  @Test
  void insertDefaultValues() {
    expect(insert(s.customers).defaultValues())
        .sqliteAndPostgres("INSERT INTO shop_customers DEFAULT VALUES")
        .mariadb("INSERT INTO shop_customers () VALUES ()")
        .names();
  }

  @Test
  void insertIntoAReservedColumnAndASchemaQualifiedTable() {
    expect(insert(s.orders).value(s.orderPosition, 3).value(s.orderCustomer, 1L))
        .sqliteAndPostgres("INSERT INTO shop_orders (\"order\", customer_id) VALUES (?, ?)")
        .mariadb("INSERT INTO shop_orders (`order`, customer_id) VALUES (?, ?)");
    Table accounts =
        new MetaData()
            .table(
                "accounts",
                t -> {
                  t.schema("sales");
                  t.column("id", BIGINT).primaryKey().autoincrement();
                  t.column("owner", TEXT);
                });
    expect(insert(accounts).value(accounts.column("owner", String.class), "o"))
        .everywhere("INSERT INTO sales.accounts (owner) VALUES (?)");
  }

  // ---- RETURNING ----

  @Test
  void insertReturningWhereTheDialectHasIt() {
    Insert insert = customer().returning(s.customerId, s.customerName);
    expect(insert)
        .everywhere("INSERT INTO shop_customers (email, name) VALUES (?, ?) RETURNING id, name");
    assertThat(expect(insert).compiled(MARIADB).generatedKeyColumns()).isEmpty();
    expect(customer().returning(s.customers))
        .everywhere(
            "INSERT INTO shop_customers (email, name) VALUES (?, ?)"
                + " RETURNING id, name, email, tier, city");
    expect(insert(s.customers).defaultValues().returning(s.customerId))
        .sqliteAndPostgres("INSERT INTO shop_customers DEFAULT VALUES RETURNING id")
        .mariadb("INSERT INTO shop_customers () VALUES () RETURNING id");
  }

  @Test
  void withoutReturningAnAutoIncrementKeyComesBackAsAGeneratedKey() {
    Compiled compiled = expect(customer().returning(s.customerId)).compiled(MYSQL);
    assertThat(compiled.sql()).isEqualTo("INSERT INTO shop_customers (email, name) VALUES (?, ?)");
    assertThat(compiled.generatedKeyColumns()).containsExactly("id");
    assertThat(compiled.keysAsRows()).isTrue();
  }

  @Test
  void withoutReturningOtherColumnsAndMultiRowInsertsCannotReturn() {
    expect(customer().returning(s.customerName))
        .unsupportedOn(MYSQL, "INSERT ... RETURNING shop_customers.name");
    expect(
            insert(s.customers)
                .columns(s.customerName, s.customerEmail)
                .values("a", "a@x")
                .values("b", "b@x")
                .returning(s.customerId))
        .unsupportedOn(MYSQL, "RETURNING from a multi-row INSERT")
        .everywhere("INSERT INTO shop_customers (name, email) VALUES (?, ?), (?, ?) RETURNING id");
    expect(delete(s.customers).returning(s.customerId))
        .unsupportedOn(MYSQL, "DELETE ... RETURNING");
  }

  @Test
  void updateReturningIsMissingOnMariaDb() {
    expect(update(s.customers).set(s.customerName, "n").returning(s.customerId))
        .sqliteAndPostgres("UPDATE shop_customers SET name = ? RETURNING id")
        .unsupportedOn(MARIADB, "UPDATE ... RETURNING")
        .unsupportedOn(MYSQL, "UPDATE ... RETURNING");
  }

  @Test
  void deleteReturningAnExpression() {
    expect(delete(s.customers).where(s.customerId.eq(1L)).returning(s.customerId.plus(1L).as("n")))
        .everywhere("DELETE FROM shop_customers WHERE id = ? RETURNING id + ? AS n")
        .names("$0", "$1");
  }

  // ---- UPDATE and DELETE ----

  @Test
  void updateWritesColumnsUnqualified() {
    expect(
            update(s.customers)
                .set(s.customerName, "n")
                .set(s.customerId, s.customerId.plus(1L))
                .where(s.customerId.eq(1L)))
        .everywhere("UPDATE shop_customers SET name = ?, id = id + ? WHERE id = ?")
        .names("$0", "$1", "$2");
    expect(update(s.orders).set(s.orderPosition, 3).where(s.orderPosition.eq(1)))
        .sqliteAndPostgres("UPDATE shop_orders SET \"order\" = ? WHERE \"order\" = ?")
        .mariadb("UPDATE shop_orders SET `order` = ? WHERE `order` = ?");
  }

  @Test
  void updateAndDeleteWithCorrelatedSubqueries() {
    expect(
            update(s.customers)
                .set(
                    s.customerCity,
                    select(max(s.orderTotal).cast(TEXT))
                        .where(s.orderCustomer.eq(s.customerId))
                        .asScalar(String.class))
                .where(exists(select(s.orderId).where(s.orderCustomer.eq(s.customerId)))))
        .sqliteAndPostgres(
            "UPDATE shop_customers SET city = (SELECT CAST(max(shop_orders.total) AS TEXT)"
                + " FROM shop_orders WHERE shop_orders.customer_id = shop_customers.id)"
                + " WHERE EXISTS (SELECT shop_orders.id FROM shop_orders"
                + " WHERE shop_orders.customer_id = shop_customers.id)")
        .mariadb(
            "UPDATE shop_customers SET city = (SELECT CAST(max(shop_orders.total) AS CHAR)"
                + " FROM shop_orders WHERE shop_orders.customer_id = shop_customers.id)"
                + " WHERE EXISTS (SELECT shop_orders.id FROM shop_orders"
                + " WHERE shop_orders.customer_id = shop_customers.id)");
    expect(
            delete(s.customers)
                .where(s.customerId.in(select(s.customerId).where(s.customerCity.eq("x")))))
        .everywhere(
            "DELETE FROM shop_customers WHERE id IN (SELECT shop_customers.id FROM shop_customers"
                + " WHERE shop_customers.city = ?)");
  }

  @Test
  void deleteAllOrSome() {
    expect(delete(s.customers)).everywhere("DELETE FROM shop_customers").names();
    expect(delete(s.customers).where(s.customerId.eq(1L)).where(s.customerCity.isNull()))
        .everywhere("DELETE FROM shop_customers WHERE id = ? AND city IS NULL")
        .names("$0");
  }

  @Test
  void updateAndDeleteOfASchemaQualifiedTable() {
    Table ledger =
        new MetaData()
            .table(
                "ledger",
                t -> {
                  t.schema("Sales Dept");
                  t.column("id", BIGINT).primaryKey();
                  t.column("account_id", BIGINT);
                });
    Column<Long> id = ledger.column("id", Long.class);
    expect(update(ledger).set(ledger.column("account_id", Long.class), 2L).where(id.eq(1L)))
        .sqliteAndPostgres("UPDATE \"Sales Dept\".ledger SET account_id = ? WHERE id = ?")
        .mariadb("UPDATE `Sales Dept`.ledger SET account_id = ? WHERE id = ?");
    expect(delete(ledger).where(id.eq(1L)))
        .sqliteAndPostgres("DELETE FROM \"Sales Dept\".ledger WHERE id = ?")
        .mariadb("DELETE FROM `Sales Dept`.ledger WHERE id = ?");
  }

  // ---- upsert ----

  @Test
  void upsertDoNothing() {
    expect(customer().onConflict(s.customerEmail).doNothing())
        .sqliteAndPostgres(
            "INSERT INTO shop_customers (email, name) VALUES (?, ?) ON CONFLICT (email) DO NOTHING")
        .mariadb(
            "INSERT INTO shop_customers (email, name) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE email = email")
        .names("$0", "$1");
    expect(customer().onConflict().doNothing())
        .sqliteAndPostgres(
            "INSERT INTO shop_customers (email, name) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .mariadb(
            "INSERT INTO shop_customers (email, name) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE email = email");
  }

  @Test
  void upsertDoUpdateWithExcludedAndNewValues() {
    expect(
            customer()
                .onConflict(s.customerEmail)
                .doUpdate(set(s.customerName, excluded(s.customerName)), set(s.customerCity, "c")))
        .sqliteAndPostgres(
            "INSERT INTO shop_customers (email, name) VALUES (?, ?) ON CONFLICT (email)"
                + " DO UPDATE SET name = excluded.name, city = ?")
        .mariadb(
            "INSERT INTO shop_customers (email, name) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE name = VALUES(name), city = ?")
        .names("$0", "$1", "$2");
  }

  @Test
  void upsertOfSeveralRowsReturningTheKey() {
    expect(
            insert(s.customers)
                .columns(s.customerName, s.customerEmail)
                .values("a", "a@x")
                .values("b", "b@x")
                .onConflict(s.customerEmail)
                .doUpdateColumns(s.customerName)
                .returning(s.customerId))
        .sqliteAndPostgres(
            "INSERT INTO shop_customers (name, email) VALUES (?, ?), (?, ?) ON CONFLICT (email)"
                + " DO UPDATE SET name = excluded.name RETURNING id")
        .mariadb(
            "INSERT INTO shop_customers (name, email) VALUES (?, ?), (?, ?)"
                + " ON DUPLICATE KEY UPDATE name = VALUES(name) RETURNING id");
  }

  @Test
  void upsertFedByASelectGivesSqliteTheWhereItNeeds() {
    expect(
            insert(s.customers)
                .columns(s.customerName, s.customerEmail)
                .from(select(s.orderId.cast(TEXT), s.orderId.cast(TEXT)))
                .onConflict(s.customerEmail)
                .doNothing())
        .sqliteAndPostgres(
            "INSERT INTO shop_customers (name, email) SELECT * FROM (SELECT"
                + " CAST(shop_orders.id AS TEXT), CAST(shop_orders.id AS TEXT) FROM shop_orders)"
                + " AS _u1 WHERE 1 = 1 ON CONFLICT (email) DO NOTHING")
        .mariadb(
            "INSERT INTO shop_customers (name, email) SELECT CAST(shop_orders.id AS CHAR),"
                + " CAST(shop_orders.id AS CHAR) FROM shop_orders"
                + " ON DUPLICATE KEY UPDATE email = email");
  }

  @Test
  void insertFromASelectWithACte() {
    var recent = select(s.orderCustomer).where(s.orderTotal.gt(BigDecimal.TEN)).cte("recent");
    expect(
            insert(s.orders)
                .columns(s.orderCustomer, s.orderTotal)
                .from(
                    select(
                            recent.column("customer_id", BIGINT),
                            value(BigDecimal.ONE, numeric(10, 2)))
                        .from(recent)))
        .everywhere(
            "INSERT INTO shop_orders (customer_id, total) WITH recent (customer_id) AS"
                + " (SELECT shop_orders.customer_id FROM shop_orders WHERE shop_orders.total > ?)"
                + " SELECT recent.customer_id, ? FROM recent")
        .names("$1", "$0");
  }
}
