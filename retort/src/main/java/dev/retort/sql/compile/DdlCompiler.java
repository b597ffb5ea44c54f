package dev.retort.sql.compile;

import dev.retort.sql.ddl.CreateIndex;
import dev.retort.sql.ddl.CreateTable;
import dev.retort.sql.ddl.DdlStatement;
import dev.retort.sql.ddl.DropIndex;
import dev.retort.sql.ddl.DropTable;
import dev.retort.sql.schema.CheckConstraint;
import dev.retort.sql.schema.Column;
import dev.retort.sql.schema.Constraint;
import dev.retort.sql.schema.ForeignKey;
import dev.retort.sql.schema.Index;
import dev.retort.sql.schema.ServerDefault;
import dev.retort.sql.schema.Table;
import dev.retort.sql.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles {@link DdlStatement}s to SQL for one dialect. Dialect-neutral: native type names,
 * identity columns, quoting and literals come from the {@link DdlDialect}.
 */
public final class DdlCompiler {
  private final DdlDialect dialect;

  /** Creates a compiler that renders through the dialect's hooks. */
  public DdlCompiler(DdlDialect dialect) {
    this.dialect = dialect;
  }

  /** Compiles a DDL statement; DDL has no parameters. */
  public Compiled compile(DdlStatement statement) {
    String sql =
        switch (statement) {
          case CreateTable c -> createTable(c);
          case DropTable d ->
              "DROP TABLE " + (d.skipMissing() ? "IF EXISTS " : "") + tableName(d.table());
          case CreateIndex c -> createIndex(c);
          case DropIndex d -> dropIndex(d);
        };
    return new Compiled(sql, List.of(), List.of());
  }

  private String createTable(CreateTable create) {
    Table table = create.table();
    List<String> parts = new ArrayList<>();
    boolean identityHasKey = false;
    for (Column<?> column : table.columns()) {
      parts.add(columnDefinition(column));
      identityHasKey |= column.autoincrement() && dialect.identityDeclaresPrimaryKey();
    }
    if (!identityHasKey) {
      table
          .primaryKey()
          .ifPresent(
              pk -> parts.add(constraintName(pk) + "PRIMARY KEY " + columnList(pk.columns())));
    }
    for (UniqueConstraint unique : table.uniqueConstraints()) {
      parts.add(constraintName(unique) + "UNIQUE " + columnList(unique.columns()));
    }
    for (CheckConstraint check : table.checkConstraints()) {
      parts.add(constraintName(check) + "CHECK (" + check.condition() + ")");
    }
    for (ForeignKey fk : table.foreignKeys()) {
      parts.add(foreignKey(fk));
    }
    return "CREATE TABLE "
        + (create.skipExisting() ? "IF NOT EXISTS " : "")
        + tableName(table)
        + " (\n  "
        + String.join(",\n  ", parts)
        + "\n)";
  }

  private String columnDefinition(Column<?> column) {
    StringBuilder sql = new StringBuilder(dialect.identifier(column.name())).append(' ');
    if (column.autoincrement()) {
      return sql.append(dialect.identityColumn(column.type())).toString();
    }
    sql.append(dialect.typeName(column.type()));
    if (!column.nullable()) {
      sql.append(" NOT NULL");
    }
    column
        .serverDefault()
        .ifPresent(
            d ->
                sql.append(" DEFAULT ")
                    .append(
                        switch (d) {
                          // Parenthesized so any expression is accepted (SQLite, MariaDB need it).
                          case ServerDefault.Expression e -> "(" + e.sql() + ")";
                          case ServerDefault.Value v -> dialect.literal(v.value(), column.type());
                        }));
    return sql.toString();
  }

  private String foreignKey(ForeignKey fk) {
    StringBuilder sql =
        new StringBuilder(constraintName(fk))
            .append("FOREIGN KEY ")
            .append(columnList(fk.columns()))
            .append(" REFERENCES ")
            .append(tableName(fk.targetTable()))
            .append(' ')
            .append(columnList(fk.targetColumns()));
    fk.onDelete().ifPresent(a -> sql.append(" ON DELETE ").append(a.sql()));
    fk.onUpdate().ifPresent(a -> sql.append(" ON UPDATE ").append(a.sql()));
    return sql.toString();
  }

  private String createIndex(CreateIndex create) {
    Index index = create.index();
    Table table = index.table();
    boolean qualifyIndex = dialect.schemaQualifiesIndexName();
    return "CREATE "
        + (index.unique() ? "UNIQUE " : "")
        + "INDEX "
        + (create.skipExisting() ? "IF NOT EXISTS " : "")
        + (qualifyIndex ? qualified(table, index.name()) : dialect.identifier(index.name()))
        + " ON "
        + (qualifyIndex ? dialect.identifier(table.name()) : tableName(table))
        + " "
        + columnList(index.columns());
  }

  private String dropIndex(DropIndex drop) {
    Index index = drop.index();
    String prefix = "DROP INDEX " + (drop.skipMissing() ? "IF EXISTS " : "");
    return dialect.dropIndexNamesTable()
        ? prefix + dialect.identifier(index.name()) + " ON " + tableName(index.table())
        : prefix + qualified(index.table(), index.name());
  }

  private String tableName(Table table) {
    return qualified(table, table.name());
  }

  /** A name in the table's schema: {@code schema.name}, or {@code name} without a schema. */
  private String qualified(Table table, String name) {
    return table.schema().map(s -> dialect.identifier(s) + ".").orElse("")
        + dialect.identifier(name);
  }

  private String constraintName(Constraint constraint) {
    return constraint.name().map(n -> "CONSTRAINT " + dialect.identifier(n) + " ").orElse("");
  }

  private String columnList(List<Column<?>> columns) {
    return "("
        + String.join(", ", columns.stream().map(c -> dialect.identifier(c.name())).toList())
        + ")";
  }
}
