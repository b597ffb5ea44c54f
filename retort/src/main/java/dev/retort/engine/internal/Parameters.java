package dev.retort.engine.internal;

import dev.retort.error.ArgumentException;
import dev.retort.sql.compile.Compiled;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lines up the values for a compiled statement's placeholders from the statement's own values and
 * the caller's map, and refuses missing or unknown names before anything is sent.
 */
public final class Parameters {
  private Parameters() {}

  /**
   * Returns the value for each placeholder, in order: a value bound inside the statement (from
   * {@code bound}, by index) or a named parameter from {@code given}.
   *
   * @throws ArgumentException naming a missing parameter, or an unknown one with the closest known
   *     name
   */
  public static Object[] resolve(
      Compiled compiled, Object[] bound, Map<String, ?> given, String where) {
    List<String> names = compiled.parameterNames();
    if (given != null && !given.isEmpty()) {
      for (String key : given.keySet()) {
        if (!names.contains(key)) {
          throw unknown(key, names, where);
        }
      }
    }
    Object[] values = new Object[names.size()];
    for (int i = 0; i < values.length; i++) {
      int boundIndex = compiled.boundIndex(i);
      if (boundIndex >= 0) {
        values[i] = bound[boundIndex];
        continue;
      }
      String name = names.get(i);
      if (given != null && given.containsKey(name)) {
        values[i] = given.get(name);
      } else {
        throw missing(name, given, where);
      }
    }
    return values;
  }

  private static ArgumentException unknown(String key, List<String> names, String where) {
    Set<String> known = new LinkedHashSet<>(names);
    String hint = closest(key, known);
    return new ArgumentException(
        "Parameter '"
            + key
            + "' is not in the statement"
            + where
            + (known.isEmpty() ? ", which takes no parameters" : "; its parameters are " + known)
            + (hint == null ? "" : ". Did you mean '" + hint + "'?"));
  }

  private static ArgumentException missing(String name, Map<String, ?> given, String where) {
    Set<String> passed = given == null ? Set.of() : given.keySet();
    return new ArgumentException(
        "No value for parameter ':"
            + name
            + "'"
            + where
            + "; values were given for "
            + (passed.isEmpty() ? "none" : new ArrayList<>(passed))
            + " (write \\: for a literal colon)");
  }

  /** The known name closest to {@code key} by edit distance, if it is plausibly a typo. */
  private static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(key.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
