/** DDL statements: CREATE / DROP of tables and indexes defined in {@link dev.retort.sql.schema}. */
package dev.retort.sql.ddl;
