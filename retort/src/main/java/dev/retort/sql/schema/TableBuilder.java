package dev.retort.sql.schema;

import dev.retort.error.ArgumentException;
import dev.retort.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects a table's definition inside {@link MetaData#table(String, java.util.function.Consumer)}:
 * columns, then table-level keys, constraints and indexes. Used only while the table is defined;
 * the {@link Table} built from it is immutable.
 *
 * <pre>{@code
 * Table addresses = metadata.table("addresses", t -> {
 *   t.column("id", BIGINT).primaryKey().autoincrement();
 *   t.column("user_id", BIGINT).notNull().references("users.id").onDelete(CASCADE);
 *   t.column("email", string(200)).notNull().unique();
 *   t.index("ix_addresses_email", "email");
 * });
 * }</pre>
 */
public final class TableBuilder {
  final String name;
  String schema;
  final List<ColumnBuilder<?>> columns = new ArrayList<>();
  final List<String> primaryKey = new ArrayList<>();
  String primaryKeyName;
  final List<ConstraintBuilder> uniques = new ArrayList<>();
  final List<ConstraintBuilder> checks = new ArrayList<>();
  final List<ForeignKeyBuilder> foreignKeys = new ArrayList<>();
  final List<IndexBuilder> indexes = new ArrayList<>();

  TableBuilder(String name) {
    this.name = requireName(name, "table");
  }

  /** Places the table in a schema (a PostgreSQL schema, a MariaDB database). */
  public TableBuilder schema(String schema) {
    this.schema = requireName(schema, "schema");
    return this;
  }

  /** Adds a column; columns are created in the order they are added. */
  public <T> ColumnBuilder<T> column(String name, SqlType<T> type) {
    ColumnBuilder<T> column = new ColumnBuilder<>(this, requireName(name, "column"), type);
    columns.add(column);
    return column;
  }

  /** Declares the primary key, composite when several columns are given. */
  public TableBuilder primaryKey(String... columnNames) {
    if (columnNames.length == 0) {
      throw new ArgumentException("A primary key needs at least one column");
    }
    if (!primaryKey.isEmpty()) {
      throw new ArgumentException(
          "Table '"
              + name
              + "' declares its primary key twice: "
              + primaryKey
              + " and "
              + List.of(columnNames));
    }
    primaryKey.addAll(List.of(columnNames));
    return this;
  }

  /** Adds a UNIQUE constraint over the columns; name it with {@link ConstraintBuilder#name}. */
  public ConstraintBuilder unique(String... columnNames) {
    if (columnNames.length == 0) {
      throw new ArgumentException("A unique constraint needs at least one column");
    }
    ConstraintBuilder unique = new ConstraintBuilder(List.of(columnNames), null);
    uniques.add(unique);
    return unique;
  }

  /** Adds a CHECK constraint; the condition is SQL written into the DDL as is. */
  public ConstraintBuilder check(String condition) {
    if (Objects.requireNonNull(condition, "condition").isBlank()) {
      throw new ArgumentException("A check constraint needs a condition");
    }
    ConstraintBuilder check = new ConstraintBuilder(List.of(), condition);
    checks.add(check);
    return check;
  }

  /** Adds a foreign key from these columns; say what it refers to with {@code references}. */
  public ForeignKeyBuilder foreignKey(String... columnNames) {
    if (columnNames.length == 0) {
      throw new ArgumentException("A foreign key needs at least one column");
    }
    ForeignKeyBuilder fk = new ForeignKeyBuilder(List.of(columnNames));
    foreignKeys.add(fk);
    return fk;
  }

  /** Adds an index named {@code name} over the columns; make it unique with {@code unique()}. */
  public IndexBuilder index(String name, String... columnNames) {
    if (columnNames.length == 0) {
      throw new ArgumentException("An index needs at least one column");
    }
    IndexBuilder index = new IndexBuilder(requireName(name, "index"), List.of(columnNames));
    indexes.add(index);
    return index;
  }

  static String requireName(String name, String what) {
    if (Objects.requireNonNull(name, what + " name").isBlank()) {
      throw new ArgumentException("A " + what + " name must not be blank");
    }
    return name;
  }

  /** Options of one column; every method returns this builder for chaining. */
  public static final class ColumnBuilder<T> {
    private final TableBuilder table;
    final String name;
    final SqlType<T> type;
    boolean notNull;
    boolean primaryKey;
    boolean autoincrement;
    ServerDefault serverDefault;
    ForeignKeyBuilder foreignKey;

    ColumnBuilder(TableBuilder table, String name, SqlType<T> type) {
      this.table = table;
      this.name = name;
      this.type = Objects.requireNonNull(type, "type");
    }

    /** Makes this column the table's primary key (use the table's primaryKey for a composite). */
    public ColumnBuilder<T> primaryKey() {
      table.primaryKey(name);
      primaryKey = true;
      return this;
    }

    /**
     * Lets the database generate the value: an identity / auto-increment column. Only for the
     * single integer column of a primary key.
     */
    public ColumnBuilder<T> autoincrement() {
      autoincrement = true;
      return this;
    }

    /** Refuses NULL in this column. */
    public ColumnBuilder<T> notNull() {
      notNull = true;
      return this;
    }

    /** Adds a single-column UNIQUE constraint. */
    public ColumnBuilder<T> unique() {
      table.unique(name);
      return this;
    }

    /** Adds a non-unique index named {@code ix_<table>_<column>} on this column. */
    public ColumnBuilder<T> index() {
      table.index("ix_" + table.name + "_" + name, name);
      return this;
    }

    /** Has the database fill in this value when an INSERT leaves the column out. */
    public ColumnBuilder<T> serverDefault(T value) {
      serverDefault = new ServerDefault.Value(value);
      return this;
    }

    /** Has the database fill in this SQL expression (e.g. {@code CURRENT_TIMESTAMP}) by default. */
    public ColumnBuilder<T> serverDefaultSql(String expression) {
      serverDefault = new ServerDefault.Expression(expression);
      return this;
    }

    /**
     * Makes the column a foreign key to {@code "table.column"} (or {@code "schema.table.column"});
     * the table may be defined later in the same metadata.
     */
    public ColumnBuilder<T> references(String target) {
      int dot = target.lastIndexOf('.');
      if (dot <= 0 || dot == target.length() - 1) {
        throw new ArgumentException(
            "A column reference is written \"table.column\" or \"schema.table.column\", got \""
                + target
                + "\"");
      }
      foreignKey =
          table.foreignKey(name).references(target.substring(0, dot), target.substring(dot + 1));
      return this;
    }

    /** Makes the column a foreign key to a column of the same Java type. */
    public ColumnBuilder<T> references(Column<T> target) {
      foreignKey = table.foreignKey(name).references(target.table().fullName(), target.name());
      return this;
    }

    /** Sets the ON DELETE action of the foreign key made by {@code references}. */
    public ColumnBuilder<T> onDelete(ReferentialAction action) {
      requireForeignKey("onDelete").onDelete(action);
      return this;
    }

    /** Sets the ON UPDATE action of the foreign key made by {@code references}. */
    public ColumnBuilder<T> onUpdate(ReferentialAction action) {
      requireForeignKey("onUpdate").onUpdate(action);
      return this;
    }

    private ForeignKeyBuilder requireForeignKey(String method) {
      if (foreignKey == null) {
        throw new ArgumentException(
            "Column '" + name + "': call references(...) before " + method + "(...)");
      }
      return foreignKey;
    }
  }

  /** Options of a unique or check constraint. */
  public static final class ConstraintBuilder {
    final List<String> columns;
    final String condition;
    String name;

    ConstraintBuilder(List<String> columns, String condition) {
      this.columns = columns;
      this.condition = condition;
    }

    /** Names the constraint, so errors and later changes can refer to it. */
    public ConstraintBuilder name(String name) {
      this.name = requireName(name, "constraint");
      return this;
    }
  }

  /** Options of a foreign key. */
  public static final class ForeignKeyBuilder {
    final List<String> columns;
    String targetTable;
    List<String> targetColumns;
    ReferentialAction onDelete;
    ReferentialAction onUpdate;
    String name;

    ForeignKeyBuilder(List<String> columns) {
      this.columns = columns;
    }

    /**
     * Names the referenced table ({@code "table"} or {@code "schema.table"}) and its columns, one
     * per column of this key.
     */
    public ForeignKeyBuilder references(String table, String... columnNames) {
      if (columnNames.length != columns.size()) {
        throw new ArgumentException(
            "The foreign key "
                + columns
                + " has "
                + columns.size()
                + " column(s) but refers to "
                + columnNames.length
                + " of "
                + table
                + ": "
                + List.of(columnNames));
      }
      this.targetTable = requireName(table, "table");
      this.targetColumns = List.of(columnNames);
      return this;
    }

    /** Sets the ON DELETE action. */
    public ForeignKeyBuilder onDelete(ReferentialAction action) {
      this.onDelete = Objects.requireNonNull(action, "action");
      return this;
    }

    /** Sets the ON UPDATE action. */
    public ForeignKeyBuilder onUpdate(ReferentialAction action) {
      this.onUpdate = Objects.requireNonNull(action, "action");
      return this;
    }

    /** Names the constraint. */
    public ForeignKeyBuilder name(String name) {
      this.name = requireName(name, "constraint");
      return this;
    }
  }

  /** Options of an index. */
  public static final class IndexBuilder {
    final String name;
    final List<String> columns;
    boolean unique;

    IndexBuilder(String name, List<String> columns) {
      this.name = name;
      this.columns = columns;
    }

    /** Makes the index enforce uniqueness. */
    public IndexBuilder unique() {
      unique = true;
      return this;
    }
  }
}
