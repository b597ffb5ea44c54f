/**
 * One interface per workload; a contender takes part in a workload by implementing it. Each method
 * runs the workload once and returns a checksum the harness compares with the expected one.
 */
package dev.retort.benchmarks.workload;
