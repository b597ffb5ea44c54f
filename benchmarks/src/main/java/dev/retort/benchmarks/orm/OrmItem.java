package dev.retort.benchmarks.orm;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Table;

/** A row of the read-only {@code bench_item} (workloads 1 and 3). */
@Entity
@Table("bench_item")
public class OrmItem extends OrmItemColumns {
  /** For Retort. */
  protected OrmItem() {}
}
