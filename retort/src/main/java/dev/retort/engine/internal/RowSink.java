package dev.retort.engine.internal;

/** Takes each row of a result as it is read: its column values, already converted. */
@FunctionalInterface
public interface RowSink {
  /** One row's values; the array is the sink's to keep. */
  void accept(Object[] values);
}
