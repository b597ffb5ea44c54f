package dev.retort.orm;

import java.util.IdentityHashMap;

/**
 * The session's identity map: the persistent state of each row by mapped class and primary key.
 *
 * <p>One open-addressing table per class, keyed by the key value stored in each state ({@link
 * InstanceState#id}), so a lookup allocates nothing (no key object, no map entry) and a load of
 * many rows adds one array slot per row. A state's {@code id} must not change while it is in the
 * map: remove it first.
 */
final class IdentityMap {
  private final IdentityHashMap<Class<?>, Table> byType = new IdentityHashMap<>();
  // The last class asked for: a load asks for the same class once per row.
  private Class<?> lastType;
  private Table last;

  /** The state of the row of {@code type} with key {@code id}, or null. */
  InstanceState get(Class<?> type, Object id) {
    Table t = table(type, false);
    return t == null ? null : t.get(id);
  }

  /**
   * Puts a state under its class and key, replacing any other state of that row. A state without a
   * key has no row to stand for and is left out.
   */
  void put(InstanceState st) {
    if (st.id != null) {
      table(st.mapping.type(), true).put(st);
    }
  }

  /** Removes the entry of {@code st}'s row if it is {@code st} itself. */
  void removeIfSame(InstanceState st) {
    Table t = table(st.mapping.type(), false);
    if (t != null) {
      t.remove(st.id, st);
    }
  }

  /** The table of one class, for a loader reading many rows of it. */
  Table table(Class<?> type) {
    return table(type, true);
  }

  void clear() {
    byType.clear();
    lastType = null;
    last = null;
  }

  private Table table(Class<?> type, boolean create) {
    if (type == lastType) {
      return last;
    }
    Table t = byType.get(type);
    if (t == null) {
      if (!create) {
        return null;
      }
      t = new Table();
      byType.put(type, t);
    }
    lastType = type;
    last = t;
    return t;
  }

  /** The states of one class by key: linear probing, deletion by backward shift. */
  static final class Table {
    private static final int MIN_CAPACITY = 16;
    private InstanceState[] slots = new InstanceState[MIN_CAPACITY];
    private int size;
    private int shift = Integer.SIZE - Integer.numberOfTrailingZeros(MIN_CAPACITY);

    private int home(Object id) {
      // Fibonacci hashing: sequential keys spread over the table.
      return (id.hashCode() * 0x9E3779B9) >>> shift;
    }

    InstanceState get(Object id) {
      InstanceState[] s = slots;
      int mask = s.length - 1;
      for (int i = home(id); ; i = (i + 1) & mask) {
        InstanceState st = s[i];
        if (st == null) {
          return null;
        }
        if (st.id.equals(id)) {
          return st;
        }
      }
    }

    void put(InstanceState st) {
      if ((size + 1) * 2 > slots.length) {
        resize(slots.length * 2);
      }
      InstanceState[] s = slots;
      int mask = s.length - 1;
      for (int i = home(st.id); ; i = (i + 1) & mask) {
        InstanceState old = s[i];
        if (old == null) {
          s[i] = st;
          size++;
          return;
        }
        if (old.id.equals(st.id)) {
          s[i] = st;
          return;
        }
      }
    }

    /**
     * Puts a state known not to be in the table (a {@link #get} just missed), skipping the equality
     * checks.
     */
    void putNew(InstanceState st) {
      if ((size + 1) * 2 > slots.length) {
        resize(slots.length * 2);
      }
      InstanceState[] s = slots;
      int mask = s.length - 1;
      int i = home(st.id);
      while (s[i] != null) {
        i = (i + 1) & mask;
      }
      s[i] = st;
      size++;
    }

    void remove(Object id, InstanceState expected) {
      if (id == null) {
        return;
      }
      InstanceState[] s = slots;
      int mask = s.length - 1;
      int i = home(id);
      while (true) {
        InstanceState st = s[i];
        if (st == null) {
          return;
        }
        if (st.id.equals(id)) {
          if (st != expected) {
            return;
          }
          break;
        }
        i = (i + 1) & mask;
      }
      // Backward shift: move later entries of the probe run into the hole when their home allows.
      int hole = i;
      for (int j = (hole + 1) & mask; s[j] != null; j = (j + 1) & mask) {
        int h = home(s[j].id);
        // Move s[j] when its home is not in the cyclic range (hole, j].
        if (((j - h) & mask) >= ((j - hole) & mask)) {
          s[hole] = s[j];
          hole = j;
        }
      }
      s[hole] = null;
      size--;
    }

    private void resize(int capacity) {
      InstanceState[] old = slots;
      slots = new InstanceState[capacity];
      shift = Integer.SIZE - Integer.numberOfTrailingZeros(capacity);
      int mask = capacity - 1;
      for (InstanceState st : old) {
        if (st != null) {
          int i = home(st.id);
          while (slots[i] != null) {
            i = (i + 1) & mask;
          }
          slots[i] = st;
        }
      }
    }

    int size() {
      return size;
    }

    @Override
    public String toString() {
      return "IdentityMap.Table(" + size + " of " + slots.length + ")";
    }
  }
}
