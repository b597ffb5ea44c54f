package dev.retort.sql.schema;

import java.util.List;
import java.util.Set;

/**
 * Something that can describe the tables of a live database, such as an engine {@code Connection}.
 * {@link MetaData#reflect(SchemaReader)} turns the descriptions into {@link Table}s.
 */
public interface SchemaReader {
  /**
   * Describes tables (not views) of a schema as the database holds them, ordered by name.
   *
   * @param schema the schema to read (a PostgreSQL schema, a MariaDB database), or {@code null} for
   *     the connection's current one; tables of the current schema are described without a schema
   * @param tableNames the tables to describe, by exact name; empty for every table of the schema
   * @throws dev.retort.error.ArgumentException naming the tables that do not exist, when one of
   *     {@code tableNames} is missing
   * @throws dev.retort.error.NotSupportedException when a column has a type Retort has no {@link
   *     dev.retort.sql.types.SqlType} for, or the database cannot describe that schema
   */
  List<TableDescription> describeTables(String schema, Set<String> tableNames);
}
