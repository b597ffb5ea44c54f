package dev.retort.orm;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The parameters of one row of a batched statement as a read-only map: the names are shared by
 * every row of the batch, the values are the row's own array. A flush of many rows makes one small
 * array per row instead of a hash map with an entry per parameter.
 */
final class RowParameters extends AbstractMap<String, Object> {
  /** The parameter names of a batch, in order, with their set made once. */
  static final class Names {
    private final String[] names;
    private final Set<String> set;

    Names(List<String> names) {
      this.names = names.toArray(String[]::new);
      this.set = Collections.unmodifiableSet(new LinkedHashSet<>(names));
      if (set.size() != this.names.length) {
        throw new IllegalArgumentException("Duplicate parameter names: " + names);
      }
    }

    int indexOf(Object name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }

  private final Names names;
  private final Object[] values;

  RowParameters(Names names, Object[] values) {
    if (values.length != names.names.length) {
      throw new IllegalArgumentException(
          values.length + " values for " + names.names.length + " parameters " + names.set);
    }
    this.names = names;
    this.values = values;
  }

  @Override
  public Object get(Object key) {
    int i = names.indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return names.indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Set<String> keySet() {
    return names.set;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(names.names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
