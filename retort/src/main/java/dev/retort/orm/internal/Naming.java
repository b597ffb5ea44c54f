package dev.retort.orm.internal;

import java.util.Locale;

/** Default names: Java's camelCase to SQL's snake_case. */
final class Naming {
  private Naming() {}

  static String snake(String name) {
    String s =
        name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2");
    return s.toLowerCase(Locale.ROOT);
  }
}
