package dev.retort.orm;

import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinLoad;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.orm.model.Employee;
import dev.retort.orm.model.Employee_;
import dev.retort.testing.Backend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A table whose foreign key refers to itself: rows go in parents first and out children first. */
class SelfReferenceTest {
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aChainOfManagersIsInsertedParentsFirstAndDeletedChildrenFirst(Backend backend) {
    try (OrmTestSupport db = new OrmTestSupport(backend, Employee.class)) {
      SessionFactory sessions = SessionFactory.of(db.engine);
      try (Session session = sessions.open()) {
        Employee ceo = new Employee("Ceo", null);
        Employee vp = new Employee("Vp", ceo);
        Employee dev = new Employee("Dev", vp);
        session.addAll(List.of(dev, vp, ceo)); // children first on purpose
        session.commit();
        assertThat(dev.manager.id).isEqualTo(vp.id);
        assertThat(vp.manager.id).isEqualTo(ceo.id);
      }
      try (Session session = sessions.open()) {
        List<Employee> all =
            session.scalars(
                select(Employee.class)
                    .orderBy(Employee_.name.asc())
                    .options(selectinLoad(Employee_.reports)));
        assertThat(all).extracting(e -> e.name).containsExactly("Ceo", "Dev", "Vp");
        Employee ceo = all.get(0);
        Employee vp = all.get(2);
        assertThat(ceo.reports).containsExactly(vp);
        assertThat(vp.manager).isSameAs(ceo);
        assertThat(vp.reports).extracting(e -> e.name).containsExactly("Dev");

        for (Employee e : all) {
          session.delete(e);
        }
        session.commit(); // the foreign key forces Dev, then Vp, then Ceo
      }
      try (Session session = sessions.open()) {
        assertThat(session.scalars(select(Employee.class))).isEmpty();
      }
    }
  }
}
