package dev.retort.engine;

import static dev.retort.sql.Sql.delete;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.DOUBLE;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static dev.retort.sql.types.SqlTypes.numeric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.Backend;
import dev.retort.testing.BindValues;
import dev.retort.testing.OnBackend;
import java.math.BigDecimal;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Property: strings and numbers bound as values come back exactly from a row inserted and selected
 * through the expression language, on every backend, and find that row again when bound in a WHERE.
 * 200 tries per backend on a table created for the run and dropped after it. See {@link BindValues}
 * for the values generated and the few left out (NUL, NaN, infinities, -0.0).
 */
class BindValueRoundTripPropertyTest {
  @Group
  @OnBackend(Backend.SQLITE)
  class Sqlite extends RoundTrip {}

  @Group
  @OnBackend(Backend.POSTGRESQL)
  class Postgresql extends RoundTrip {}

  @Group
  @OnBackend(Backend.MARIADB)
  class Mariadb extends RoundTrip {}

  /** The property, run by each group on the backend its {@link OnBackend} names. */
  abstract static class RoundTrip {
    private final Backend backend = getClass().getAnnotation(OnBackend.class).value();

    /**
     * SQLite's NUMERIC affinity keeps 15 significant digits (it stores such text as a REAL), so
     * wider decimals do not round-trip there; the other backends get a wider column.
     */
    private final int precision = backend == Backend.SQLITE ? 15 : 28;

    private final int scale = backend == Backend.SQLITE ? 6 : 10;

    private final MetaData metadata = new MetaData();
    private final Table table =
        metadata.table(
            "prop_round_trip",
            t -> {
              t.column("id", BIGINT).primaryKey();
              t.column("text_value", TEXT);
              t.column("int_value", INTEGER);
              t.column("long_value", BIGINT);
              t.column("decimal_value", numeric(precision, scale));
              t.column("double_value", DOUBLE);
            });
    private final Column<Long> id = table.column("id", Long.class);
    private final Column<String> text = table.column("text_value", String.class);
    private final Column<Integer> integer = table.column("int_value", Integer.class);
    private final Column<Long> bigint = table.column("long_value", Long.class);
    private final Column<BigDecimal> decimal = table.column("decimal_value", BigDecimal.class);
    private final Column<Double> dbl = table.column("double_value", Double.class);

    private Engine engine;
    private Connection conn;
    private long nextId;

    @BeforeProperty
    void createTable() {
      engine = backend.engine();
      conn = engine.connect();
      SchemaManager.dropAll(conn, metadata, true);
      SchemaManager.createAll(conn, metadata);
      conn.commit();
    }

    @AfterProperty
    void dropTable() {
      try {
        if (conn != null) {
          conn.rollback();
          SchemaManager.dropAll(conn, metadata, true);
          conn.commit();
          conn.close();
        }
      } finally {
        if (engine != null) {
          engine.close();
        }
      }
    }

    @Provide
    Arbitrary<String> texts() {
      return BindValues.strings();
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
      return BindValues.decimals(precision, scale);
    }

    @Provide
    Arbitrary<Double> doubles() {
      return BindValues.doubles();
    }

    @Property(tries = 200)
    void boundValuesRoundTripExactly(
        @ForAll("texts") String s,
        @ForAll int i,
        @ForAll long l,
        @ForAll("decimals") BigDecimal d,
        @ForAll("doubles") double x) {
      long key = ++nextId;
      conn.execute(
          insert(table)
              .value(id, key)
              .value(text, s)
              .value(integer, i)
              .value(bigint, l)
              .value(decimal, d)
              .value(dbl, x));

      var row = conn.execute(select(text, integer, bigint, decimal, dbl).where(id.eq(key))).one();
      assertThat(row.get(text)).isEqualTo(s);
      assertThat(row.get(integer)).isEqualTo(i);
      assertThat(row.get(bigint)).isEqualTo(l);
      // The column's scale may pad the value (1.5 -> 1.500000); the number is the same.
      assertThat(row.get(decimal)).isEqualByComparingTo(d);
      // Boxed, so that the comparison is Double.equals: bit for bit, not ==.
      assertThat(row.get(dbl)).isEqualTo(Double.valueOf(x));

      // The same values bound in a WHERE find the row, and a value selected directly comes back.
      var found =
          conn.execute(
              select(id)
                  .where(
                      id.eq(key)
                          .and(text.eq(s))
                          .and(integer.eq(i))
                          .and(bigint.eq(l))
                          .and(decimal.eq(d))
                          .and(dbl.eq(x))));
      assertThat(found.scalars(Long.class)).containsExactly(key);
      assertThat(conn.execute(select(value(s, TEXT).as("echo"))).scalar(String.class)).isEqualTo(s);

      assertThat(conn.execute(delete(table).where(id.eq(key))).rowCount()).isEqualTo(1);
    }
  }
}
