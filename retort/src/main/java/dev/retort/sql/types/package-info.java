/**
 * Column types: {@link dev.retort.sql.types.SqlType} and the factories in {@link
 * dev.retort.sql.types.SqlTypes}.
 */
package dev.retort.sql.types;
