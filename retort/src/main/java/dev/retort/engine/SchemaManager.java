package dev.retort.engine;

import dev.retort.sql.ddl.CreateIndex;
import dev.retort.sql.ddl.CreateTable;
import dev.retort.sql.ddl.DropTable;
import dev.retort.sql.schema.Index;
import dev.retort.sql.schema.MetaData;
import dev.retort.sql.schema.Table;
import java.util.List;

/**
 * Creates and drops every table of a {@link MetaData}, in foreign-key order: referenced tables are
 * created first and dropped last. Statements run on the caller's connection and in its transaction;
 * commit to keep them (MariaDB commits DDL on its own, since its DDL is not transactional).
 */
public final class SchemaManager {
  private SchemaManager() {}

  /**
   * Creates every table and its indexes; fails if one exists. See {@link #createAll(Connection,
   * MetaData, boolean)}.
   */
  public static void createAll(Connection connection, MetaData metadata) {
    createAll(connection, metadata, false);
  }

  /**
   * Creates every table and its indexes, referenced tables first. With {@code checkFirst}, tables
   * and indexes that already exist are left as they are ({@code IF NOT EXISTS}), so running it
   * again is harmless.
   *
   * @throws dev.retort.sql.schema.CircularDependencyException when foreign keys form a cycle;
   *     nothing has been created then
   */
  public static void createAll(Connection connection, MetaData metadata, boolean checkFirst) {
    List<Table> tables = metadata.sortedTables();
    for (Table table : tables) {
      CreateTable create = new CreateTable(table, checkFirst);
      connection.execute(create);
      for (Index index : table.indexes()) {
        connection.execute(new CreateIndex(index, checkFirst));
      }
    }
  }

  /**
   * Drops every table; fails if one is missing. See {@link #dropAll(Connection, MetaData,
   * boolean)}.
   */
  public static void dropAll(Connection connection, MetaData metadata) {
    dropAll(connection, metadata, false);
  }

  /**
   * Drops every table (with its indexes), referring tables first. With {@code checkFirst}, tables
   * that do not exist are skipped ({@code IF EXISTS}).
   *
   * @throws dev.retort.sql.schema.CircularDependencyException when foreign keys form a cycle;
   *     nothing has been dropped then
   */
  public static void dropAll(Connection connection, MetaData metadata, boolean checkFirst) {
    List<Table> tables = metadata.sortedTables().reversed();
    for (Table table : tables) {
      connection.execute(new DropTable(table, checkFirst));
    }
  }

  /** Creates every table in a transaction of its own, committed when all succeeded. */
  public static void createAll(Engine engine, MetaData metadata, boolean checkFirst) {
    engine.useTransaction(connection -> createAll(connection, metadata, checkFirst));
  }

  /** Drops every table in a transaction of its own, committed when all succeeded. */
  public static void dropAll(Engine engine, MetaData metadata, boolean checkFirst) {
    engine.useTransaction(connection -> dropAll(connection, metadata, checkFirst));
  }
}
