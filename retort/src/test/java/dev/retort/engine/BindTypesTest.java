package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testing.Backend;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every supported Java type is bound and read back exactly, on every backend. */
class BindTypesTest {
  /** Column name, then the kind of column type (see {@link Ddl#type}). */
  private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("s", "string");
    COLUMNS.put("i", "int");
    COLUMNS.put("l", "bigint");
    COLUMNS.put("sh", "smallint");
    COLUMNS.put("num", "decimal");
    COLUMNS.put("b", "bool");
    COLUMNS.put("d", "date");
    COLUMNS.put("t", "time");
    COLUMNS.put("ts", "timestamp");
    COLUMNS.put("tz", "timestamptz");
    COLUMNS.put("inst", "timestamptz");
    COLUMNS.put("u", "uuid");
    COLUMNS.put("bin", "bytes");
  }

  private Engine engine;

  private Connection open(Backend backend) {
    engine = backend.engine();
    Connection conn = engine.connect();
    try {
      Ddl.drop(conn, "bind_value", "bind_many");
      StringBuilder ddl = new StringBuilder("CREATE TABLE bind_value (id INTEGER PRIMARY KEY");
      COLUMNS.forEach((name, kind) -> ddl.append(", ").append(name).append(' ').append(type(kind)));
      conn.execute(text(ddl.append(')').toString()));
      conn.commit();
      return conn;
    } catch (RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private String type(String kind) {
    return Ddl.type(engine, kind);
  }

  @AfterEach
  void dropAndCheckPool() {
    if (engine == null) {
      return;
    }
    try {
      assertThat(engine.poolStatus().active()).isZero();
      Ddl.drop(engine, "bind_value", "bind_many");
    } finally {
      engine.close();
    }
  }

  /** Inserts one value into one column of a fresh row and reads it back, after a commit. */
  private <T> T roundTrip(Connection conn, String column, Object value, Class<T> type) {
    int id = nextId++;
    Map<String, Object> params = new HashMap<>();
    params.put("id", id);
    params.put("v", value);
    conn.execute(text("INSERT INTO bind_value (id, " + column + ") VALUES (:id, :v)"), params);
    conn.commit();
    Row row =
        conn.execute(text("SELECT " + column + " FROM bind_value WHERE id = :id"), Map.of("id", id))
            .one();
    conn.commit();
    // Both by name and by index, and the untyped value converts the same way.
    T byIndex = row.get(0, type);
    T byName = row.get(column, type);
    assertThat(byName).isEqualTo(byIndex);
    return byName;
  }

  private int nextId = 1;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void strings(Backend backend) {
    try (Connection conn = open(backend)) {
      for (String s :
          List.of("plain", "", "héllo wörld ✓ 日本語 Ελληνικά", "emoji 😀🎉", "quote ' and \\")) {
        assertThat(roundTrip(conn, "s", s, String.class)).isEqualTo(s);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void integers(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThat(roundTrip(conn, "i", Integer.MAX_VALUE, Integer.class))
          .isEqualTo(Integer.MAX_VALUE);
      assertThat(roundTrip(conn, "i", Integer.MIN_VALUE, Integer.class))
          .isEqualTo(Integer.MIN_VALUE);
      assertThat(roundTrip(conn, "l", Long.MAX_VALUE, Long.class)).isEqualTo(Long.MAX_VALUE);
      assertThat(roundTrip(conn, "l", Long.MIN_VALUE, Long.class)).isEqualTo(Long.MIN_VALUE);
      assertThat(roundTrip(conn, "sh", (short) 32767, Short.class)).isEqualTo((short) 32767);
      assertThat(roundTrip(conn, "sh", (short) -32768, Short.class)).isEqualTo((short) -32768);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void decimalsKeepTheirScale(Backend backend) {
    try (Connection conn = open(backend)) {
      for (String text : List.of("12345.6789", "-0.0001", "1.5000", "99999999.9999")) {
        BigDecimal in = new BigDecimal(text);
        BigDecimal out = roundTrip(conn, "num", in, BigDecimal.class);
        assertThat(out).isEqualByComparingTo(in);
        // Every backend keeps the scale: NUMERIC(12,4) pads to 4 places; SQLite keeps the text.
        assertThat(out.scale()).as("scale of %s", out).isEqualTo(4);
        assertThat(out).isEqualTo(in);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void booleans(Backend backend) {
    try (Connection conn = open(backend)) {
      assertThat(roundTrip(conn, "b", true, Boolean.class)).isTrue();
      assertThat(roundTrip(conn, "b", false, Boolean.class)).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void dates(Backend backend) {
    try (Connection conn = open(backend)) {
      for (LocalDate d :
          List.of(
              LocalDate.of(2024, 2, 29), LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31))) {
        assertThat(roundTrip(conn, "d", d, LocalDate.class)).isEqualTo(d);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void timesKeepMicroseconds(Backend backend) {
    try (Connection conn = open(backend)) {
      for (LocalTime t :
          List.of(
              LocalTime.of(12, 34, 56, 123_456_000),
              LocalTime.of(0, 0),
              LocalTime.of(23, 59, 59, 999_999_000))) {
        assertThat(roundTrip(conn, "t", t, LocalTime.class)).isEqualTo(t);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void localDateTimesKeepMicroseconds(Backend backend) {
    try (Connection conn = open(backend)) {
      for (LocalDateTime t :
          List.of(
              LocalDateTime.of(2024, 3, 31, 2, 30, 15, 123_456_000), // a DST gap in much of Europe
              LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
              LocalDateTime.of(2024, 1, 1, 0, 0))) {
        assertThat(roundTrip(conn, "ts", t, LocalDateTime.class)).isEqualTo(t);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void offsetDateTimesComeBackAsTheSameInstantInUtc(Backend backend) {
    try (Connection conn = open(backend)) {
      OffsetDateTime in =
          OffsetDateTime.of(2024, 6, 1, 12, 30, 45, 654_321_000, ZoneOffset.ofHours(2));
      OffsetDateTime out = roundTrip(conn, "tz", in, OffsetDateTime.class);
      assertThat(out.toInstant()).isEqualTo(in.toInstant());
      assertThat(out.getOffset()).isEqualTo(ZoneOffset.UTC);
      assertThat(roundTrip(conn, "tz", in, Instant.class)).isEqualTo(in.toInstant());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void instants(Backend backend) {
    try (Connection conn = open(backend)) {
      Instant in = Instant.parse("2024-11-03T01:30:00.123456Z");
      assertThat(roundTrip(conn, "inst", in, Instant.class)).isEqualTo(in);
      assertThat(roundTrip(conn, "inst", in, OffsetDateTime.class).toInstant()).isEqualTo(in);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void uuids(Backend backend) {
    try (Connection conn = open(backend)) {
      UUID in = UUID.randomUUID();
      assertThat(roundTrip(conn, "u", in, UUID.class)).isEqualTo(in);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void bytes(Backend backend) {
    try (Connection conn = open(backend)) {
      byte[] in = new byte[256];
      for (int i = 0; i < in.length; i++) {
        in[i] = (byte) i;
      }
      assertThat(roundTrip(conn, "bin", in, byte[].class)).isEqualTo(in);
      assertThat(roundTrip(conn, "bin", new byte[0], byte[].class)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void nullsInEveryColumn(Backend backend) {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    types.put("s", String.class);
    types.put("i", Integer.class);
    types.put("l", Long.class);
    types.put("sh", Short.class);
    types.put("num", BigDecimal.class);
    types.put("b", Boolean.class);
    types.put("d", LocalDate.class);
    types.put("t", LocalTime.class);
    types.put("ts", LocalDateTime.class);
    types.put("tz", OffsetDateTime.class);
    types.put("inst", Instant.class);
    types.put("u", UUID.class);
    types.put("bin", byte[].class);
    try (Connection conn = open(backend)) {
      types.forEach(
          (column, type) -> {
            assertThat(roundTrip(conn, column, null, type)).as(column).isNull();
          });
      Row row = conn.execute(text("SELECT * FROM bind_value WHERE id = 1")).one();
      assertThat(row.get("s")).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void allTypesInOneRow(Backend backend) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", 1);
    values.put("s", "Ünïcode ✓");
    values.put("i", 7);
    values.put("l", Long.MAX_VALUE);
    values.put("sh", (short) 3);
    values.put("num", new BigDecimal("12345.6789"));
    values.put("b", true);
    values.put("d", LocalDate.of(2024, 2, 29));
    values.put("t", LocalTime.of(8, 15, 30, 1000));
    values.put("ts", LocalDateTime.of(2024, 2, 29, 8, 15, 30, 1000));
    values.put("tz", OffsetDateTime.of(2024, 2, 29, 8, 15, 30, 1000, ZoneOffset.ofHours(-5)));
    values.put("inst", Instant.parse("2024-02-29T08:15:30.000001Z"));
    values.put("u", UUID.randomUUID());
    values.put("bin", new byte[] {1, 2, 3});
    try (Connection conn = open(backend)) {
      String columns = String.join(", ", values.keySet());
      String params = ":" + String.join(", :", values.keySet());
      conn.execute(
          text("INSERT INTO bind_value (" + columns + ") VALUES (" + params + ")"), values);
      conn.commit();
      Row row = conn.execute(text("SELECT " + columns + " FROM bind_value")).one();
      for (Map.Entry<String, Object> e : values.entrySet()) {
        Object expected = e.getValue();
        Object actual = row.get(e.getKey(), expected.getClass());
        if (expected instanceof OffsetDateTime odt) {
          assertThat(((OffsetDateTime) actual).toInstant()).isEqualTo(odt.toInstant());
        } else if (expected instanceof BigDecimal dec) {
          assertThat((BigDecimal) actual).isEqualByComparingTo(dec);
        } else {
          assertThat(actual).as(e.getKey()).isEqualTo(expected);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void executeManyInsertsEveryRowAndCountsThem(Backend backend) {
    try (Connection conn = open(backend)) {
      conn.execute(
          text(
              "CREATE TABLE bind_many (id INTEGER PRIMARY KEY, name VARCHAR(50), amount "
                  + type("decimal")
                  + ")"));
      conn.commit();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        rows.add(Map.of("id", i, "name", "row " + i, "amount", new BigDecimal(i + ".2500")));
      }
      Result result =
          conn.executeMany(
              text("INSERT INTO bind_many (id, name, amount) VALUES (:id, :name, :amount)"), rows);
      assertThat(result.rowCount())
          .isEqualTo(engine.dialect().supportsBatchInsertRowCount() ? 1000 : -1);
      assertThat(result.returnsRows()).isFalse();
      conn.commit();

      Row stats =
          conn.execute(
                  text("SELECT COUNT(*) AS n, SUM(id) AS ids, MAX(name) AS top FROM bind_many"))
              .one();
      assertThat(stats.get("n", Long.class)).isEqualTo(1000L);
      assertThat(stats.get("ids", Long.class)).isEqualTo(999L * 1000 / 2);
      assertThat(
              conn.execute(text("SELECT amount FROM bind_many WHERE id = 999"))
                  .scalarOne(BigDecimal.class))
          .isEqualByComparingTo("999.25");

      Result updated =
          conn.executeMany(
              text("UPDATE bind_many SET name = :name WHERE id < :below"),
              List.of(Map.of("name", "x", "below", 10), Map.of("name", "y", "below", 25)));
      assertThat(updated.rowCount()).isEqualTo(10 + 25);
      conn.commit();
    }
  }
}
