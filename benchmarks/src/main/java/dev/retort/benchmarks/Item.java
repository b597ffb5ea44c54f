package dev.retort.benchmarks;

/**
 * A row of {@code bench_item} (and of the insert and update tables) as the Core contenders hydrate
 * it: one record per row.
 *
 * @param id primary key
 * @param name never null
 * @param category 0 to 99
 * @param quantity 0 to 999
 * @param price 0.00 to 99.99
 * @param note null for every third row
 */
public record Item(long id, String name, int category, int quantity, double price, String note) {
  /** Categories in {@code bench_item}. */
  public static final int CATEGORIES = 100;

  /** The seeded row with this id. */
  public static Item seeded(long id) {
    return new Item(
        id,
        "item-" + id,
        (int) (id % CATEGORIES),
        (int) ((id * 37) % 1000),
        (id % 10_000) / 100.0,
        id % 3 == 0 ? null : "note " + (id % 97));
  }

  /** A number that depends on every column, so a checksum proves all of them were read. */
  public long checksum() {
    return checksum(id, name, category, quantity, price, note);
  }

  /** {@link #checksum()} for contenders that hydrate into their own types (entities). */
  public static long checksum(
      long id, String name, int category, int quantity, double price, String note) {
    return id * 31
        + name.length()
        + category
        + quantity
        + Math.round(price * 100)
        + (note == null ? 0 : note.length());
  }
}
