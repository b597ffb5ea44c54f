package dev.retort.benchmarks.orm;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.Table;

/** A row of {@code bench_account} (workload 6); its key is assigned, not generated. */
@Entity
@Table("bench_account")
public class OrmAccount {
  /** The account number, 1 to the number of accounts. */
  @Id(generation = Id.Generation.NONE)
  public Long id;

  /** The balance. */
  public long balance;

  /** For Retort. */
  protected OrmAccount() {}
}
