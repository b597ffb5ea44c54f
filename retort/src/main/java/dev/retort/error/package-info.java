/**
 * The exceptions Retort throws. Every layer raises them, so they sit below all others, as
 * SQLAlchemy's {@code exc} module does. {@link dev.retort.error.DatabaseException} and its
 * subclasses carry the SQLSTATE, vendor code and SQL of a database failure.
 */
package dev.retort.error;
