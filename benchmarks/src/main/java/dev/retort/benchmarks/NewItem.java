package dev.retort.benchmarks;

/**
 * A row to insert in workload 4; the database generates its key.
 *
 * @param name never null
 * @param category 0 to 99
 * @param quantity 0 to 999
 * @param price 0.00 to 99.99
 * @param note never null
 */
public record NewItem(String name, int category, int quantity, double price, String note) {}
