/** Turns statements into SQL text with positional placeholders and an ordered parameter list. */
package dev.retort.sql.compile;
