/**
 * What differs between databases, behind capability flags: {@link dev.retort.dialect.Dialect} and
 * its implementations for SQLite, PostgreSQL and MySQL/MariaDB.
 */
package dev.retort.dialect;
