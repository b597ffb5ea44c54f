package dev.retort.async.internal;

import java.util.function.Supplier;

/**
 * An operation's name for messages ("execute(select(...))"), rendered only when one is shown: a
 * statement's description costs more than a fast query's round trip to SQLite, and is needed only
 * when a second call finds the connection busy.
 */
public final class OperationName {
  private final Supplier<String> render;

  private OperationName(Supplier<String> render) {
    this.render = render;
  }

  /** A name that {@code render} spells out when the name is shown. */
  public static OperationName of(Supplier<String> render) {
    return new OperationName(render);
  }

  @Override
  public String toString() {
    return render.get();
  }
}
