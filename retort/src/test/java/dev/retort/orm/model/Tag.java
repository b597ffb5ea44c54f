package dev.retort.orm.model;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.ManyToMany;
import dev.retort.orm.annotations.Table;
import java.util.List;

/** A tag; the inverse side of Post.tags. */
@Entity
@Table("orm_tags")
public class Tag {
  @Id public Long id;
  public String name;

  @ManyToMany(mappedBy = "tags")
  public List<Post> posts;

  protected Tag() {}

  public Tag(String name) {
    this.name = name;
  }
}
