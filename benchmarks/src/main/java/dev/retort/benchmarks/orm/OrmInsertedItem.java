package dev.retort.benchmarks.orm;

import dev.retort.benchmarks.NewItem;
import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Table;

/**
 * A new row of {@code bench_insert} (workload 4), keyed by the table's identity column: a flush
 * inserts many in one multi-row INSERT and reads the keys back with RETURNING.
 */
@Entity
@Table("bench_insert")
public class OrmInsertedItem extends OrmItemColumns {
  /** For Retort. */
  protected OrmInsertedItem() {}

  /** A new row. */
  public OrmInsertedItem(NewItem row) {
    super(row);
  }
}
