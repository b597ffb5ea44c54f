package dev.retort.engine.internal;

import dev.retort.dialect.ColumnReader;
import dev.retort.dialect.Dialect;
import dev.retort.error.ArgumentException;
import dev.retort.error.InvalidRequestException;
import dev.retort.sql.Executable;
import dev.retort.sql.compile.Compiled;
import dev.retort.sql.expr.Delete;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Nodes;
import dev.retort.sql.expr.SelectStatement;
import dev.retort.sql.expr.Update;
import dev.retort.sql.schema.Column;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The columns of a result, shared by all its rows: names, a name index, how to read each column and
 * how to convert values, and the record mappers built for it.
 */
public final class RowShape {
  private static final int AMBIGUOUS = -1;

  private final List<String> names;
  private final Map<String, Integer> exact;
  private final Map<String, Integer> folded;
  private final ColumnReader[] readers;
  private final Dialect dialect;
  private final Map<Class<?>, RecordMapper<?>> mappers;
  private final Map<Class<?>, RowReader<?>> typedReaders;
  private final Map<List<Class<?>>, ColumnReader[]> valueReaders;
  private final List<Expression<?>> expressions;

  private RowShape(String[] names, ColumnReader[] readers, Dialect dialect) {
    this.names = List.of(names);
    this.readers = readers;
    this.dialect = dialect;
    this.mappers = new ConcurrentHashMap<>();
    this.typedReaders = new ConcurrentHashMap<>();
    this.valueReaders = new ConcurrentHashMap<>();
    this.expressions = List.of();
    this.exact = new HashMap<>();
    this.folded = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      exact.merge(names[i], i, (a, b) -> AMBIGUOUS);
      folded.merge(names[i].toLowerCase(Locale.ROOT), i, (a, b) -> AMBIGUOUS);
    }
  }

  /** The same columns, readers and record mappers, read by other expressions. */
  private RowShape(RowShape base, List<Expression<?>> expressions) {
    this.names = base.names;
    this.readers = base.readers;
    this.dialect = base.dialect;
    this.mappers = base.mappers;
    this.typedReaders = base.typedReaders;
    this.valueReaders = base.valueReaders;
    this.exact = base.exact; // never changed after construction
    this.folded = base.folded;
    this.expressions = expressions;
  }

  /**
   * The shape of a compiled statement's result: described from the driver's metadata the first
   * time, then kept with the compiled statement, so repeated queries skip reading column names and
   * types (costly on SQLite) and share their record mappers. Only expression-language statements
   * are kept, since their SQL names every column; plain SQL such as {@code SELECT *} may change
   * shape when a table does.
   */
  public static RowShape of(Compiled compiled, ResultSetMetaData meta, Dialect dialect)
      throws SQLException {
    if (compiled.resultColumns().isEmpty()) {
      return of(meta, dialect);
    }
    if (compiled.resultShape() instanceof RowShape known
        && known.readers.length == meta.getColumnCount()) {
      return known;
    }
    RowShape shape = of(meta, dialect);
    compiled.resultShape(shape);
    return shape;
  }

  /** Describes a cursor's columns and picks the dialect's reader for each. */
  public static RowShape of(ResultSetMetaData meta, Dialect dialect) throws SQLException {
    int count = meta.getColumnCount();
    String[] names = new String[count];
    ColumnReader[] readers = new ColumnReader[count];
    for (int i = 0; i < count; i++) {
      names[i] = meta.getColumnLabel(i + 1);
      readers[i] = dialect.columnReader(meta, i + 1);
    }
    return new RowShape(names, readers, dialect);
  }

  /**
   * Like {@link #of(ResultSetMetaData, Dialect)} but with the given column names where the driver's
   * labels are not meaningful (generated keys); the driver's labels are kept when the counts
   * differ.
   */
  public static RowShape of(ResultSetMetaData meta, Dialect dialect, List<String> names)
      throws SQLException {
    RowShape shape = of(meta, dialect);
    if (shape.names.size() != names.size()) {
      return shape;
    }
    return new RowShape(names.toArray(String[]::new), shape.readers, dialect);
  }

  /**
   * The expressions a statement returns, taken from the statement being run rather than from its
   * cached compiled form: an equal statement compiled earlier holds other expression objects, and
   * two selected expressions may be equal in structure (bound values take no part in equality), so
   * only the statement's own objects tell them apart.
   */
  public static List<Expression<?>> resultExpressions(Executable statement, Compiled compiled) {
    return switch (statement) {
      case SelectStatement s -> s.selectedExpressions();
      case Insert i -> i.returning();
      case Update u -> u.returning();
      case Delete d -> d.returning();
      default -> compiled.resultColumns();
    };
  }

  /**
   * Gives the shape the expressions a compiled statement returns, so rows can be read by
   * expression; ignored when the counts differ (the driver added or dropped columns).
   */
  public RowShape withExpressions(List<Expression<?>> selected) {
    return selected.size() == names.size() && selected != expressions
        ? new RowShape(this, selected)
        : this;
  }

  /**
   * The index of the column a selected expression is read from: the same expression object, else an
   * equal one, else (for a column or label) its name.
   *
   * @throws ArgumentException when the statement did not select it
   */
  public int indexOf(Expression<?> expression) {
    for (int i = 0; i < expressions.size(); i++) {
      if (expressions.get(i) == expression) {
        return i;
      }
    }
    int found = expressions.indexOf(expression);
    if (found >= 0) {
      return found;
    }
    if (expression instanceof Column<?> || expression instanceof Nodes.Label<?>) {
      String name =
          expression instanceof Column<?> c ? c.name() : ((Nodes.Label<?>) expression).name();
      int byName = find(name);
      if (byName >= 0) {
        return byName;
      }
    }
    throw new ArgumentException(
        "The result has no column for "
            + expression
            + "; its columns are "
            + (expressions.isEmpty() ? names : expressions));
  }

  /** Reads the cursor's current row. */
  public Object[] read(ResultSet rs) throws SQLException {
    Object[] values = new Object[readers.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = readers[i].read(rs);
    }
    return values;
  }

  /** The column names (labels), in order. */
  public List<String> names() {
    return names;
  }

  /** The dialect whose conversions typed access uses. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The index of a column by name: an exact match first, else a case-insensitive one.
   *
   * @throws ArgumentException when no column has the name
   * @throws InvalidRequestException when several columns share it
   */
  public int indexOf(String name) {
    Integer index = exact.get(name);
    if (index == null) {
      index = folded.get(name.toLowerCase(Locale.ROOT));
    }
    if (index == null) {
      throw new ArgumentException(
          "No column '" + name + "' in the result; its columns are " + names);
    }
    if (index == AMBIGUOUS) {
      throw new InvalidRequestException(
          "Column name '"
              + name
              + "' is ambiguous: the result has several columns of that name "
              + names
              + "; give them distinct labels with AS");
    }
    return index;
  }

  /** Finds a column by name without failing: -1 when absent or ambiguous. */
  int find(String name) {
    Integer index = exact.get(name);
    if (index == null) {
      index = folded.get(name.toLowerCase(Locale.ROOT));
    }
    return index == null ? AMBIGUOUS : index;
  }

  /** The mapper from rows of this shape to a record type, built once. */
  @SuppressWarnings("unchecked")
  public <R> RecordMapper<R> mapper(Class<R> type) {
    return (RecordMapper<R>) mappers.computeIfAbsent(type, t -> new RecordMapper<>(type, this));
  }

  /**
   * Reads rows of this shape straight from the cursor as {@code type}: a record (see {@link
   * RecordMapper}), or any other type from the first column, converted exactly. Built once per type
   * from the cursor's metadata.
   */
  @SuppressWarnings("unchecked")
  public <R> RowReader<R> reader(Class<R> type, ResultSetMetaData meta) throws SQLException {
    RowReader<R> reader = (RowReader<R>) typedReaders.get(type);
    if (reader == null) {
      if (type.isRecord()) {
        reader = mapper(type).reader(meta);
      } else {
        MethodHandle read =
            typedColumn(0, type, type.getSimpleName()).handle(meta.getColumnType(1));
        reader = RowReader.of(read.asType(MethodType.methodType(Object.class, ResultSet.class)));
      }
      typedReaders.put(type, reader);
    }
    return reader;
  }

  /**
   * Readers of every column converted to {@code types} (boxed; null or {@code Object} for the value
   * as the driver returns it), built once per list of types from the cursor's metadata.
   *
   * @throws ArgumentException when the counts differ
   */
  public ColumnReader[] valueReaders(List<Class<?>> types, ResultSetMetaData meta)
      throws SQLException {
    ColumnReader[] found = valueReaders.get(types);
    if (found == null) {
      if (types.size() != readers.length) {
        throw new ArgumentException(
            types.size() + " column types given for a result of " + readers.length + " columns");
      }
      found = new ColumnReader[readers.length];
      for (int i = 0; i < found.length; i++) {
        Class<?> type = types.get(i);
        found[i] =
            type == null || type == Object.class
                ? readers[i]
                : typedColumn(i, type, type.getSimpleName()).boxed(meta.getColumnType(i + 1));
      }
      valueReaders.put(types, found);
    }
    return found;
  }

  /** Column {@code index} read as {@code type} into {@code target} (named in messages). */
  TypedColumn typedColumn(int index, Class<?> type, String target) {
    return new TypedColumn(index, names.get(index), readers[index], type, dialect, target);
  }

  @Override
  public String toString() {
    return Arrays.toString(names.toArray());
  }
}
