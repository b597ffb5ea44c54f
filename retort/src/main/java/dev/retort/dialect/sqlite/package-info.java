/** The SQLite dialect: embedded databases in a file or in memory. */
package dev.retort.dialect.sqlite;
