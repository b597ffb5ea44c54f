package dev.retort.sql.compile;

import static dev.retort.sql.Sql.count;
import static dev.retort.sql.Sql.excluded;
import static dev.retort.sql.Sql.exists;
import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.max;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.set;
import static dev.retort.sql.Sql.value;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.SchemaManager;
import dev.retort.sql.expr.Cte;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Subquery;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import dev.retort.testing.Backend;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL of constructs the compiler once got wrong runs on every backend and gives the right rows:
 * nested CTEs, subqueries over the outer table, derived tables, NULLS FIRST/LAST of a set
 * operation, an upsert fed by a SELECT, and INSERT ... DEFAULT VALUES.
 */
class CompilerRegressionBackendTest {
  private final MetaData metadata = new MetaData();
  private final Table people =
      metadata.table(
          "regress_people",
          t -> {
            t.column("id", BIGINT).primaryKey().autoincrement();
            t.column("name", string(50)).unique();
            t.column("city", string(50));
          });
  private final Column<Long> id = people.column("id", Long.class);
  private final Column<String> name = people.column("name", String.class);
  private final Column<String> city = people.column("city", String.class);

  private Engine engine;
  private Connection conn;

  /** Ann (Oslo), Bob (Rome) and Cy (no city), given ids 1, 2, 3 by a fresh table. */
  private Connection open(Backend backend) {
    engine = backend.engine();
    conn = engine.connect();
    SchemaManager.dropAll(conn, metadata, true);
    SchemaManager.createAll(conn, metadata);
    conn.execute(
        insert(people)
            .columns(name, city)
            .values("Ann", "Oslo")
            .values("Bob", "Rome")
            .values("Cy", null));
    conn.commit();
    return conn;
  }

  @AfterEach
  void drop() {
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

  private List<Object> column(Expression<?>... expressions) {
    return conn.execute(select(expressions).orderBy(expressions[0])).scalars();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCteReadOnlyByAnotherCte(Backend backend) {
    open(backend);
    Cte withCity = select(id, name).where(city.isNotNull()).cte("with_city");
    Expression<Long> withCityId = withCity.column("id", BIGINT);
    Cte later =
        select(withCity.column("name", string(50)))
            .from(withCity)
            .where(withCityId.gt(1L))
            .cte("later");
    var names = conn.execute(select(later.column("name", string(50))).from(later)).scalars();
    assertThat(names).containsExactly("Bob");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void subqueriesOverTheOuterTable(Backend backend) {
    open(backend);
    assertThat(
            conn.execute(select(name).where(id.eq(select(max(id)).asScalar(Long.class)))).scalars())
        .containsExactly("Cy");
    assertThat(
            conn.execute(select(name).where(id.in(select(id).where(city.eq("Rome")))).orderBy(name))
                .scalars())
        .containsExactly("Bob");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDerivedTableOverTheOuterTable(Backend backend) {
    open(backend);
    Subquery perCity = select(city, count().as("n")).groupBy(city).subquery("per_city");
    var rows =
        conn.execute(
                select(name, perCity.column("n"))
                    .join(perCity, perCity.col(city).eq(city))
                    .orderBy(name))
            .all();
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("Ann", "Bob");
    assertThat(rows).extracting(r -> r.get(1, Long.class)).containsExactly(1L, 1L);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCorrelatedSubqueryOverCteColumns(Backend backend) {
    open(backend);
    Cte all = select(id, city).cte("everyone");
    Expression<Long> everyoneId = all.column("id", BIGINT);
    var ids =
        conn.execute(
                select(everyoneId)
                    .from(all)
                    .where(exists(select(name).where(id.eq(everyoneId).and(city.isNull()))))
                    .orderBy(everyoneId))
            .scalars(Long.class);
    assertThat(ids).containsExactly(3L);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void nullsFirstAndLastOfASetOperation(Backend backend) {
    open(backend);
    var cities = select(city).union(select(value("Zurich", string(50)).as("city")));
    assertThat(conn.execute(cities.orderBy(city.asc().nullsFirst())).scalars())
        .containsExactly(null, "Oslo", "Rome", "Zurich");
    assertThat(conn.execute(cities.orderBy(city.desc().nullsLast())).scalars())
        .containsExactly("Zurich", "Rome", "Oslo", null);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anUpsertFedByASelect(Backend backend) {
    open(backend);
    conn.execute(
        insert(people)
            .columns(name, city)
            .from(select(name, value("Paris", string(50))).where(city.isNotNull()))
            .onConflict(name)
            .doUpdate(set(city, excluded(city))));
    assertThat(column(name, city)).containsExactly("Ann", "Bob", "Cy");
    assertThat(conn.execute(select(city).orderBy(name)).scalars())
        .isEqualTo(Arrays.asList("Paris", "Paris", null));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void insertDefaultValuesReturningTheKey(Backend backend) {
    open(backend);
    var key = conn.execute(insert(people).defaultValues().returning(id)).scalar(Long.class);
    assertThat(key).isEqualTo(4L);
    var row = conn.execute(select(name, city).where(id.eq(key))).one();
    assertThat(row.values()).containsExactly(null, null);
  }
}
