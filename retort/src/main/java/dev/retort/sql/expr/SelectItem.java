package dev.retort.sql.expr;

/**
 * Something a SELECT can list: an {@link Expression}, or a table, alias or subquery standing for
 * all its columns.
 */
public interface SelectItem {}
