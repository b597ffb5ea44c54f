package dev.retort.orm.model;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.Table;
import dev.retort.orm.annotations.Version;

/** A versioned counter with an application-assigned key. */
@Entity
@Table("orm_counters")
public class Counter {
  @Id(generation = Id.Generation.NONE)
  public String name;

  public long value;

  @Version public int version;

  protected Counter() {}

  public Counter(String name) {
    this.name = name;
  }
}
