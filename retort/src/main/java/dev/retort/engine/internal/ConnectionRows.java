package dev.retort.engine.internal;

import dev.retort.engine.Connection;
import dev.retort.sql.Executable;
import java.util.List;

/**
 * Reading rows for the ORM, inside this module and outside the public API: a statement's rows as
 * arrays of values read with typed getters and converted to given classes, handed over one by one
 * while the cursor is read, with no {@code Row} in between (the ORM keeps the array as the object's
 * snapshot). {@link Connection} registers the implementation when it is loaded.
 */
public final class ConnectionRows {
  /** What {@link Connection} provides. */
  public interface Reader {
    /** Runs the statement and hands each row's values to the sink; see {@link #forEach}. */
    void forEach(Connection connection, Executable statement, List<Class<?>> types, RowSink sink);
  }

  private static volatile Reader reader;

  private ConnectionRows() {}

  /** Called once by {@link Connection}'s static initializer. */
  public static void register(Reader implementation) {
    reader = implementation;
  }

  /**
   * Runs {@code statement} on {@code connection} and hands each row to {@code sink} as it is read:
   * value {@code i} converted to {@code types.get(i)} (exactly, as {@code Row.get(i, type)} does),
   * or as the driver returned it where the type is null or {@code Object}.
   */
  public static void forEach(
      Connection connection, Executable statement, List<Class<?>> types, RowSink sink) {
    reader.forEach(connection, statement, types, sink);
  }
}
