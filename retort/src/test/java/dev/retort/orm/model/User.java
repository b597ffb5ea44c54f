package dev.retort.orm.model;

import dev.retort.orm.annotations.Cascade;
import dev.retort.orm.annotations.Column;
import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.OneToMany;
import dev.retort.orm.annotations.Table;
import dev.retort.orm.annotations.Transient;
import dev.retort.orm.annotations.Version;
import java.util.ArrayList;
import java.util.List;

/** A user with addresses: the classic ORM example. */
@Entity
@Table("orm_users")
public class User {
  @Id public Long id;

  @Column(length = 50, nullable = false, unique = true)
  public String name;

  public String fullname;

  @Version public long version;

  @OneToMany(
      mappedBy = "user",
      cascade = {Cascade.SAVE, Cascade.DELETE, Cascade.DELETE_ORPHAN})
  public List<Address> addresses = new ArrayList<>();

  @Transient public String note;

  protected User() {}

  public User(String name, String fullname) {
    this.name = name;
    this.fullname = fullname;
  }

  public Address addAddress(String email) {
    Address a = new Address(email);
    a.user = this;
    addresses.add(a);
    return a;
  }

  @Override
  public String toString() {
    return "User(" + id + ", " + name + ")";
  }
}
