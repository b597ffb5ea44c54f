package dev.retort.sql.schema;

import dev.retort.error.ArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Columns of this table that refer to the key of another (or the same) table. The target is held by
 * name and resolved through the {@link MetaData} when needed, so a table may refer to one that is
 * defined later. Immutable.
 */
public final class ForeignKey extends Constraint {
  private final String targetTableName;
  private final List<String> targetColumnNames;
  private final ReferentialAction onDelete;
  private final ReferentialAction onUpdate;

  ForeignKey(
      Table table,
      String name,
      List<Column<?>> columns,
      String targetTableName,
      List<String> targetColumnNames,
      ReferentialAction onDelete,
      ReferentialAction onUpdate) {
    super(table, name, columns);
    this.targetTableName = targetTableName;
    this.targetColumnNames = List.copyOf(targetColumnNames);
    this.onDelete = onDelete;
    this.onUpdate = onUpdate;
  }

  /** The referenced table's full name ({@code schema.table} or {@code table}) as written. */
  public String targetTableName() {
    return targetTableName;
  }

  /**
   * The referenced table, looked up in this table's metadata.
   *
   * @throws ArgumentException when the metadata has no such table
   */
  public Table targetTable() {
    return table()
        .metadata()
        .findTable(targetTableName)
        .orElseThrow(
            () ->
                new ArgumentException(
                    "The foreign key "
                        + this
                        + " refers to table '"
                        + targetTableName
                        + "', which is not defined in the same MetaData; defined tables: "
                        + table().metadata().tables().stream().map(Table::fullName).toList()));
  }

  /**
   * The referenced columns, in the order of {@link #columns()}.
   *
   * @throws ArgumentException when the target table or one of its columns does not exist
   */
  public List<Column<?>> targetColumns() {
    Table target = targetTable();
    List<Column<?>> resolved = new ArrayList<>();
    for (String name : targetColumnNames) {
      resolved.add(target.column(name));
    }
    return resolved;
  }

  /** What happens to referencing rows when the referenced row is deleted, if stated. */
  public Optional<ReferentialAction> onDelete() {
    return Optional.ofNullable(onDelete);
  }

  /** What happens to referencing rows when the referenced key is updated, if stated. */
  public Optional<ReferentialAction> onUpdate() {
    return Optional.ofNullable(onUpdate);
  }

  @Override
  public String toString() {
    return table().fullName()
        + columns().stream().map(Column::name).toList()
        + " -> "
        + targetTableName
        + targetColumnNames;
  }
}
