package dev.retort.sql.compile;

import static dev.retort.sql.Sql.caseWhen;
import static dev.retort.sql.Sql.coalesce;
import static dev.retort.sql.Sql.delete;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.set;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.DOUBLE;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static dev.retort.sql.types.SqlTypes.numeric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.Dialect;
import dev.retort.sql.expr.Statement;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.BindValues;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property: whatever strings and numbers a statement binds, its SQL text, parameter names and
 * compile-cache key are those of the same statement with other values, on every dialect; the values
 * travel only as parameters. See {@link BindValues} for the values generated.
 */
class BindValueSqlPropertyTest {
  private final Table table =
      new MetaData()
          .table(
              "prop_values",
              t -> {
                t.column("id", BIGINT).primaryKey();
                t.column("text_value", TEXT);
                t.column("int_value", INTEGER);
                t.column("long_value", BIGINT);
                t.column("decimal_value", numeric(18, 6));
                t.column("double_value", DOUBLE);
              });
  private final Column<Long> id = table.column("id", Long.class);
  private final Column<String> text = table.column("text_value", String.class);
  private final Column<Integer> integer = table.column("int_value", Integer.class);
  private final Column<Long> bigint = table.column("long_value", Long.class);
  private final Column<BigDecimal> decimal = table.column("decimal_value", BigDecimal.class);
  private final Column<Double> dbl = table.column("double_value", Double.class);

  @Provide
  Arbitrary<String> texts() {
    return BindValues.strings();
  }

  @Provide
  Arbitrary<BigDecimal> decimals() {
    return BindValues.decimals(18, 6);
  }

  @Provide
  Arbitrary<Double> doubles() {
    return BindValues.doubles();
  }

  /** Every kind of place a value can be bound in, built for one set of values. */
  private List<Statement> statements(String s, int i, long l, BigDecimal d, double x) {
    return List.of(
        select(text, integer)
            .where(
                text.eq(s)
                    .and(integer.ne(i))
                    .and(bigint.between(l, l))
                    .or(text.like(s).and(text.ilike(s)))
                    .or(decimal.in(d, d))
                    .or(dbl.notIn(x)))
            .orderBy(text)
            .limit(20) // a limit is written into the SQL, not bound
            .offset(i & Integer.MAX_VALUE),
        select(
                caseWhen(integer.gt(i), s, TEXT).otherwise(s).as("c"),
                coalesce(text, s),
                value(x, DOUBLE).as("x"),
                bigint.plus(l).as("l"))
            .groupBy(text)
            .having(decimal.lt(d)),
        insert(table)
            .value(id, l)
            .value(text, s)
            .value(integer, i)
            .value(bigint, l)
            .value(decimal, d)
            .value(dbl, x),
        insert(table)
            .columns(id, text)
            .values(l, s)
            .values(l, s)
            .onConflict(id)
            .doUpdate(set(text, s), set(dbl, x)),
        update(table).set(text, s).set(decimal, d).where(id.eq(l).and(text.ne(s))),
        delete(table).where(text.eq(s).or(dbl.eq(x)).or(integer.eq(i))));
  }

  @Property(tries = 500)
  void boundValuesNeverChangeTheSql(
      @ForAll("texts") String s,
      @ForAll int i,
      @ForAll long l,
      @ForAll("decimals") BigDecimal d,
      @ForAll("doubles") double x) {
    List<Statement> reference = statements("plain", 1, 2L, BigDecimal.ONE, 0.5);
    List<Statement> actual = statements(s, i, l, d, x);
    for (int k = 0; k < reference.size(); k++) {
      Statement expected = reference.get(k);
      Statement statement = actual.get(k);
      assertThat(statement.cacheKey()).isEqualTo(expected.cacheKey());
      for (Dialect dialect : Expect.BACKENDS) {
        assertThat(dialect.compile(statement)).isEqualTo(dialect.compile(expected));
      }
      assertThat(Expect.MYSQL.compile(statement)).isEqualTo(Expect.MYSQL.compile(expected));
    }
    // The values themselves travel as parameters, exactly as given.
    assertThat(actual.get(2).embeddedParameters())
        .isEqualTo(Map.of("$0", l, "$1", s, "$2", i, "$3", l, "$4", d, "$5", x));
  }
}
