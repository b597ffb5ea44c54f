package dev.retort.engine;

import static dev.retort.sql.Sql.text;
import static dev.retort.sql.schema.ReferentialAction.CASCADE;
import static dev.retort.sql.schema.ReferentialAction.NO_ACTION;
import static dev.retort.sql.schema.ReferentialAction.RESTRICT;
import static dev.retort.sql.schema.ReferentialAction.SET_NULL;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.ArgumentException;
import dev.retort.error.NotSupportedException;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.ForeignKey;
import dev.retort.sql.schema.Index;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.ReferentialAction;
import dev.retort.sql.schema.ServerDefault;
import dev.retort.sql.schema.Table;
import dev.retort.sql.schema.TableDescription;
import dev.retort.sql.schema.TableDescription.ColumnDescription;
import dev.retort.sql.schema.UniqueConstraint;
import dev.retort.sql.types.SqlType;
import dev.retort.testing.Backend;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MetaData.reflect on every backend: a schema created by Retort's DDL comes back the same. */
class ReflectionTest {
  enum Mood {
    HAPPY,
    GRUMPY
  }

  private static final List<String> NAMES =
      List.of(
          "rfl_addresses",
          "rfl_every_type",
          "rfl_grants",
          "rfl_groups",
          "rfl_memberships",
          "rfl_users");

  /** Users, addresses (CASCADE), groups, a composite key, a composite foreign key, every type. */
  private static MetaData schema() {
    MetaData metadata = new MetaData();
    metadata.table(
        "rfl_addresses",
        t -> {
          t.column("id", BIGINT).primaryKey().autoincrement();
          t.column("user_id", BIGINT).notNull().references("rfl_users.id").onDelete(CASCADE);
          t.column("email", string(200)).notNull().unique();
          t.index("ix_rfl_addresses_user", "user_id");
        });
    metadata.table(
        "rfl_users",
        t -> {
          t.column("id", BIGINT).primaryKey().autoincrement();
          t.column("name", string(100)).notNull();
          t.column("age", INTEGER);
          t.column("mood", enumOf(Mood.class, 20)).notNull().serverDefault(Mood.HAPPY);
          t.column("order", INTEGER).serverDefault(0);
          t.unique("name", "mood").name("uq_rfl_users_name_mood");
          t.index("ix_rfl_users_age", "age").unique();
        });
    metadata.table(
        "rfl_groups",
        t -> {
          t.column("id", INTEGER).primaryKey();
          t.column("title", TEXT).notNull();
        });
    metadata.table(
        "rfl_memberships",
        t -> {
          t.column("user_id", BIGINT);
          t.column("group_id", INTEGER);
          t.column("role", string(20)).notNull().serverDefault("it's a member");
          t.primaryKey("user_id", "group_id");
          t.foreignKey("user_id").references("rfl_users", "id").onDelete(CASCADE);
          t.foreignKey("group_id")
              .references("rfl_groups", "id")
              .onDelete(RESTRICT)
              .onUpdate(CASCADE)
              .name("fk_rfl_memberships_group");
        });
    metadata.table(
        "rfl_grants",
        t -> {
          t.column("id", INTEGER).primaryKey();
          t.column("user_id", BIGINT);
          t.column("group_id", INTEGER);
          t.column("note", string(30)).notNull().serverDefault("none");
          t.foreignKey("user_id", "group_id")
              .references("rfl_memberships", "user_id", "group_id")
              .onDelete(SET_NULL)
              .name("fk_rfl_grants_membership");
          t.index("ix_rfl_grants_pair", "group_id", "user_id");
        });
    metadata.table(
        "rfl_every_type",
        t -> {
          t.column("id", INTEGER).primaryKey();
          t.column("small", SMALLINT);
          t.column("big", BIGINT).notNull();
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
          t.column("mood", enumOf(Mood.class));
          t.column("payload", BINARY);
        });
    return metadata;
  }

  private final MetaData created = schema();
  private Engine engine;
  private Runnable cleanup = () -> {};

  private Engine open(Backend backend) {
    engine = backend.engine();
    SchemaManager.dropAll(engine, created, true);
    SchemaManager.createAll(engine, created, false);
    return engine;
  }

  @AfterEach
  void dropAndClose() {
    if (engine == null) {
      return;
    }
    try {
      SchemaManager.dropAll(engine, created, true);
      cleanup.run();
      assertThat(engine.poolStatus().active()).as("connections still checked out").isZero();
    } finally {
      engine.close();
    }
  }

  private MetaData reflect(List<String> names) {
    MetaData reflected = new MetaData();
    try (Connection conn = engine.connect()) {
      reflected.reflect(conn, names);
    }
    return reflected;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void reflectionOfASchemaCreatedByDdlGivesBackTheSameTables(Backend backend) {
    open(backend);
    MetaData reflected = new MetaData();
    List<Table> tables;
    try (Connection conn = engine.connect()) {
      tables = reflected.reflect(conn, NAMES);
      conn.commit();
    }
    assertThat(names(tables)).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(tables).as("referenced tables come first").isEqualTo(reflected.sortedTables());
    for (Table expected : created.tables()) {
      Table actual = reflected.table(expected.name());
      assertThat(actual.schema()).isEmpty();
      assertSameColumns(backend, expected, actual);
      assertThat(keyColumns(actual)).as(expected + " primary key").isEqualTo(keyColumns(expected));
      assertSameForeignKeys(backend, expected, actual);
      assertSameUniquesAndIndexes(backend, expected, actual);
    }
  }

  private void assertSameColumns(Backend backend, Table expected, Table actual) {
    assertThat(names(actual.columns())).isEqualTo(names(expected.columns()));
    for (Column<?> e : expected.columns()) {
      Column<?> a = actual.column(e.name());
      assertThat(a.type()).as(e + " type").isEqualTo(reflectedType(backend, e));
      assertThat(a.nullable()).as(e + " nullable").isEqualTo(e.nullable());
      assertThat(a.primaryKey()).as(e + " in primary key").isEqualTo(e.primaryKey());
      assertThat(a.autoincrement()).as(e + " autoincrement").isEqualTo(e.autoincrement());
      assertThat(a.serverDefault().isPresent())
          .as(e + " default")
          .isEqualTo(e.serverDefault().isPresent());
      if (e.serverDefault().orElse(null) instanceof ServerDefault.Value v) {
        // The database reports the default as SQL, e.g. 'HAPPY'::character varying.
        String literal = engine.dialect().literal(v.value(), e.type());
        assertThat(((ServerDefault.Expression) a.serverDefault().orElseThrow()).sql())
            .as(e + " default")
            .contains(literal);
      }
    }
  }

  /**
   * The type each backend's DDL gives back: enums are stored as VARCHAR; SQLite declares JSON as
   * TEXT, stores every float in 8 bytes, and an AUTOINCREMENT key aliases the 64-bit rowid; MariaDB
   * keeps offset date-times in a plain DATETIME.
   */
  private static SqlType<?> reflectedType(Backend backend, Column<?> column) {
    SqlType<?> type = column.type();
    if (type instanceof SqlType.EnumName<?> e) {
      return string(e.length());
    }
    return switch (backend) {
      case SQLITE ->
          switch (type) {
            case SqlType.Json j -> TEXT;
            case SqlType.Real r -> DOUBLE;
            default -> column.autoincrement() ? BIGINT : type;
          };
      case MARIADB -> type instanceof SqlType.TimestampTz ? TIMESTAMP : type;
      case POSTGRESQL -> type;
    };
  }

  private static void assertSameForeignKeys(Backend backend, Table expected, Table actual) {
    assertThat(foreignKeys(backend, actual))
        .as(expected + " foreign keys")
        .isEqualTo(foreignKeys(backend, expected));
    for (ForeignKey fk : expected.foreignKeys()) {
      if (fk.name().isPresent()) {
        assertThat(actual.foreignKeys().stream().map(ForeignKey::name))
            .as(expected + " foreign key names")
            .contains(fk.name());
      }
    }
  }

  private static Set<String> foreignKeys(Backend backend, Table table) {
    return table.foreignKeys().stream()
        .map(
            fk ->
                names(fk.columns())
                    + " -> "
                    + fk.targetTableName()
                    + names(fk.targetColumns())
                    + " ON DELETE "
                    + effect(backend, fk.onDelete())
                    + " ON UPDATE "
                    + effect(backend, fk.onUpdate()))
        .collect(Collectors.toSet());
  }

  /** An unstated action is NO ACTION; MariaDB reports NO ACTION as its synonym RESTRICT. */
  private static ReferentialAction effect(Backend backend, Optional<ReferentialAction> action) {
    ReferentialAction stated = action.orElse(NO_ACTION);
    return backend == Backend.MARIADB && stated == RESTRICT ? NO_ACTION : stated;
  }

  /**
   * Unique constraints and indexes come back apart, names and all, except that MariaDB keeps no
   * difference between a UNIQUE constraint and a unique index: both come back as constraints.
   */
  private static void assertSameUniquesAndIndexes(Backend backend, Table expected, Table actual) {
    boolean merged = backend == Backend.MARIADB;
    Set<List<String>> uniques = new HashSet<>();
    expected.uniqueConstraints().forEach(u -> uniques.add(names(u.columns())));
    Set<String> indexes = new TreeSet<>();
    for (Index ix : expected.indexes()) {
      if (merged && ix.unique()) {
        uniques.add(names(ix.columns()));
      } else {
        indexes.add(ix.toString());
      }
    }
    assertThat(actual.uniqueConstraints().stream().map(u -> names(u.columns())))
        .as(expected + " unique constraints")
        .containsExactlyInAnyOrderElementsOf(uniques);
    assertThat(actual.indexes().stream().map(Index::toString))
        .as(expected + " indexes")
        .containsExactlyInAnyOrderElementsOf(indexes);
    for (UniqueConstraint u : expected.uniqueConstraints()) {
      u.name()
          .ifPresent(
              name ->
                  assertThat(actual.uniqueConstraints())
                      .as(expected + " unique constraint names")
                      .anyMatch(
                          a ->
                              a.name().equals(Optional.of(name))
                                  && names(a.columns()).equals(names(u.columns()))));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anAllowListAlsoReflectsTheTablesItsForeignKeysReferTo(Backend backend) {
    open(backend);
    MetaData reflected = reflect(List.of("rfl_grants"));
    assertThat(names(reflected.tables()))
        .containsExactlyInAnyOrder("rfl_users", "rfl_groups", "rfl_memberships", "rfl_grants");
    assertThat(reflected.tables())
        .as("referenced tables first")
        .isEqualTo(reflected.sortedTables());
    ForeignKey fk = reflected.table("rfl_grants").foreignKeys().get(0);
    assertThat(fk.targetTable()).isSameAs(reflected.table("rfl_memberships"));
    assertThat(names(fk.targetColumns())).containsExactly("user_id", "group_id");
    assertThat(fk.onDelete()).contains(SET_NULL);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void tablesAlreadyDefinedAreLeftAlone(Backend backend) {
    open(backend);
    MetaData metadata = new MetaData();
    Table users = metadata.table("rfl_users", t -> t.column("id", BIGINT).primaryKey());
    List<Table> tables;
    try (Connection conn = engine.connect()) {
      tables = metadata.reflect(conn, List.of("rfl_addresses", "rfl_users"));
    }
    assertThat(names(tables)).containsExactly("rfl_addresses");
    assertThat(metadata.table("rfl_users")).isSameAs(users);
    assertThat(metadata.table("rfl_addresses").foreignKeys().get(0).targetTable()).isSameAs(users);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aMissingTableIsAClearErrorAndReflectsNothing(Backend backend) {
    open(backend);
    MetaData metadata = new MetaData();
    try (Connection conn = engine.connect()) {
      assertThatThrownBy(() -> metadata.reflect(conn, List.of("rfl_users", "rfl_nope")))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("No table 'rfl_nope'")
          .hasMessageContaining("rfl_users");
      assertThatThrownBy(() -> metadata.reflect(conn, List.of()))
          .isInstanceOf(ArgumentException.class)
          .hasMessageContaining("at least one table");
    }
    assertThat(metadata.tables()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void reflectedTablesCanBeQueriedAndRecreated(Backend backend) {
    open(backend);
    MetaData reflected = reflect(NAMES);
    Table users = reflected.table("rfl_users");
    String q = engine.dialect().quoteIdentifier("order");
    try (Connection conn = engine.connect()) {
      conn.execute(
          text("INSERT INTO " + users.name() + " (name, age) VALUES (:name, :age)"),
          Map.of("name", "ann", "age", 30));
      conn.commit();
      Row row =
          conn.execute(text("SELECT id, mood, " + q + " FROM " + users.name() + " WHERE age = 30"))
              .one();
      assertThat(row.get("mood", String.class)).isEqualTo("HAPPY");
      assertThat(row.get(2, users.column("order").javaType())).isEqualTo(0);
      assertThat(row.get("id", users.column("id", Long.class).javaType())).isPositive();
    }

    List<TableDescription> before = normalized(describe());
    SchemaManager.dropAll(engine, created, false);
    SchemaManager.createAll(engine, reflected, false);
    List<TableDescription> after = normalized(describe());
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i))
          .as("a table created from its reflection reflects the same")
          .isEqualTo(before.get(i));
    }
    try (Connection conn = engine.connect()) {
      conn.execute(text("INSERT INTO rfl_users (name) VALUES ('bob')"));
      conn.execute(text("INSERT INTO rfl_groups (id, title) VALUES (1, 'admins')"));
      long bob = conn.execute(text("SELECT id FROM rfl_users")).scalarOne(Long.class);
      conn.execute(
          text("INSERT INTO rfl_memberships (user_id, group_id) VALUES (:u, 1)"), Map.of("u", bob));
      conn.commit();
      assertThat(conn.execute(text("SELECT role FROM rfl_memberships")).scalarOne(String.class))
          .isEqualTo("it's a member");
      conn.execute(text("DELETE FROM rfl_users"));
      conn.commit();
      assertThat(
              conn.execute(text("SELECT COUNT(*) FROM rfl_memberships")).scalarOne(Integer.class))
          .as("memberships cascade-deleted with their user")
          .isZero();
    }
  }

  private List<TableDescription> describe() {
    try (Connection conn = engine.connect()) {
      return conn.describeTables(null, Set.copyOf(NAMES));
    }
  }

  /** SQLite reports a default written as {@code ('x')} with its parentheses: compare presence. */
  private static List<TableDescription> normalized(List<TableDescription> tables) {
    return tables.stream()
        .map(
            t ->
                t.withColumns(
                    t.columns().stream()
                        .map(
                            c ->
                                new ColumnDescription(
                                    c.name(),
                                    c.type(),
                                    c.nullable(),
                                    c.autoincrement(),
                                    c.serverDefault() == null ? null : "present"))
                        .toList()))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void reflectingEveryTableOfASchema(Backend backend) {
    open(backend);
    if (backend == Backend.SQLITE) {
      // The test database file holds only this test's tables, so its current schema can be read
      // whole; SQLite's driver cannot describe attached databases.
      MetaData reflected = new MetaData();
      try (Connection conn = engine.connect()) {
        assertThat(names(reflected.reflect(conn))).containsExactlyInAnyOrderElementsOf(NAMES);
        assertThatThrownBy(() -> new MetaData().reflect(conn, "other"))
            .isInstanceOf(NotSupportedException.class)
            .hasMessageContaining("main");
      }
      return;
    }
    // The server's current schema is shared with other suites: use a schema of this test's own.
    String schema = privateSchema(backend);
    MetaData named = new MetaData();
    named.table(
        "rfl_parents",
        t -> {
          t.schema(schema);
          t.column("id", INTEGER).primaryKey();
        });
    named.table(
        "rfl_children",
        t -> {
          t.schema(schema);
          t.column("id", INTEGER).primaryKey();
          t.column("parent_id", INTEGER).references(schema + ".rfl_parents.id");
        });
    SchemaManager.createAll(engine, named, false);
    MetaData reflected = new MetaData();
    try (Connection conn = engine.connect()) {
      assertThat(names(reflected.reflect(conn, schema)))
          .containsExactly(schema + ".rfl_parents", schema + ".rfl_children");
    }
    Table children = reflected.table(schema + ".rfl_children");
    assertThat(children.schema()).contains(schema);
    assertThat(children.foreignKeys().get(0).targetTable())
        .isSameAs(reflected.table(schema + ".rfl_parents"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void tablesWrittenInEachDatabasesOwnSqlAreReflected(Backend backend) {
    open(backend);
    cleanup =
        () -> {
          try (Connection c = engine.connect()) {
            c.execute(text("DROP TABLE IF EXISTS rfl_odd"));
            c.execute(text("DROP TABLE IF EXISTS rfl_odder"));
            c.commit();
          }
        };
    cleanup.run();
    String odd =
        switch (backend) {
          case SQLITE ->
              "CREATE TABLE rfl_odd (id INTEGER PRIMARY KEY, price DECIMAL(9, 2), n NUMERIC,"
                  + " label NVARCHAR(12), stamp DATETIME, raw, parent INTEGER"
                  + " CONSTRAINT fk_rfl_odd_parent REFERENCES rfl_odd (id))";
          case POSTGRESQL ->
              "CREATE TABLE rfl_odd (id SERIAL PRIMARY KEY, code CHAR(3), label VARCHAR,"
                  + " parent INTEGER REFERENCES rfl_odd (id))";
          case MARIADB ->
              "CREATE TABLE rfl_odd (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                  + " kind ENUM('a', 'bb'), parent INT UNSIGNED, FOREIGN KEY (parent)"
                  + " REFERENCES rfl_odd (id))";
        };
    try (Connection conn = engine.connect()) {
      conn.execute(text(odd));
      conn.commit();
    }
    Table table = reflect(List.of("rfl_odd")).table("rfl_odd");
    assertThat(table.foreignKeys().get(0).targetTable()).isSameAs(table);
    assertThat(table.indexes()).as("no index the database made by itself").isEmpty();
    Map<String, SqlType<?>> types =
        switch (backend) {
          case SQLITE ->
              Map.of(
                  "price", numeric(9, 2),
                  "n", numeric(38, 10),
                  "label", string(12),
                  "stamp", TIMESTAMP,
                  "raw", BINARY);
          case POSTGRESQL -> Map.of("id", INTEGER, "code", string(3), "label", TEXT);
          case MARIADB -> Map.of("id", BIGINT, "kind", string(2), "parent", BIGINT);
        };
    types.forEach((name, type) -> assertThat(table.column(name).type()).as(name).isEqualTo(type));
    if (backend == Backend.SQLITE) {
      // SQLite has a type for every column, by affinity; and no key here is AUTOINCREMENT.
      assertThat(table.foreignKeys().get(0).name()).contains("fk_rfl_odd_parent");
      return;
    }
    Column<?> id = table.column("id");
    assertThat(id.autoincrement()).isTrue();
    assertThat(id.serverDefault()).as("a serial's nextval(...) is its identity").isEmpty();

    String odder =
        backend == Backend.POSTGRESQL
            ? "CREATE TABLE rfl_odder (id INTEGER PRIMARY KEY, span INTERVAL)"
            : "CREATE TABLE rfl_odder (id INTEGER PRIMARY KEY, span BIT(8))";
    try (Connection conn = engine.connect()) {
      conn.execute(text(odder));
      conn.commit();
      MetaData metadata = new MetaData();
      assertThatThrownBy(() -> metadata.reflect(conn, List.of("rfl_odd", "rfl_odder")))
          .isInstanceOf(NotSupportedException.class)
          .hasMessageContaining("rfl_odder.span")
          .hasMessageContaining(backend == Backend.POSTGRESQL ? "'interval'" : "'BIT'");
      assertThat(metadata.tables()).isEmpty();
    }
  }

  /** A schema (PostgreSQL) or database (MariaDB) named after the test database, dropped after. */
  private String privateSchema(Backend backend) {
    String schema;
    try (Connection conn = engine.connect()) {
      String current =
          backend == Backend.MARIADB ? "SELECT DATABASE()" : "SELECT current_database()";
      String database = conn.execute(text(current)).scalarOne(String.class);
      schema = database + "_rfl";
      String kind = backend == Backend.MARIADB ? "DATABASE" : "SCHEMA";
      String cascade = backend == Backend.MARIADB ? "" : " CASCADE";
      conn.execute(text("DROP " + kind + " IF EXISTS " + schema + cascade));
      conn.execute(text("CREATE " + kind + " " + schema));
      conn.commit();
      cleanup =
          () -> {
            try (Connection c = engine.connect()) {
              c.execute(text("DROP " + kind + " IF EXISTS " + schema + cascade));
              c.commit();
            }
          };
    }
    return schema;
  }

  private static List<String> keyColumns(Table table) {
    return table.primaryKey().map(pk -> names(pk.columns())).orElse(List.of());
  }

  private static List<String> names(List<?> items) {
    return items.stream()
        .map(
            i ->
                switch (i) {
                  case Column<?> c -> c.name();
                  case Table t -> t.fullName();
                  default -> i.toString();
                })
        .toList();
  }
}
