/**
 * Schema definitions: {@link dev.retort.sql.schema.MetaData}, {@link dev.retort.sql.schema.Table},
 * typed {@link dev.retort.sql.schema.Column}s, keys, constraints and indexes.
 */
package dev.retort.sql.schema;
