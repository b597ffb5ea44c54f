package dev.retort.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code bench_update}, changed by workload 5. */
@Entity
@Table(name = "bench_update")
public class UpdatedItemEntity extends ItemColumns {
  @Id private Long id;

  /** For Hibernate. */
  protected UpdatedItemEntity() {}

  @Override
  public Long getId() {
    return id;
  }
}
