package dev.retort.orm.model;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.Table;

/** A read-only record over the users table. */
@Entity
@Table("orm_user_view")
public record UserView(@Id Long id, String name) {}
