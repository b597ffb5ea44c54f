package dev.retort.orm;

import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every object of a session in the order it joined (flushes write in that order), with a lookup
 * from object to state.
 *
 * <p>Joining is an array append. The lookup by object is built lazily, on the first {@link #get}
 * after objects joined: a load of many rows whose objects are never looked up again (the common
 * read-only query, or a load-change-flush without relationships) never hashes them. Leaving leaves
 * a hole that a later append compacts away.
 */
final class StateTable implements Iterable<InstanceState> {
  private InstanceState[] slots = new InstanceState[16];
  private int end; // slots in use, holes included
  private int size; // states in the table
  private int indexed; // slots [0, indexed) are in byEntity
  private int compactions; // fails iterators that would skip or repeat states
  private int related; // states whose class has relationships
  private final IdentityHashMap<Object, InstanceState> byEntity = new IdentityHashMap<>();

  /** Adds a state whose object is not in the table. */
  void add(InstanceState st) {
    if (end == slots.length) {
      makeRoom(1);
    }
    st.slot = end;
    slots[end++] = st;
    size++;
    if (!st.mapping.relationships().isEmpty()) {
      related++;
    }
  }

  /** Removes the state if it is in the table. */
  void remove(InstanceState st) {
    int i = st.slot;
    if (i < 0 || i >= end || slots[i] != st) {
      return;
    }
    slots[i] = null;
    st.slot = -1;
    size--;
    if (!st.mapping.relationships().isEmpty()) {
      related--;
    }
    if (i < indexed) {
      byEntity.remove(st.entity);
    }
  }

  /** Whether this very state is in the table. */
  boolean contains(InstanceState st) {
    int i = st.slot;
    return i >= 0 && i < end && slots[i] == st;
  }

  /** The state of the object, or null. */
  InstanceState get(Object entity) {
    if (indexed < end) {
      for (int i = indexed; i < end; i++) {
        InstanceState st = slots[i];
        if (st != null) {
          byEntity.put(st.entity, st);
        }
      }
      indexed = end;
    }
    return byEntity.get(entity);
  }

  int size() {
    return size;
  }

  /**
   * Whether some object's class has relationships: when none has, a flush skips every pass that
   * only follows relationships.
   */
  boolean anyRelated() {
    return related > 0;
  }

  /** The states now in the table, in order: a copy, safe to change the table while reading. */
  List<InstanceState> snapshot() {
    InstanceState[] out = new InstanceState[size];
    int n = 0;
    for (int i = 0; i < end; i++) {
      if (slots[i] != null) {
        out[n++] = slots[i];
      }
    }
    return Arrays.asList(out);
  }

  void clear() {
    // States keep their stale slot numbers: contains() and remove() check the slot holds them.
    // Drop big arrays rather than clearing them: a closed session may be kept around.
    slots = new InstanceState[16];
    end = 0;
    size = 0;
    related = 0;
    indexed = 0;
    compactions++;
    byEntity.clear();
  }

  /**
   * Iterates in order. States removed during the iteration are skipped when not yet reached; states
   * added during it are visited, unless the add had to compact the table, which fails the iterator
   * with a {@link ConcurrentModificationException}.
   */
  @Override
  public Iterator<InstanceState> iterator() {
    return new Iterator<>() {
      private final int expected = compactions;
      private int next = advance(0);

      private int advance(int from) {
        int i = from;
        while (i < end && slots[i] == null) {
          i++;
        }
        return i;
      }

      @Override
      public boolean hasNext() {
        check();
        next = advance(next);
        return next < end;
      }

      @Override
      public InstanceState next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return slots[next++];
      }

      private void check() {
        if (compactions != expected) {
          throw new ConcurrentModificationException(
              "The session's objects were compacted during an iteration");
        }
      }
    };
  }

  private void makeRoom(int more) {
    int live = size;
    if (live + more <= slots.length / 2 && end > live) {
      // At least half are holes: compact in place, in order.
      int indexedLive = 0;
      int n = 0;
      for (int i = 0; i < end; i++) {
        InstanceState st = slots[i];
        if (st != null) {
          if (i < indexed) {
            indexedLive++;
          }
          st.slot = n;
          slots[n++] = st;
        }
      }
      Arrays.fill(slots, n, end, null);
      end = n;
      indexed = indexedLive;
      compactions++;
      return;
    }
    int capacity = Math.max(slots.length * 2, end + more);
    slots = Arrays.copyOf(slots, capacity);
  }
}
