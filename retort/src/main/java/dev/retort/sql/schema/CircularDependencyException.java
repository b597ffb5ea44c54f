package dev.retort.sql.schema;

import dev.retort.error.ArgumentException;
import java.util.List;

/**
 * Tables refer to each other through foreign keys in a cycle, so no order creates every referenced
 * table before the tables that refer to it.
 */
public class CircularDependencyException extends ArgumentException {
  private final List<String> cycle;

  /** Creates the exception for a cycle of table names, first name repeated at the end. */
  public CircularDependencyException(List<String> cycle) {
    super(
        "Cannot order tables by their foreign keys: they form a cycle "
            + String.join(" -> ", cycle)
            + ". Make one of these foreign keys a separate step (create the tables, then add it).");
    this.cycle = List.copyOf(cycle);
  }

  /** The tables in the cycle, each referring to the next; the first is repeated at the end. */
  public List<String> cycle() {
    return cycle;
  }
}
