package dev.retort.orm.model;

import dev.retort.orm.annotations.Column;
import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.ManyToOne;
import dev.retort.orm.annotations.Table;

/** An e-mail address of a user. */
@Entity
@Table("orm_addresses")
public class Address {
  @Id public Long id;

  @Column(length = 100, nullable = false)
  public String email;

  @ManyToOne(joinColumn = "user_id", optional = false)
  public User user;

  protected Address() {}

  public Address(String email) {
    this.email = email;
  }

  @Override
  public String toString() {
    return "Address(" + id + ", " + email + ")";
  }
}
