package dev.retort.sql.compile;

import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.cte;
import static dev.retort.sql.Sql.delete;
import static dev.retort.sql.Sql.function;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.set;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.compile.Expect.MARIADB;
import static dev.retort.sql.compile.Expect.POSTGRES;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.ArgumentException;
import dev.retort.error.UnsupportedFeatureException;
import dev.retort.sql.expr.Insert;
import dev.retort.testing.ShopSchema;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bad statements fail when built or compiled, with a message that names what was wrong. */
class CompileErrorsTest {
  private final ShopSchema s = new ShopSchema();

  @Test
  void selectOfNothing() {
    assertThatThrownBy(() -> select())
        .isInstanceOf(ArgumentException.class)
        .hasMessage("select(...) needs at least one column, table or expression");
  }

  @Test
  void valuesCountMustMatchTheColumns() {
    Insert insert = insert(s.customers).columns(s.customerName, s.customerEmail);
    assertThatThrownBy(() -> insert.values("only one"))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "values(...) was given 1 values for the 2 columns"
                + " [shop_customers.name, shop_customers.email]");
    assertThatThrownBy(() -> insert(s.customers).values("a"))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("values(...) needs columns(...) first, to say which columns");
  }

  @Test
  void aValueOfTheWrongTypeInValues() {
    Insert insert = insert(s.customers).columns(s.customerName, s.customerId);
    assertThatThrownBy(() -> insert.values(42, 1L))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "Column 'shop_customers.name' takes java.lang.String values, not java.lang.Integer"
                + " (42)");
    assertThatThrownBy(() -> insert.values("Ann", 1))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "Column 'shop_customers.id' takes java.lang.Long values, not java.lang.Integer (1)");
  }

  @Test
  void aColumnOfAnotherTableInAnInsert() {
    String message =
        "Column 'shop_orders.total' is not a column of 'shop_customers', the table inserted into";
    assertThatThrownBy(() -> insert(s.customers).value(s.orderTotal, BigDecimal.ONE))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> insert(s.customers).columns(s.customerName, s.orderTotal))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(
            () -> insert(s.customers).value(s.customerName, "a").onConflict(s.orderTotal))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void aColumnOfAnotherTableInAnUpdate() {
    assertThatThrownBy(() -> update(s.customers).set(s.orderTotal, BigDecimal.ONE))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "Column 'shop_orders.total' is not a column of 'shop_customers', the table updated");
  }

  @Test
  void aColumnOfAnotherTableInTheWhereOrReturningOfADmlStatement() {
    // Written unqualified, orders.id would silently be read as customers.id.
    String advice =
        "', which the statement does not read: reach other tables through a subquery,"
            + " e.g. exists(select(...).where(...)) or column.in(select(...))";
    var updateWhere = update(s.customers).set(s.customerName, "x").where(s.orderId.eq(5L));
    assertThatThrownBy(() -> POSTGRES.compile(updateWhere))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("UPDATE 'shop_customers' uses a column of 'shop_orders" + advice);
    var updateValue = update(s.customers).set(s.customerId, s.orderCustomer);
    assertThatThrownBy(() -> POSTGRES.compile(updateValue))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("UPDATE 'shop_customers' uses a column of 'shop_orders" + advice);
    var deleteWhere = delete(s.customers).where(s.orderId.eq(5L));
    assertThatThrownBy(() -> POSTGRES.compile(deleteWhere))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("DELETE FROM 'shop_customers' uses a column of 'shop_orders" + advice);
    var insertReturning = insert(s.customers).value(s.customerName, "a").returning(s.orderId);
    assertThatThrownBy(() -> POSTGRES.compile(insertReturning))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("INSERT INTO 'shop_customers' uses a column of 'shop_orders" + advice);
  }

  @Test
  void orderByNullOrSomethingElse() {
    assertThatThrownBy(() -> select(s.customerName).orderBy((Object[]) null))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("orderBy(...) was given null");
    assertThatThrownBy(() -> select(s.customerName).orderBy(s.customerName, null))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("orderBy(...) was given null");
    assertThatThrownBy(() -> select(s.customerName).orderBy("name"))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "orderBy(...) takes expressions or their asc()/desc(), not java.lang.String [name]");
  }

  @Test
  void negativeLimitOrOffset() {
    assertThatThrownBy(() -> select(s.customerName).limit(-1))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("limit(...) must not be negative, was -1");
    assertThatThrownBy(() -> select(s.customerName).offset(-5))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("offset(...) must not be negative, was -5");
    assertThatThrownBy(() -> select(s.customerName).union(select(s.customerCity)).limit(-2))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("limit(...) must not be negative, was -2");
  }

  @Test
  void nullWhereOnlyIsNullMakesSense() {
    assertThatThrownBy(() -> s.customerId.lt((Long) null))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("lt(...) was given null; use isNull() / isNotNull() to test for NULL");
    assertThatThrownBy(() -> s.customerId.in(Arrays.asList(1L, null)))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("in(...) was given null; use isNull() / isNotNull() to test for NULL");
  }

  @Test
  void setOperationsNeedMatchingColumns() {
    assertThatThrownBy(() -> select(s.customerName).union(select(s.customerName, s.customerCity)))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("UNION needs queries with the same number of columns; they have 1 and 2");
    var union = select(s.customerName).union(select(s.customerCity)).orderBy(s.customerEmail);
    assertThatThrownBy(() -> POSTGRES.compile(union))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "The ORDER BY of a UNION must name one of its columns [shop_customers.name],"
                + " not shop_customers.email");
  }

  @Test
  void emulatedNullsOrderOfASetOperationNeedsANamedColumn() {
    var union =
        select(s.customerId.plus(1L))
            .union(select(s.customerId))
            .orderBy(s.customerId.plus(1L).asc().nullsLast());
    assertThatThrownBy(() -> MARIADB.compile(union))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage(
            "NULLS FIRST/LAST over an unnamed column of a UNION is not supported by the mariadb"
                + " dialect; name the columns with .as(\"name\")");
  }

  @Test
  void aSubqueryWhoseTablesAreAllCorrelatedAway() {
    var query =
        select(
                s.customerName,
                select(count()).where(s.orderCustomer.eq(s.customerId)).asScalar(Long.class))
            .from(s.customers.join(s.orders, s.orderCustomer.eq(s.customerId)));
    assertThatThrownBy(() -> POSTGRES.compile(query))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining(
            "takes all its tables [shop_orders, shop_customers] from the enclosing query")
        .hasMessageEndingWith("give it its own tables with .from(...)");
  }

  @Test
  void cteAndSubqueryMistakes() {
    assertThatThrownBy(() -> cte("n", "x").as(select(s.customerId, s.customerName)))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("CTE 'n' declares columns [x] but its body selects 2");
    assertThatThrownBy(() -> cte("n", "x").column("y", INTEGER))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("CTE 'n' has no column 'y'; its columns are [x]");
    var n = cte("n", "x");
    assertThatThrownBy(() -> POSTGRES.compile(select(n.column("x", INTEGER))))
        .isInstanceOf(ArgumentException.class)
        .hasMessageStartingWith("The query uses columns of CTE 'n' but does not select from it");
    assertThatThrownBy(() -> select(s.customerId, s.customerName).asScalar(Long.class))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("A scalar subquery must select exactly one expression; this one selects 2");
    assertThatThrownBy(() -> select(s.customerId).asScalar(String.class))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("The scalar subquery selects java.lang.Long values, not java.lang.String");
    assertThatThrownBy(() -> select(s.customerId.plus(1L)).subquery("x").columns())
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("has no name; give it one with .as(\"name\")");
  }

  @Test
  void statementsThatCannotBeWritten() {
    assertThatThrownBy(() -> POSTGRES.compile(insert(s.customers)))
        .isInstanceOf(ArgumentException.class)
        .hasMessageStartingWith("The insert into 'shop_customers' has no values");
    assertThatThrownBy(() -> POSTGRES.compile(update(s.customers)))
        .isInstanceOf(ArgumentException.class)
        .hasMessage("The update of 'shop_customers' sets no column: call set(...)");
    var upsert =
        insert(s.customers)
            .value(s.customerName, "a")
            .onConflict()
            .doUpdate(set(s.customerName, "b"));
    assertThatThrownBy(() -> POSTGRES.compile(upsert))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "An upsert that updates needs the conflicting unique columns: onConflict(columns...)");
    assertThatThrownBy(() -> insert(s.customers).value(s.customerName, "a").defaultValues())
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "defaultValues() inserts a row of defaults only; this insert into 'shop_customers'"
                + " already has values");
    assertThatThrownBy(() -> function("drop table x;--", INTEGER))
        .isInstanceOf(ArgumentException.class)
        .hasMessage(
            "Function name 'drop table x;--' must be a plain name (letters, digits, _ and .)");
  }
}
