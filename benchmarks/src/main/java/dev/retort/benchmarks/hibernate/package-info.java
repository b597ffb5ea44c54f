/** The entities and settings Hibernate ORM and Hibernate Reactive share. */
package dev.retort.benchmarks.hibernate;
