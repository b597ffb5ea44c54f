package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integer field as the optimistic-lock version: set to 1 on insert, incremented by every
 * UPDATE, and checked in the UPDATE's and DELETE's WHERE clause, so a write based on a stale read
 * fails with {@link dev.retort.orm.StaleDataException} instead of overwriting someone else's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Version {}
