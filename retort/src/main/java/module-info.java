/**
 * Retort: an async-first SQL toolkit for Java 21+. Exports the public API only; {@code internal}
 * packages stay private.
 */
module dev.retort {
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.slf4j;
  // Only the metamodel annotation processor uses it, inside javac.
  requires static java.compiler;
  // The drivers are loaded by class name; requiring them puts them in the module graph.
  requires org.xerial.sqlitejdbc;
  requires org.postgresql.jdbc;
  requires org.mariadb.jdbc;
  // Compile-time only, for the tests (patched into this module) that record JFR events.
  requires static jdk.jfr;

  exports dev.retort.error;
  exports dev.retort.sql;
  exports dev.retort.sql.compile;
  exports dev.retort.sql.ddl;
  exports dev.retort.sql.expr;
  exports dev.retort.sql.schema;
  exports dev.retort.sql.types;
  exports dev.retort.dialect;
  exports dev.retort.dialect.sqlite;
  exports dev.retort.dialect.postgresql;
  exports dev.retort.dialect.mysql;
  exports dev.retort.engine;
  exports dev.retort.orm;
  exports dev.retort.orm.annotations;
  exports dev.retort.async;
}
