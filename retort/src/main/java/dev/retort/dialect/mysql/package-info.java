/** The MySQL and MariaDB dialect. */
package dev.retort.dialect.mysql;
