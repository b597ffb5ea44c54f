/**
 * The contenders: raw JDBC (the reference), Retort Core sync and async, Retort ORM sync and async,
 * Hibernate ORM, Hibernate Reactive and jOOQ; {@link dev.retort.benchmarks.contender.Contenders}
 * lists them.
 */
package dev.retort.benchmarks.contender;
