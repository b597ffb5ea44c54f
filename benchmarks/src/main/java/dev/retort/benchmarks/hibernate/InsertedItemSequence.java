package dev.retort.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A new row of {@code bench_insert} keyed from a pooled sequence (1,000 ids per round trip), the
 * setting Hibernate recommends for batched inserts, on PostgreSQL and MariaDB.
 */
@Entity
@Table(name = "bench_insert")
public class InsertedItemSequence extends ItemColumns {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bench_insert_seq")
  @SequenceGenerator(
      name = "bench_insert_seq",
      sequenceName = "bench_insert_seq",
      allocationSize = 1000)
  private Long id;

  /** For Hibernate. */
  protected InsertedItemSequence() {}

  /** A new row. */
  public InsertedItemSequence(String name, int category, int quantity, double price, String note) {
    super(name, category, quantity, price, note);
  }

  @Override
  public Long getId() {
    return id;
  }
}
