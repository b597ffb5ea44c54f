package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.DatabaseException;
import dev.retort.error.IntegrityException;
import dev.retort.sql.schema.CircularDependencyException;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.Backend;
import dev.retort.testing.SampleSchema;
import dev.retort.testing.SampleSchema.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** createAll / dropAll of a real schema, and what the created tables enforce, on every backend. */
class SchemaManagerTest {
  private final SampleSchema schema = new SampleSchema();
  private Engine engine;

  private Engine open(Backend backend) {
    engine = backend.engine();
    SchemaManager.dropAll(engine, schema.metadata, true);
    return engine;
  }

  @AfterEach
  void dropAndClose() {
    if (engine == null) {
      return;
    }
    try {
      SchemaManager.dropAll(engine, schema.metadata, true);
      assertThat(engine.poolStatus().active()).as("connections still checked out").isZero();
    } finally {
      engine.close();
    }
  }

  private boolean exists(Table table) {
    try (Connection conn = engine.connect()) {
      conn.execute(text("SELECT COUNT(*) FROM " + table.name())).scalar();
      return true;
    } catch (DatabaseException e) {
      return false;
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void createAllCreatesEveryTableEvenWhenChildrenAreDefinedFirst(Backend backend) {
    open(backend);
    assertThat(schema.metadata.tables().get(0)).isSameAs(schema.addresses);
    try (Connection conn = engine.connect()) {
      SchemaManager.createAll(conn, schema.metadata);
      conn.commit();
    }
    assertThat(schema.metadata.tables()).allMatch(this::exists);

    try (Connection conn = engine.connect()) {
      SchemaManager.dropAll(conn, schema.metadata);
      conn.commit();
    }
    assertThat(schema.metadata.tables()).noneMatch(this::exists);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void checkFirstMakesCreateAndDropRepeatable(Backend backend) {
    open(backend);
    SchemaManager.createAll(engine, schema.metadata, true);
    SchemaManager.createAll(engine, schema.metadata, true);
    assertThat(schema.metadata.tables()).allMatch(this::exists);
    try (Connection conn = engine.connect()) {
      assertThatThrownBy(() -> SchemaManager.createAll(conn, schema.metadata, false))
          .isInstanceOf(DatabaseException.class);
    }
    SchemaManager.dropAll(engine, schema.metadata, true);
    SchemaManager.dropAll(engine, schema.metadata, true);
    assertThat(schema.metadata.tables()).noneMatch(this::exists);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void constraintsDefaultsAndIdentityAreEnforced(Backend backend) {
    open(backend);
    SchemaManager.createAll(engine, schema.metadata, false);
    try (Connection conn = engine.connect()) {
      conn.execute(text("INSERT INTO ddl_users (name, age) VALUES ('ann', 30)"));
      conn.execute(text("INSERT INTO ddl_users (name, age) VALUES ('bob', 40)"));
      conn.execute(text("INSERT INTO ddl_groups (id, title) VALUES (1, 'admins')"));
      conn.commit();
      List<Row> users =
          conn.execute(
                  text(
                      "SELECT id, status, \"order\" FROM ddl_users ORDER BY name"
                          .replace("\"", quote())))
              .all();
      long ann = users.get(0).get("id", Long.class);
      long bob = users.get(1).get("id", Long.class);
      assertThat(ann).isNotEqualTo(bob);
      assertThat(users.get(0).get("status", Status.class)).isEqualTo(Status.ACTIVE);
      assertThat(users.get(0).get(2, Integer.class)).isZero();

      conn.execute(
          text("INSERT INTO ddl_addresses (user_id, email) VALUES (:u, 'ann@example.com')"),
          Map.of("u", ann));
      conn.execute(
          text("INSERT INTO ddl_memberships (user_id, group_id) VALUES (:u, 1)"), Map.of("u", ann));
      conn.commit();
      assertThat(conn.execute(text("SELECT role FROM ddl_memberships")).scalarOne(String.class))
          .isEqualTo("it's a member");

      assertViolation(conn, "INSERT INTO ddl_users (name, age) VALUES ('neg', -1)");
      assertViolation(conn, "INSERT INTO ddl_users (name, age) VALUES ('ann', 31)");
      assertViolation(conn, "INSERT INTO ddl_users (name, age) VALUES ('cat', 30)");
      assertViolation(conn, "INSERT INTO ddl_addresses (user_id, email) VALUES (999999, 'x@y.z')");
      assertViolation(
          conn,
          "INSERT INTO ddl_addresses (user_id, email) VALUES (" + bob + ", 'ann@example.com')");
      assertViolation(conn, "DELETE FROM ddl_groups");

      conn.execute(text("DELETE FROM ddl_users WHERE id = :id"), Map.of("id", ann));
      conn.commit();
      assertThat(conn.execute(text("SELECT COUNT(*) FROM ddl_addresses")).scalarOne(Integer.class))
          .as("addresses cascade-deleted with their user")
          .isZero();
      assertThat(
              conn.execute(text("SELECT COUNT(*) FROM ddl_memberships")).scalarOne(Integer.class))
          .isZero();
    }
  }

  private String quote() {
    return engine.dialect().quoteIdentifier("x").substring(0, 1);
  }

  private static void assertViolation(Connection conn, String sql) {
    assertThatThrownBy(() -> conn.execute(text(sql)))
        .as(sql)
        .isInstanceOf(IntegrityException.class);
    conn.rollback();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyTypeRoundTripsExactly(Backend backend) {
    open(backend);
    SchemaManager.createAll(engine, schema.metadata, false);
    Map<String, Object> values = new HashMap<>();
    values.put("id", 1);
    values.put("small", (short) 12345);
    values.put("big", 9_007_199_254_740_993L);
    values.put("short_text", "héllo 'world' \\ ☃");
    values.put("long_text", "x".repeat(70_000));
    values.put("flag", true);
    values.put("amount", new BigDecimal("12345678.1234"));
    values.put("ratio", 1.25f);
    values.put("measure", Math.PI);
    values.put("born", LocalDate.of(1999, 12, 31));
    values.put("alarm", LocalTime.of(13, 45, 30, 123_456_000));
    values.put("created", LocalDateTime.of(2024, 2, 29, 23, 59, 58, 999_999_000));
    values.put("happened", OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.UTC));
    values.put("token", UUID.randomUUID());
    values.put("doc", "{\"a\": [1, 2.50, \"x\"]}");
    values.put("status", Status.SUSPENDED);
    values.put("payload", new byte[] {0, 1, 2, (byte) 0xFF, 127, -128});
    List<String> names = schema.everything.columns().stream().map(Column::name).toList();
    // Until binds are typed by column, PostgreSQL needs the text cast to jsonb spelled out.
    String doc = backend == Backend.POSTGRESQL ? "CAST(:doc AS JSONB)" : ":doc";
    String sql =
        "INSERT INTO ddl_every_type ("
            + String.join(", ", names)
            + ") VALUES ("
            + String.join(", ", names.stream().map(n -> n.equals("doc") ? doc : ":" + n).toList())
            + ")";
    try (Connection conn = engine.connect()) {
      conn.execute(text(sql), values);
      conn.execute(text("INSERT INTO ddl_every_type (id) VALUES (2)"));
      conn.commit();
      Row row = conn.execute(text("SELECT * FROM ddl_every_type WHERE id = 1")).one();
      Row nulls = conn.execute(text("SELECT * FROM ddl_every_type WHERE id = 2")).one();
      for (Column<?> column : schema.everything.columns()) {
        assertThat(row.get(column.name(), column.javaType()))
            .as(column.name())
            .isEqualTo(values.get(column.name()));
        if (!column.primaryKey()) {
          assertThat(nulls.get(column.name(), column.javaType())).as(column.name()).isNull();
        }
      }
      OffsetDateTime elsewhere = OffsetDateTime.of(2024, 5, 6, 9, 8, 9, 0, ZoneOffset.ofHours(2));
      conn.execute(
          text("UPDATE ddl_every_type SET happened = :h WHERE id = 2"), Map.of("h", elsewhere));
      assertThat(
              conn.execute(text("SELECT happened FROM ddl_every_type WHERE id = 2"))
                  .scalarOne(OffsetDateTime.class)
                  .toInstant())
          .isEqualTo(elsewhere.toInstant());
      conn.commit();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aForeignKeyCycleFailsBeforeAnythingIsCreated(Backend backend) {
    open(backend);
    MetaData cyclic = new MetaData();
    cyclic.table(
        "ddl_cycle_a",
        t -> {
          t.column("id", INTEGER).primaryKey();
          t.column("b_id", INTEGER).references("ddl_cycle_b.id");
        });
    Table b =
        cyclic.table(
            "ddl_cycle_b",
            t -> {
              t.column("id", INTEGER).primaryKey();
              t.column("a_id", INTEGER).references("ddl_cycle_a.id");
            });
    try (Connection conn = engine.connect()) {
      assertThatThrownBy(() -> SchemaManager.createAll(conn, cyclic, true))
          .isInstanceOf(CircularDependencyException.class)
          .hasMessageContaining("ddl_cycle_a -> ddl_cycle_b -> ddl_cycle_a");
      conn.rollback();
    }
    assertThat(exists(b)).isFalse();
  }
}
