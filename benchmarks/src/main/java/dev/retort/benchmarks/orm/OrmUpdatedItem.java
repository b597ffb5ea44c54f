package dev.retort.benchmarks.orm;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Table;

/** A row of {@code bench_update}, whose quantity workload 5 changes. */
@Entity
@Table("bench_update")
public class OrmUpdatedItem extends OrmItemColumns {
  /** For Retort. */
  protected OrmUpdatedItem() {}
}
