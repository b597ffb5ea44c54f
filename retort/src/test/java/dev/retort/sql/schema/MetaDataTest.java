package dev.retort.sql.schema;

import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.INTEGER;
import static dev.retort.sql.types.SqlTypes.TEXT;
import static dev.retort.sql.types.SqlTypes.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.error.ArgumentException;
import dev.retort.testing.SampleSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defining tables, typed column access, and foreign-key ordering. No database. */
class MetaDataTest {
  private final SampleSchema schema = new SampleSchema();

  @Test
  void tablesAreKeptInDefinitionOrderAndSortedByForeignKeys() {
    assertThat(schema.metadata.tables())
        .containsExactly(
            schema.addresses, schema.users, schema.groups, schema.memberships, schema.everything);
    assertThat(schema.metadata.sortedTables())
        .containsExactly(
            schema.users, schema.addresses, schema.groups, schema.memberships, schema.everything);
    assertThat(schema.memberships.dependencies()).containsExactly(schema.users, schema.groups);
  }

  @Test
  void aSelfReferenceIsNotACycle() {
    MetaData metadata = new MetaData();
    Table employees =
        metadata.table(
            "employees",
            t -> {
              t.column("id", INTEGER).primaryKey();
              t.column("manager_id", INTEGER).references("employees.id");
            });
    assertThat(metadata.sortedTables()).containsExactly(employees);
    assertThat(employees.foreignKeys().get(0).targetColumns())
        .containsExactly(employees.column("id"));
  }

  @Test
  void aCycleIsReportedWithTheTablesInIt() {
    MetaData metadata = new MetaData();
    metadata.table("lonely", t -> t.column("id", INTEGER).primaryKey());
    for (String[] edge : new String[][] {{"a", "b"}, {"b", "c"}, {"c", "a"}}) {
      metadata.table(
          edge[0],
          t -> {
            t.column("id", INTEGER).primaryKey();
            t.column("next", INTEGER).references(edge[1] + ".id");
          });
    }
    assertThatThrownBy(metadata::sortedTables)
        .isInstanceOf(CircularDependencyException.class)
        .hasMessageContaining("a -> b -> c -> a")
        .extracting(e -> ((CircularDependencyException) e).cycle())
        .isEqualTo(List.of("a", "b", "c", "a"));
  }

  @Test
  void aReferenceToAnUndefinedTableNamesIt() {
    MetaData metadata = new MetaData();
    metadata.table("child", t -> t.column("parent_id", INTEGER).references("parent.id"));
    assertThatThrownBy(metadata::sortedTables)
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("'parent'")
        .hasMessageContaining("[child]");
  }

  @Test
  void columnsAreTypedByTheirJavaClass() {
    Column<String> name = schema.users.column("name", String.class);
    assertThat(name).isSameAs(schema.userName);
    assertThat(name.table()).isSameAs(schema.users);
    assertThat(name.nullable()).isFalse();
    assertThat(name.toString()).isEqualTo("ddl_users.name");
    Column<Long> id = schema.users.column("id", Long.class);
    assertThat(id.primaryKey()).isTrue();
    assertThat(id.autoincrement()).isTrue();
    assertThat(schema.users.column("age").nullable()).isTrue();
    assertThatThrownBy(() -> schema.users.column("name", Integer.class))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("ddl_users.name")
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> schema.users.column("nme"))
        .hasMessageContaining("no column 'nme'")
        .hasMessageContaining("[id, name, age, status, order]");
  }

  @Test
  void compositePrimaryKeyColumnsAreNotNull() {
    PrimaryKey pk = schema.memberships.primaryKey().orElseThrow();
    assertThat(pk.columns()).extracting(Column::name).containsExactly("user_id", "group_id");
    assertThat(pk.columns()).allMatch(c -> !c.nullable() && c.primaryKey());
  }

  @Test
  void schemaQualifiedTablesAreKnownByTheirFullName() {
    MetaData metadata = new MetaData();
    Table t = metadata.table("items", b -> b.schema("shop").column("id", INTEGER).primaryKey());
    assertThat(t.fullName()).isEqualTo("shop.items");
    assertThat(metadata.table("shop.items")).isSameAs(t);
    assertThat(metadata.findTable("items")).isEmpty();
  }

  @Test
  void invalidDefinitionsAreRefusedWithTheReason() {
    MetaData metadata = new MetaData();
    assertThatThrownBy(
            () -> metadata.table("t", b -> b.column("id", TEXT).primaryKey().autoincrement()))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("not an integer type");
    assertThatThrownBy(() -> metadata.table("t", b -> b.column("id", BIGINT).autoincrement()))
        .hasMessageContaining("whole primary key");
    assertThatThrownBy(
            () ->
                metadata.table(
                    "t",
                    b -> {
                      b.column("a", INTEGER).primaryKey();
                      b.column("b", INTEGER).primaryKey();
                    }))
        .hasMessageContaining("primary key twice");
    assertThatThrownBy(
            () ->
                metadata.table(
                    "t",
                    b -> {
                      b.column("a", INTEGER);
                      b.column("a", string(3));
                    }))
        .hasMessageContaining("column 'a' twice");
    assertThatThrownBy(
            () ->
                metadata.table(
                    "t", b -> b.column("a", INTEGER).onDelete(ReferentialAction.CASCADE)))
        .hasMessageContaining("references(...) before onDelete");
    assertThatThrownBy(
            () ->
                metadata.table(
                    "t", b -> b.column("a", INTEGER).index().unique().references("nodot")))
        .hasMessageContaining("\"table.column\"");
    assertThatThrownBy(() -> metadata.table("t", b -> b.index("ix", "missing")))
        .hasMessageContaining("has no columns");
    assertThat(metadata.tables()).isEmpty();
    metadata.table("t", b -> b.column("a", INTEGER));
    assertThatThrownBy(() -> metadata.table("t", b -> b.column("a", INTEGER)))
        .hasMessageContaining("already defined");
  }
}
