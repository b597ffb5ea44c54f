/**
 * Statements as immutable objects: plain SQL text with named parameters, and (later) the schema and
 * expression language. Knows nothing of JDBC, I/O or dialects.
 */
package dev.retort.sql;
