package dev.retort.orm.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as mapped to a table. Every non-static field is a column unless it is {@link
 * Transient} or a relationship; the class needs a no-argument constructor (any visibility). A
 * record may be an entity too: it maps as a read-only result (queried, never flushed).
 *
 * <p>Retort reads and writes the fields directly (no getters, setters or bytecode changes). On the
 * module path the entity's package must be open to {@code dev.retort}: {@code opens
 * com.example.model to dev.retort;}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Entity {}
