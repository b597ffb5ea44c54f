package dev.retort.benchmarks.contender;

import static dev.retort.sql.Sql.insert;
import static dev.retort.sql.Sql.param;
import static dev.retort.sql.Sql.select;
import static dev.retort.sql.Sql.sum;
import static dev.retort.sql.Sql.update;
import static dev.retort.sql.types.SqlTypes.BIGINT;
import static dev.retort.sql.types.SqlTypes.INTEGER;

import dev.retort.benchmarks.BenchSchema;
import dev.retort.benchmarks.BenchSchema.ItemTable;
import dev.retort.benchmarks.Ids;
import dev.retort.benchmarks.Item;
import dev.retort.benchmarks.NewItem;
import dev.retort.engine.Result;
import dev.retort.sql.expr.Insert;
import dev.retort.sql.expr.Select;
import dev.retort.sql.expr.Update;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The Core statements both Retort contenders run, built the way an application writes them: a new
 * statement object per call with the values inside ({@code item.id.eq(id)}), so every call pays for
 * building the statement and finding its compiled form in the cache.
 */
final class RetortStatements {
  private final BenchSchema schema;
  private final ItemTable item;

  RetortStatements(BenchSchema schema) {
    this.schema = schema;
    this.item = schema.item;
  }

  /** One item by primary key. */
  Select get(long id) {
    return select(item.table).where(item.id.eq(id));
  }

  /** The first items of a category. */
  Select page(int category) {
    return select(item.table).where(item.category.eq(category)).orderBy(item.id).limit(Ids.PAGE);
  }

  /** The total quantity of a range of ids. */
  Select rangeSum(long start) {
    return select(sum(item.quantity)).where(item.id.between(start, start + Ids.RANGE - 1));
  }

  /** The first {@code rows} items. */
  Select hydrate(int rows) {
    return select(item.table).where(item.id.le((long) rows));
  }

  /** Executemany INSERT returning the generated keys. */
  Insert insertReturningKeys() {
    return insert(schema.inserted.table).returning(schema.inserted.id);
  }

  /** Every row of the update table. */
  Select loadAll() {
    return select(schema.updated.table);
  }

  /** Executemany UPDATE of one row's quantity by id, from parameters named quantity and id. */
  Update updateQuantity() {
    return update(schema.updated.table)
        .set(schema.updated.quantity, param("quantity", INTEGER))
        .where(schema.updated.id.eq(param("id", BIGINT)));
  }

  /** An account's balance, row-locked where the database has row locks. */
  Select balanceForUpdate(long account) {
    return select(schema.balance).where(schema.accountId.eq(account)).forUpdate();
  }

  /** Sets an account's balance. */
  Update setBalance(long account, long balance) {
    return update(schema.account).set(schema.balance, balance).where(schema.accountId.eq(account));
  }

  // ---- turning results into checksums and parameters ----

  static long checksumAll(List<Item> items) {
    long sum = 0;
    for (Item i : items) {
      sum += i.checksum();
    }
    return sum;
  }

  static long sumValue(Long value) {
    return value == null ? 0 : value;
  }

  static long distinctKeys(Result result) {
    return new HashSet<>(result.scalars(Long.class)).size();
  }

  static List<Map<String, Object>> insertParameters(List<NewItem> rows) {
    List<Map<String, Object>> parameters = new ArrayList<>(rows.size());
    for (NewItem row : rows) {
      parameters.add(
          Map.of(
              "name", row.name(),
              "category", row.category(),
              "quantity", row.quantity(),
              "price", row.price(),
              "note", row.note()));
    }
    return parameters;
  }

  static List<Map<String, Object>> quantityUpdates(List<Item> loaded) {
    List<Map<String, Object>> parameters = new ArrayList<>(loaded.size());
    for (Item i : loaded) {
      parameters.add(Map.of("quantity", i.quantity() + 1, "id", i.id()));
    }
    return parameters;
  }
}
