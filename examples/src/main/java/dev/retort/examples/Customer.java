package dev.retort.examples;

import dev.retort.orm.annotations.Column;
import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.Table;

/**
 * The tour's {@code customers} table as a mapped class. Retort's annotation processor generates
 * {@code Customer_} next to it, with typed columns for queries ({@code Customer_.name} is a {@code
 * Column<String>}).
 */
@Entity
@Table("customers")
public class Customer {
  @Id public Long id;

  @Column(length = 50, nullable = false, unique = true)
  public String name;

  @Column(length = 50)
  public String job;

  /** For Retort, which builds objects from rows. */
  protected Customer() {}

  /** A new customer, not yet saved. */
  public Customer(String name, String job) {
    this.name = name;
    this.job = job;
  }

  @Override
  public String toString() {
    return name + " (" + job + ")";
  }
}
