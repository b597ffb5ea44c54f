package dev.retort.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code bench_account}. */
@Entity
@Table(name = "bench_account")
public class AccountEntity {
  @Id private Long id;
  private long balance;

  /** For Hibernate. */
  protected AccountEntity() {}

  /** The balance. */
  public long getBalance() {
    return balance;
  }

  /** Changes the balance. */
  public void setBalance(long balance) {
    this.balance = balance;
  }
}
