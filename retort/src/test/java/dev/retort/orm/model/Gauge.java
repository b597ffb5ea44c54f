package dev.retort.orm.model;

import dev.retort.orm.annotations.Column;
import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.Table;

/** A reading that may be missing (NULL). */
@Entity
@Table("orm_gauges")
public class Gauge {
  @Id public Long id;

  @Column(length = 40, unique = true)
  public String label;

  public Integer reading;

  protected Gauge() {}

  public Gauge(String label, Integer reading) {
    this.label = label;
    this.reading = reading;
  }
}
