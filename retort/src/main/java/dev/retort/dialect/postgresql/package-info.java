/** The PostgreSQL dialect. */
package dev.retort.dialect.postgresql;
