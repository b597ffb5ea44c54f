package dev.retort.engine;

import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.text;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.Backend;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema translation at execution: tables defined without a schema run against the schema the
 * connection maps them to, and one compiled statement serves every tenant.
 */
class SchemaTranslationTest {
  private static final String[] TENANTS = {"rt_tenant_a", "rt_tenant_b"};

  private final MetaData metadata = new MetaData();
  private final Table items =
      metadata.table(
          "st_items",
          t -> {
            t.column("id", INTEGER).primaryKey();
            t.column("name", string(50)).notNull();
          });
  private final Column<Integer> id = items.column("id", Integer.class);
  private final Column<String> name = items.column("name", String.class);
  private Engine engine;

  private void createTenants(Backend backend) {
    engine = backend.engine();
    try (Connection conn = engine.connect()) {
      for (String tenant : TENANTS) {
        conn.execute(text(dropSchema(backend, tenant)));
        conn.execute(
            text(
                backend == Backend.POSTGRESQL
                    ? "CREATE SCHEMA " + tenant
                    : "CREATE DATABASE " + tenant));
        conn.execute(
            text(
                "CREATE TABLE "
                    + tenant
                    + ".st_items (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)"));
      }
      conn.commit();
    }
  }

  private static String dropSchema(Backend backend, String tenant) {
    return backend == Backend.POSTGRESQL
        ? "DROP SCHEMA IF EXISTS " + tenant + " CASCADE"
        : "DROP DATABASE IF EXISTS " + tenant;
  }

  @AfterEach
  void dropTenants() {
    if (engine == null) {
      return;
    }
    try (Connection conn = engine.connect()) {
      Backend backend =
          engine.dialect().name().equals("postgresql") ? Backend.POSTGRESQL : Backend.MARIADB;
      for (String tenant : TENANTS) {
        conn.execute(text(dropSchema(backend, tenant)));
      }
      conn.commit();
    } finally {
      engine.close();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"POSTGRESQL", "MARIADB"})
  void eachTenantSeesItsOwnRowsThroughOneCompiledStatement(Backend backend) {
    createTenants(backend);
    for (String tenant : TENANTS) {
      try (Connection conn = engine.connect()) {
        conn.setSchemaTranslation(Map.of("", tenant));
        conn.execute(insert(items).value(id, 1).value(name, "item of " + tenant));
        conn.commit();
      }
    }
    CompileCacheStats before = engine.compileCacheStats();
    for (String tenant : TENANTS) {
      try (Connection conn = engine.connect()) {
        conn.setSchemaTranslation(Map.of("", tenant));
        assertThat(conn.execute(select(name).where(id.eq(1))).one().get(name))
            .isEqualTo("item of " + tenant);
      }
    }
    CompileCacheStats after = engine.compileCacheStats();
    assertThat(after.misses() - before.misses()).as("compiled once for both tenants").isEqualTo(1);
    assertThat(after.hits() - before.hits()).isEqualTo(1);
    try (Connection conn = engine.connect()) {
      assertThat(
              conn.execute(text("SELECT name FROM " + TENANTS[1] + ".st_items"))
                  .scalar(String.class))
          .isEqualTo("item of " + TENANTS[1]);
    }
  }
}
