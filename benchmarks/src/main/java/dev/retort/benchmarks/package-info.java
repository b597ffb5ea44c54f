/**
 * The benchmark harness: {@link dev.retort.benchmarks.BenchMain} runs the six workloads of {@link
 * dev.retort.benchmarks.Workload} for every contender on SQLite, PostgreSQL and MariaDB, checks
 * every run's result, and reports median throughput and the time relative to raw JDBC.
 */
package dev.retort.benchmarks;
