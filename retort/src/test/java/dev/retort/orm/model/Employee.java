package dev.retort.orm.model;

import dev.retort.orm.annotations.Column;
import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.ManyToOne;
import dev.retort.orm.annotations.OneToMany;
import dev.retort.orm.annotations.Table;
import java.util.ArrayList;
import java.util.List;

/** An employee and their manager: a table whose foreign key refers to itself. */
@Entity
@Table("orm_employees")
public class Employee {
  @Id public Long id;

  @Column(length = 50, nullable = false)
  public String name;

  @ManyToOne(joinColumn = "manager_id")
  public Employee manager;

  @OneToMany(mappedBy = "manager")
  public List<Employee> reports = new ArrayList<>();

  protected Employee() {}

  public Employee(String name, Employee manager) {
    this.name = name;
    this.manager = manager;
  }

  @Override
  public String toString() {
    return "Employee(" + name + ")";
  }
}
