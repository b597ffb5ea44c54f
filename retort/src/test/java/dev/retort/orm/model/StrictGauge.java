package dev.retort.orm.model;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.Table;

/** The table of {@link Gauge} mapped with a primitive reading, which cannot hold NULL. */
@Entity
@Table("orm_gauges")
public class StrictGauge {
  @Id public Long id;

  public String label;

  public int reading;

  protected StrictGauge() {}
}
