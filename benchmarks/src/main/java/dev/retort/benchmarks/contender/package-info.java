/**
 * The contenders: raw JDBC (the reference), Retort Core sync and async, Hibernate ORM, Hibernate
 * Reactive and jOOQ; {@link dev.retort.benchmarks.contender.Contenders} lists them, with Retort's
 * ORM marked pending until it exists.
 */
package dev.retort.benchmarks.contender;
