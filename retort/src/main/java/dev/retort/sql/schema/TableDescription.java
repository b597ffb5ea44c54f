package dev.retort.sql.schema;

import dev.retort.sql.types.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * A table as a live database describes it, read by a {@link SchemaReader}: plain immutable data
 * that {@link MetaData#reflect(SchemaReader)} turns into a {@link Table}. Names are as the database
 * stores them; constraint names the database generated are reported like given ones.
 *
 * @param name the table's name
 * @param schema the table's schema, or {@code null} when it is the connection's current schema
 * @param columns the columns in table order
 * @param primaryKey the primary key, or {@code null} when the table has none
 * @param uniqueConstraints the UNIQUE constraints (not the primary key)
 * @param foreignKeys the foreign keys
 * @param indexes the indexes that back neither the primary key nor a unique constraint
 */
public record TableDescription(
    String name,
    String schema,
    List<ColumnDescription> columns,
    KeyDescription primaryKey,
    List<KeyDescription> uniqueConstraints,
    List<ForeignKeyDescription> foreignKeys,
    List<IndexDescription> indexes) {

  /** Checks names and copies the lists. */
  public TableDescription {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    uniqueConstraints = List.copyOf(uniqueConstraints);
    foreignKeys = List.copyOf(foreignKeys);
    indexes = List.copyOf(indexes);
  }

  /** The name a {@link MetaData} knows the table by: {@code schema.name}, or {@code name}. */
  public String fullName() {
    return schema == null ? name : schema + "." + name;
  }

  /** This description with other columns. */
  public TableDescription withColumns(List<ColumnDescription> columns) {
    return new TableDescription(
        name, schema, columns, primaryKey, uniqueConstraints, foreignKeys, indexes);
  }

  /** This description with another primary key ({@code null} for none). */
  public TableDescription withPrimaryKey(KeyDescription primaryKey) {
    return new TableDescription(
        name, schema, columns, primaryKey, uniqueConstraints, foreignKeys, indexes);
  }

  /** This description with other foreign keys. */
  public TableDescription withForeignKeys(List<ForeignKeyDescription> foreignKeys) {
    return new TableDescription(
        name, schema, columns, primaryKey, uniqueConstraints, foreignKeys, indexes);
  }

  /** This description with other unique constraints and indexes. */
  public TableDescription withUniqueConstraintsAndIndexes(
      List<KeyDescription> uniqueConstraints, List<IndexDescription> indexes) {
    return new TableDescription(
        name, schema, columns, primaryKey, uniqueConstraints, foreignKeys, indexes);
  }

  /**
   * A column.
   *
   * @param name the column's name
   * @param type the Retort type whose DDL matches the column's database type
   * @param nullable whether the column accepts NULL
   * @param autoincrement whether the database generates the value (identity, serial,
   *     AUTO_INCREMENT, SQLite AUTOINCREMENT)
   * @param serverDefault the default expression as the database reports it, or {@code null}
   */
  public record ColumnDescription(
      String name, SqlType<?> type, boolean nullable, boolean autoincrement, String serverDefault) {
    /** Checks name and type. */
    public ColumnDescription {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }

    /** This column with another type. */
    public ColumnDescription withType(SqlType<?> type) {
      return new ColumnDescription(name, type, nullable, autoincrement, serverDefault);
    }
  }

  /**
   * A primary key or unique constraint.
   *
   * @param name the constraint's name, or {@code null} when the database keeps none
   * @param columns the constrained columns, in key order
   */
  public record KeyDescription(String name, List<String> columns) {
    /** Copies the columns. */
    public KeyDescription {
      columns = List.copyOf(columns);
    }
  }

  /**
   * A foreign key.
   *
   * @param name the constraint's name, or {@code null} when the database keeps none
   * @param columns the referencing columns of this table
   * @param targetSchema the referenced table's schema, or {@code null} for the current schema
   * @param targetTable the referenced table's name
   * @param targetColumns the referenced columns, one per referencing column
   * @param onDelete the ON DELETE action the database reports
   * @param onUpdate the ON UPDATE action the database reports
   */
  public record ForeignKeyDescription(
      String name,
      List<String> columns,
      String targetSchema,
      String targetTable,
      List<String> targetColumns,
      ReferentialAction onDelete,
      ReferentialAction onUpdate) {
    /** Checks the target and copies the columns. */
    public ForeignKeyDescription {
      columns = List.copyOf(columns);
      Objects.requireNonNull(targetTable, "targetTable");
      targetColumns = List.copyOf(targetColumns);
      Objects.requireNonNull(onDelete, "onDelete");
      Objects.requireNonNull(onUpdate, "onUpdate");
    }

    /** The referenced table's full name: {@code schema.table}, or {@code table}. */
    public String targetFullName() {
      return targetSchema == null ? targetTable : targetSchema + "." + targetTable;
    }
  }

  /**
   * An index over plain columns.
   *
   * @param name the index's name
   * @param columns the indexed columns, in order
   * @param unique whether the index enforces uniqueness
   */
  public record IndexDescription(String name, List<String> columns, boolean unique) {
    /** Checks the name and copies the columns. */
    public IndexDescription {
      Objects.requireNonNull(name, "name");
      columns = List.copyOf(columns);
    }
  }
}
