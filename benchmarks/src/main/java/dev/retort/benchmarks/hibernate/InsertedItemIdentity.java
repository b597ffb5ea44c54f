package dev.retort.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A new row of {@code bench_insert} keyed by the table's identity column, for SQLite (no
 * sequences). Hibernate cannot batch identity inserts: it runs them one at a time.
 */
@Entity
@Table(name = "bench_insert")
public class InsertedItemIdentity extends ItemColumns {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** For Hibernate. */
  protected InsertedItemIdentity() {}

  /** A new row. */
  public InsertedItemIdentity(String name, int category, int quantity, double price, String note) {
    super(name, category, quantity, price, note);
  }

  @Override
  public Long getId() {
    return id;
  }
}
