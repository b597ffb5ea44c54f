package dev.retort.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the read-only {@code bench_item}. */
@Entity
@Table(name = "bench_item")
public class ItemEntity extends ItemColumns {
  @Id private Long id;

  /** For Hibernate. */
  protected ItemEntity() {}

  @Override
  public Long getId() {
    return id;
  }
}
