package dev.retort.benchmarks.hibernate;

import dev.retort.benchmarks.Item;
import jakarta.persistence.MappedSuperclass;

/** The columns the item entities share, mapped by field. */
@MappedSuperclass
public abstract class ItemColumns {
  private String name;
  private int category;
  private int quantity;
  private double price;
  private String note;

  /** For Hibernate. */
  protected ItemColumns() {}

  /** A new row's values. */
  protected ItemColumns(String name, int category, int quantity, double price, String note) {
    this.name = name;
    this.category = category;
    this.quantity = quantity;
    this.price = price;
    this.note = note;
  }

  /** The primary key. */
  public abstract Long getId();

  /** The quantity. */
  public int getQuantity() {
    return quantity;
  }

  /** Changes the quantity. */
  public void setQuantity(int quantity) {
    this.quantity = quantity;
  }

  /** The same checksum as {@link Item#checksum()}. */
  public long checksum() {
    return Item.checksum(getId(), name, category, quantity, price, note);
  }
}
