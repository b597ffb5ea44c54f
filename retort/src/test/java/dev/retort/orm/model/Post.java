package dev.retort.orm.model;

import dev.retort.orm.annotations.Entity;
import dev.retort.orm.annotations.Id;
import dev.retort.orm.annotations.ManyToMany;
import dev.retort.orm.annotations.Table;
import java.util.ArrayList;
import java.util.List;

/** A post with tags, linked through an association table. */
@Entity
@Table("orm_posts")
public class Post {
  @Id public Long id;
  public String title;

  @ManyToMany(table = "orm_post_tags", joinColumn = "post_id", inverseJoinColumn = "tag_id")
  public List<Tag> tags = new ArrayList<>();

  protected Post() {}

  public Post(String title) {
    this.title = title;
  }
}
