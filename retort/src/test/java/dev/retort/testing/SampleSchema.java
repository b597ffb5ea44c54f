package dev.retort.testing;

import static dev.retort.sql.schema.ReferentialAction.CASCADE;
import static dev.retort.sql.schema.ReferentialAction.RESTRICT;
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

import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;

/**
 * A small schema used by the DDL tests: users, their addresses (ON DELETE CASCADE), groups, a
 * composite-key association table, and a table with a column of every type. Children are defined
 * before their parents on purpose, so creation must sort them. Table names carry a prefix so the
 * tests do not collide with other suites in the shared server databases.
 */
public final class SampleSchema {
  /** The status of a user, stored by name. */
  public enum Status {
    ACTIVE,
    SUSPENDED
  }

  public final MetaData metadata = new MetaData();

  /** Defined first although it refers to users. */
  public final Table addresses =
      metadata.table(
          "ddl_addresses",
          t -> {
            t.column("id", BIGINT).primaryKey().autoincrement();
            t.column("user_id", BIGINT).notNull().references("ddl_users.id").onDelete(CASCADE);
            t.column("email", string(200)).notNull().unique();
            t.index("ix_ddl_addresses_user", "user_id");
          });

  public final Table users =
      metadata.table(
          "ddl_users",
          t -> {
            t.column("id", BIGINT).primaryKey().autoincrement();
            t.column("name", string(100)).notNull();
            t.column("age", INTEGER);
            t.column("status", enumOf(Status.class, 20)).notNull().serverDefault(Status.ACTIVE);
            t.column("order", INTEGER).serverDefault(0);
            t.check("age >= 0").name("ck_ddl_users_age");
            t.unique("name", "status").name("uq_ddl_users_name_status");
            t.index("ix_ddl_users_age", "age").unique();
          });

  public final Table groups =
      metadata.table(
          "ddl_groups",
          t -> {
            t.column("id", INTEGER).primaryKey();
            t.column("title", TEXT).notNull();
          });

  public final Table memberships =
      metadata.table(
          "ddl_memberships",
          t -> {
            t.column("user_id", BIGINT);
            t.column("group_id", INTEGER);
            t.column("role", string(20)).notNull().serverDefault("it's a member");
            t.primaryKey("user_id", "group_id");
            t.foreignKey("user_id").references("ddl_users", "id").onDelete(CASCADE);
            t.foreignKey("group_id")
                .references("ddl_groups", "id")
                .onDelete(RESTRICT)
                .onUpdate(CASCADE)
                .name("fk_ddl_memberships_group");
          });

  public final Table everything =
      metadata.table(
          "ddl_every_type",
          t -> {
            t.column("id", INTEGER).primaryKey();
            t.column("small", SMALLINT);
            t.column("big", BIGINT);
            t.column("short_text", string(50));
            t.column("long_text", TEXT);
            t.column("flag", BOOLEAN);
            t.column("amount", numeric(12, 4));
            t.column("ratio", FLOAT);
            t.column("measure", DOUBLE);
            t.column("born", DATE);
            t.column("alarm", TIME);
            t.column("created", TIMESTAMP);
            t.column("happened", TIMESTAMPTZ);
            t.column("token", UUID);
            t.column("doc", JSON);
            t.column("status", enumOf(Status.class));
            t.column("payload", BINARY);
          });

  public final Column<String> userName = users.column("name", String.class);
}
