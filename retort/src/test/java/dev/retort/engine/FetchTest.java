package dev.retort.engine;

import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.text;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.DATE;
import static dev.retort.sql.types.SqlTypes.DOUBLE;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.numeric;
import static dev.retort.sql.types.SqlTypes.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.ArgumentException;
import dev.retort.error.InvalidRequestException;
import dev.retort.error.MultipleResultsException;
import dev.retort.error.NoResultException;
import dev.retort.sql.expr.Select;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.Backend;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Connection.fetch}: rows read straight into records and scalars with typed getters give
 * exactly what {@code execute(...).as(...)} gives, on every backend, including NULLs, zeros and
 * extreme values (the typed getters' 0-for-NULL is the tricky part), and fail the same way.
 */
class FetchTest {
  /** Every column, nullable ones as wrappers. */
  record Full(
      long id,
      String name,
      Integer qty,
      Double price,
      Long big,
      String note,
      LocalDate born,
      BigDecimal amount) {}

  /** Primitives where the columns may hold NULL or values too wide. */
  record Narrow(long id, int qty, double price, int big) {}

  /** A component no column matches. */
  record Missing(long id, String nickname) {}

  private final MetaData metadata = new MetaData();
  private final Table items =
      metadata.table(
          "fetch_item",
          t -> {
            t.column("id", BIGINT).primaryKey().autoincrement();
            t.column("name", string(50)).notNull();
            t.column("qty", INTEGER);
            t.column("price", DOUBLE);
            t.column("big", BIGINT);
            t.column("note", string(50));
            t.column("born", DATE);
            t.column("amount", numeric(10, 2));
          });
  private final Column<Long> id = items.column("id", Long.class);
  private final Column<String> name = items.column("name", String.class);
  private final Column<Integer> qty = items.column("qty", Integer.class);
  private final Column<Double> price = items.column("price", Double.class);
  private final Column<Long> big = items.column("big", Long.class);
  private final Column<String> note = items.column("note", String.class);
  private final Column<LocalDate> born = items.column("born", LocalDate.class);
  private final Column<BigDecimal> amount = items.column("amount", BigDecimal.class);

  private Engine engine;

  /** Rows with zeros, NULLs, negatives and extremes, ids 1 to 5 on a fresh table. */
  private Connection open(Backend backend) {
    engine = backend.engine();
    Connection conn = engine.connect();
    SchemaManager.dropAll(conn, metadata, true);
    SchemaManager.createAll(conn, metadata);
    conn.execute(
        insert(items)
            .columns(name, qty, price, big, note, born, amount)
            .values("zero", 0, 0.0, 0L, "", LocalDate.of(2000, 1, 1), new BigDecimal("0.00"))
            .values("nulls", null, null, null, null, null, null)
            .values(
                "max",
                Integer.MAX_VALUE,
                Double.MAX_VALUE,
                Long.MAX_VALUE,
                "n",
                LocalDate.of(1815, 12, 10),
                new BigDecimal("12345678.91"))
            .values(
                "min",
                Integer.MIN_VALUE,
                -0.5,
                Long.MIN_VALUE,
                "ümlaut ✓",
                LocalDate.of(1970, 1, 1),
                new BigDecimal("-1.50"))
            .values("plain", 7, 19.99, 3_000_000_000L, "note", null, new BigDecimal("2.50")));
    conn.commit();
    return conn;
  }

  @AfterEach
  void dropAndCheckPool() {
    if (engine == null) {
      return;
    }
    try {
      assertThat(engine.poolStatus().active()).isZero();
      SchemaManager.dropAll(engine, metadata, true);
    } finally {
      engine.close();
    }
  }

  private Select all() {
    return select(items).orderBy(id);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsEqualRowMapping(Backend backend) {
    try (Connection conn = open(backend)) {
      List<Full> expected = conn.execute(all()).as(Full.class);
      assertThat(expected).hasSize(5);
      // Twice: the second read uses the reader kept with the compiled statement.
      for (int i = 0; i < 2; i++) {
        List<Full> fetched = conn.fetch(all(), Full.class);
        assertThat(fetched).isEqualTo(expected);
      }
      Full nulls = conn.fetchOne(select(items).where(name.eq("nulls")), Full.class);
      assertThat(nulls.qty()).isNull();
      assertThat(nulls.price()).isNull();
      assertThat(nulls.big()).isNull();
      assertThat(nulls.note()).isNull();
      Full zero = conn.fetchOne(select(items).where(name.eq("zero")), Full.class);
      assertThat(zero.qty()).isZero();
      assertThat(zero.price()).isZero();
      assertThat(zero.big()).isZero();
      assertThat(zero.note()).isEmpty();
      Full max = conn.fetchOne(select(items).where(name.eq("max")), Full.class);
      assertThat(max.big()).isEqualTo(Long.MAX_VALUE);
      assertThat(max.price()).isEqualTo(Double.MAX_VALUE);
      assertThat(max.born()).isEqualTo(LocalDate.of(1815, 12, 10));
      assertThat(max.amount()).isEqualByComparingTo("12345678.91");
      // Plain SQL goes the same way (its shape is read per query).
      assertThat(conn.fetch(text("SELECT * FROM fetch_item ORDER BY id"), Full.class))
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void scalars(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThat(conn.fetch(select(big).orderBy(id), Long.class))
          .containsExactly(0L, null, Long.MAX_VALUE, Long.MIN_VALUE, 3_000_000_000L);
      assertThat(conn.fetch(select(qty).orderBy(id), Integer.class))
          .containsExactly(0, null, Integer.MAX_VALUE, Integer.MIN_VALUE, 7);
      assertThat(conn.fetch(select(note).orderBy(id), String.class))
          .containsExactly("", null, "n", "ümlaut ✓", "note");
      assertThat(conn.fetch(select(price).orderBy(id), Double.class))
          .containsExactly(0.0, null, Double.MAX_VALUE, -0.5, 19.99);
      assertThat(conn.fetchOne(select(count()).from(items), Long.class)).isEqualTo(5L);
      assertThat(conn.fetchOne(select(born).where(name.eq("min")), LocalDate.class))
          .isEqualTo(LocalDate.of(1970, 1, 1));
      // Integers read as text, as Row.get does.
      assertThat(conn.fetch(select(qty).where(name.eq("plain")), String.class))
          .containsExactly("7");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void valuesThatDoNotFitFailLikeRowMapping(Backend backend) {
    try (Connection conn = open(backend)) {
      Select plain = select(id, qty, price, big).where(name.eq("plain"));
      // 3,000,000,000 does not fit an int component.
      assertThatThrownBy(() -> conn.fetch(plain, Narrow.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("'big'")
          .hasMessageContaining("Narrow.big");
      assertThatThrownBy(() -> conn.execute(plain).as(Narrow.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("Narrow.big");
      // NULL into a primitive names the column and the component.
      Select nulls = select(id, qty, price, big).where(name.eq("nulls"));
      assertThatThrownBy(() -> conn.fetch(nulls, Narrow.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("Column 'qty' is NULL")
          .hasMessageContaining("Narrow.qty")
          .hasMessageContaining("wrapper type");
      // Zero is not NULL: the typed getter's 0 is checked, not taken for NULL or refused.
      Select zero = select(id, qty, price, big).where(name.eq("zero"));
      assertThat(conn.fetchOne(zero, Narrow.class)).isEqualTo(new Narrow(1, 0, 0.0, 0));
      assertThatThrownBy(() -> conn.fetch(select(qty).where(name.eq("nulls")), int.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("Column 'qty' is NULL");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void misuseFailsClearlyAndLeavesTheConnectionUsable(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThatThrownBy(() -> conn.fetch(all(), Missing.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("no column for component 'nickname'");
      assertThatThrownBy(() -> conn.fetchOne(select(items).where(id.lt(0L)), Full.class))
          .isInstanceOf(NoResultException.class)
          .hasMessageContaining("empty");
      assertThatThrownBy(() -> conn.fetchOne(all(), Full.class))
          .isInstanceOf(MultipleResultsException.class)
          .hasMessageContaining("more than one row");
      assertThatThrownBy(() -> conn.fetch(update(items).set(qty, 1).where(id.eq(-1L)), Full.class))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("returns no rows");
      assertThatThrownBy(() -> conn.fetch(text("SELECT :x AS id"), Map.of(), Long.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("x");
      assertThat(conn.fetch(select(count()).from(items), Long.class)).containsExactly(5L);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void insertReturningFetchesKeys(Backend backend) {
    try (Connection conn = open(backend)) {
      List<Long> keys =
          conn.fetch(insert(items).columns(name).values("a").values("b").returning(id), Long.class);
      assertThat(keys).hasSize(2).doesNotHaveDuplicates().allMatch(k -> k > 5);
      conn.rollback();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SQLITE"})
  void sqliteValueOfAnotherStorageClassIsRefusedNotZeroed(Backend backend) {
    try (Connection conn = open(backend)) {
      // SQLite keeps text that is not a number as text even in an INTEGER column.
      conn.execute(text("UPDATE fetch_item SET qty = 'lots' WHERE id = 5"));
      assertThatThrownBy(() -> conn.fetch(select(qty).where(id.eq(5L)), Integer.class))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("lots");
      conn.rollback();
    }
  }
}
