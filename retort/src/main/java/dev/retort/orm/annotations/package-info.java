/**
 * Annotations that map plain Java classes to tables: {@link dev.retort.orm.annotations.Entity},
 * {@link dev.retort.orm.annotations.Id}, {@link dev.retort.orm.annotations.Column}, relationships.
 */
package dev.retort.orm.annotations;
