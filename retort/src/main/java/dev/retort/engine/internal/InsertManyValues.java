package dev.retort.engine.internal;

import dev.retort.dialect.Dialect;
import dev.retort.sql.compile.BindWalker;
import dev.retort.sql.compile.Compiled;
import dev.retort.sql.expr.Expression;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Nodes;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans an executemany INSERT as multi-row {@code VALUES} statements ("insertmanyvalues"): the page
 * size that fits the dialect's parameter limit, the statement for a page, and the values for its
 * placeholders, taken from each row's values for the single-row statement.
 */
public final class InsertManyValues {
  /** Rows per statement at most, whatever the parameter limit allows. */
  public static final int MAX_ROWS_PER_PAGE = 1000;

  private final Insert single;
  private final Compiled singleCompiled;
  private final int pageSize;
  private final Map<String, Integer> positions = new HashMap<>();
  private final Map<Integer, int[][]> layouts = new HashMap<>();

  /** Plans the pages for an insert compiled for one row. */
  public InsertManyValues(Insert single, Compiled singleCompiled, Dialect dialect) {
    this.single = single;
    this.singleCompiled = singleCompiled;
    List<String> names = singleCompiled.parameterNames();
    int perRow = 0;
    for (int i = 0; i < names.size(); i++) {
      positions.putIfAbsent(names.get(i), i);
      if (isRowParameter(names.get(i))) {
        perRow++;
      }
    }
    int shared = names.size() - perRow;
    int byLimit = perRow == 0 ? MAX_ROWS_PER_PAGE : (dialect.maxParameters() - shared) / perRow;
    this.pageSize = Math.max(1, Math.min(MAX_ROWS_PER_PAGE, byLimit));
  }

  /**
   * Whether an executemany of this insert goes through multi-row VALUES: its values come from the
   * parameters, and it wants RETURNING rows the dialect can give, or the driver's own batching
   * would not report how many rows it inserted.
   */
  public static boolean applies(Insert insert, Dialect dialect) {
    if (insert.select() != null || insert.rows().size() != 1) {
      return false;
    }
    for (Expression<?> e : insert.rows().get(0)) {
      if (!(e instanceof Nodes.Param<?>)) {
        return false;
      }
    }
    return insert.returning().isEmpty()
        ? !dialect.supportsBatchInsertRowCount()
        : dialect.supportsReturning();
  }

  /** Rows per statement. */
  public int pageSize() {
    return pageSize;
  }

  /** The insert with {@code rows} rows of the same parameters. */
  public Insert statementFor(int rows) {
    return new Insert(
        single.table(),
        single.columns(),
        Collections.nCopies(rows, single.rows().get(0)),
        null,
        single.returning(),
        single.upsert());
  }

  /** The values for a page's placeholders, from each row's values for the single-row statement. */
  public Object[] values(Compiled page, List<Object[]> rows) {
    int[][] layout = layouts.computeIfAbsent(rows.size(), n -> layout(page));
    int[] rowOf = layout[0];
    int[] positionOf = layout[1];
    Object[] values = new Object[rowOf.length];
    for (int j = 0; j < values.length; j++) {
      values[j] = rows.get(rowOf[j])[positionOf[j]];
    }
    return values;
  }

  /**
   * For each placeholder of the page: which row and which single-row position fills it. The k-th
   * use of a row parameter belongs to row k; other values are the same for every row.
   */
  private int[][] layout(Compiled page) {
    List<String> names = page.parameterNames();
    int[] rowOf = new int[names.size()];
    int[] positionOf = new int[names.size()];
    Map<String, Integer> seen = new HashMap<>();
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j);
      Integer position = positions.get(name);
      if (position == null) {
        throw new IllegalStateException(
            "multi-row insert parameter " + name + " not in " + singleCompiled.sql());
      }
      positionOf[j] = position;
      rowOf[j] = isRowParameter(name) ? seen.merge(name, 1, Integer::sum) - 1 : 0;
    }
    return new int[][] {rowOf, positionOf};
  }

  private static boolean isRowParameter(String name) {
    return !BindWalker.isBound(name);
  }
}
