package dev.retort.orm;

import dev.retort.orm.annotations.Loading;

/**
 * Overrides how one relationship loads in one query: {@code
 * select(User.class).options(Orm.selectinLoad(User_.addresses))}.
 *
 * @param relationship the relationship
 * @param loading the strategy for this query
 */
public record LoaderOption(Relationship<?, ?> relationship, Loading loading) {}
