package dev.retort.orm;

import dev.retort.error.MultipleResultsException;
import dev.retort.error.NoResultException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The result of an ORM query: entities (one per row, de-duplicated when joined collections were
 * loaded), or {@link Tuple}s when several items were selected. All in memory.
 *
 * @param <R> the result type
 */
public final class OrmResult<R> implements Iterable<R> {
  private final List<R> items;

  OrmResult(List<R> items) {
    this.items = List.copyOf(items);
  }

  /** Every result. */
  public List<R> all() {
    return items;
  }

  /** Every result; the same as {@link #all()}, named as in SQLAlchemy. */
  public List<R> scalars() {
    return items;
  }

  /** The first result, if any. */
  public Optional<R> first() {
    return items.isEmpty() ? Optional.empty() : Optional.ofNullable(items.get(0));
  }

  /**
   * The only result.
   *
   * @throws NoResultException when there is none
   * @throws MultipleResultsException when there are several
   */
  public R one() {
    if (items.isEmpty()) {
      throw new NoResultException("The query returned no result; one() needs exactly one");
    }
    return oneOrNone().orElseThrow();
  }

  /**
   * The only result, or empty.
   *
   * @throws MultipleResultsException when there are several
   */
  public Optional<R> oneOrNone() {
    if (items.size() > 1) {
      throw new MultipleResultsException(
          "The query returned " + items.size() + " results where at most one was expected");
    }
    return first();
  }

  /** The results as a stream. */
  public Stream<R> stream() {
    return items.stream();
  }

  @Override
  public Iterator<R> iterator() {
    return items.iterator();
  }

  /** The number of results. */
  public int size() {
    return items.size();
  }
}
