/** The results: per-cell outcomes, the table (text, Markdown, CSV) and the PNG chart of ratios. */
package dev.retort.benchmarks.report;
