package dev.retort.engine;

import java.sql.Savepoint;

/**
 * A transaction on a {@link Connection}: the root transaction, or a nested one backed by a
 * SAVEPOINT. Use it in try-with-resources: {@link #close()} rolls back unless {@link #commit()}
 * ran. Committing or rolling back a transaction also ends every transaction nested inside it.
 */
public final class Transaction implements AutoCloseable {
  private final Connection connection;
  private final Savepoint savepoint;
  private final boolean implicit;
  private final int isolationToRestore;
  private volatile boolean active = true;

  Transaction(
      Connection connection, Savepoint savepoint, boolean implicit, int isolationToRestore) {
    this.connection = connection;
    this.savepoint = savepoint;
    this.implicit = implicit;
    this.isolationToRestore = isolationToRestore;
  }

  /** Whether the transaction can still commit or roll back. */
  public boolean isActive() {
    return active;
  }

  /** Whether this is a SAVEPOINT inside another transaction. */
  public boolean isNested() {
    return savepoint != null;
  }

  /**
   * Commits: the root transaction commits to the database; a nested one releases its savepoint.
   *
   * @throws dev.retort.error.InvalidRequestException when the transaction already ended
   */
  public void commit() {
    connection.end(this, true);
  }

  /**
   * Rolls back: the root transaction undoes everything; a nested one undoes what ran since it began
   * and leaves the enclosing transaction going.
   */
  public void rollback() {
    connection.end(this, false);
  }

  /** Rolls back if still active; otherwise does nothing. */
  @Override
  public void close() {
    if (active) {
      rollback();
    }
  }

  Savepoint savepoint() {
    return savepoint;
  }

  boolean implicit() {
    return implicit;
  }

  int isolationToRestore() {
    return isolationToRestore;
  }

  void deactivate() {
    active = false;
  }

  @Override
  public String toString() {
    return (isNested() ? "nested transaction" : implicit ? "implicit transaction" : "transaction")
        + (active ? " (active)" : " (ended)");
  }
}
