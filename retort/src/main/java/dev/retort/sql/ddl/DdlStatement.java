package dev.retort.sql.ddl;

import dev.retort.sql.Executable;

/**
 * A statement that creates or drops schema objects; run it like any statement with {@code
 * connection.execute(new CreateTable(users))}. Whether DDL takes part in a transaction depends on
 * the database (see {@code Dialect.supportsTransactionalDdl()}).
 */
public sealed interface DdlStatement extends Executable
    permits CreateTable, DropTable, CreateIndex, DropIndex {}
