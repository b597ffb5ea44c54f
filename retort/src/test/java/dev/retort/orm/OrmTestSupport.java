package dev.retort.orm;

import dev.retort.engine.Connection;
import dev.retort.engine.Engine;
import dev.retort.engine.SchemaManager;
import dev.retort.sql.schema.MetaData;
import dev.retort.testing.Backend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An engine with fresh tables for the given entities, and a statement counter. */
final class OrmTestSupport implements AutoCloseable {
  final Engine engine;
  final MetaData metadata;
  final List<String> statements = new CopyOnWriteArrayList<>();
  private final Consumer<String> listener = statements::add;

  OrmTestSupport(Backend backend, Class<?>... entities) {
    engine = backend.engine();
    metadata = Orm.metadata(entities);
    SchemaManager.dropAll(engine, metadata, true);
    try (Connection c = engine.connect()) {
      SchemaManager.createAll(c, metadata);
      c.commit();
    }
    engine.addStatementListener(listener);
  }

  /** Statements sent since the last call, and resets the count. */
  List<String> take() {
    List<String> out = List.copyOf(statements);
    statements.clear();
    return out;
  }

  @Override
  public void close() {
    engine.removeStatementListener(listener);
    try {
      SchemaManager.dropAll(engine, metadata, true);
      if (engine.poolStatus().active() != 0) {
        throw new AssertionError("connections still checked out: " + engine.poolStatus());
      }
    } finally {
      engine.close();
    }
  }
}
