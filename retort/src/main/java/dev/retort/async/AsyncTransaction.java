package dev.retort.async;

import dev.retort.engine.Transaction;
import java.util.concurrent.CompletableFuture;

/** The async face of a {@link Transaction}; its operations run on the owning connection. */
public final class AsyncTransaction {
  private final AsyncConnection connection;
  private final Transaction transaction;

  AsyncTransaction(AsyncConnection connection, Transaction transaction) {
    this.connection = connection;
    this.transaction = transaction;
  }

  /** Whether the transaction can still commit or roll back. */
  public boolean isActive() {
    return transaction.isActive();
  }

  /** Whether this is a SAVEPOINT inside another transaction. */
  public boolean isNested() {
    return transaction.isNested();
  }

  /** Commits; see {@link Transaction#commit()}. */
  public CompletableFuture<Void> commit() {
    return connection.submit(
        transaction.isNested() ? "commit() of a nested transaction" : "commit()",
        c -> {
          transaction.commit();
          return null;
        });
  }

  /** Rolls back; see {@link Transaction#rollback()}. */
  public CompletableFuture<Void> rollback() {
    return connection.submit(
        transaction.isNested() ? "rollback() of a nested transaction" : "rollback()",
        c -> {
          transaction.rollback();
          return null;
        });
  }
}
