package dev.retort.sql.schema;

import dev.retort.sql.expr.Expression;
import dev.retort.sql.types.SqlType;
import java.util.Optional;

/**
 * A column of a {@link Table}, typed by the Java type of its values so that statements built from
 * it accept only values of that type. Get one with {@link Table#column(String, Class)}, typically
 * into a constant: {@code static final Column<String> NAME = USERS.column("name", String.class)}.
 * It is an {@link Expression}: {@code NAME.eq("Ann")}, {@code NAME.like("A%")}. Immutable; two
 * columns are equal only if they are the same object.
 *
 * @param <T> the Java type of the column's values
 */
public final class Column<T> implements Expression<T> {
  private final Table table;
  private final String name;
  private final SqlType<T> type;
  private final boolean nullable;
  private final boolean primaryKey;
  private final boolean autoincrement;
  private final ServerDefault serverDefault;

  Column(
      Table table,
      String name,
      SqlType<T> type,
      boolean nullable,
      boolean primaryKey,
      boolean autoincrement,
      ServerDefault serverDefault) {
    this.table = table;
    this.name = name;
    this.type = type;
    this.nullable = nullable;
    this.primaryKey = primaryKey;
    this.autoincrement = autoincrement;
    this.serverDefault = serverDefault;
  }

  /** The table the column belongs to. */
  public Table table() {
    return table;
  }

  /** The column's name as the database knows it. */
  public String name() {
    return name;
  }

  /** The column's SQL type. */
  @Override
  public SqlType<T> type() {
    return type;
  }

  /** The Java class of the column's values. */
  @Override
  public Class<T> javaType() {
    return type.javaType();
  }

  /** Whether the column accepts NULL; primary key columns never do. */
  public boolean nullable() {
    return nullable;
  }

  /** Whether the column is part of the table's primary key. */
  public boolean primaryKey() {
    return primaryKey;
  }

  /** Whether the database generates the column's value (an identity / auto-increment column). */
  public boolean autoincrement() {
    return autoincrement;
  }

  /** The default the database fills in when an INSERT leaves the column out, if any. */
  public Optional<ServerDefault> serverDefault() {
    return Optional.ofNullable(serverDefault);
  }

  /** The column as {@code table.column}, e.g. {@code users.name}. */
  @Override
  public String toString() {
    return table.fullName() + "." + name;
  }
}
