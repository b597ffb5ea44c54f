/** JMH micro-benchmarks: the compile-cache hit path and row hydration. */
package dev.retort.benchmarks.jmh;
