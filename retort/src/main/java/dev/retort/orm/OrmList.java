package dev.retort.orm;

import dev.retort.orm.internal.RelationshipMapping;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The list a session puts into a loaded object's collection field. Until it is loaded, the first
 * access asks the session to load it (sync session) or raises {@link UnloadedRelationshipException}
 * (async session, RAISE strategy, detached object). Adding and removing elements updates the
 * element's reference back to the owner at once.
 */
final class OrmList<E> extends AbstractList<E> implements RandomAccess {
  private final Session session;
  private final InstanceState owner;
  private final RelationshipMapping relationship;
  private final boolean raise;
  private ArrayList<E> items;

  OrmList(Session session, InstanceState owner, RelationshipMapping relationship, boolean raise) {
    this.session = session;
    this.owner = owner;
    this.relationship = relationship;
    this.raise = raise;
  }

  boolean isLoaded() {
    return items != null;
  }

  /** Sets the loaded elements without touching back references. */
  void loaded(List<E> elements) {
    items = new ArrayList<>(elements);
  }

  /** The elements if loaded, else null; never loads. */
  List<E> raw() {
    return items;
  }

  private List<E> items() {
    if (items == null) {
      session.loadOnAccess(owner, relationship, raise);
      if (items == null) {
        throw new IllegalStateException(relationship + " did not load");
      }
    }
    return items;
  }

  @Override
  public E get(int index) {
    return items().get(index);
  }

  @Override
  public int size() {
    return items().size();
  }

  @Override
  public E set(int index, E element) {
    E old = items().set(index, element);
    session.unlinked(owner, relationship, old);
    session.linked(owner, relationship, element);
    return old;
  }

  @Override
  public void add(int index, E element) {
    items().add(index, element);
    modCount++;
    session.linked(owner, relationship, element);
  }

  @Override
  public E remove(int index) {
    E old = items().remove(index);
    modCount++;
    session.unlinked(owner, relationship, old);
    return old;
  }

  @Override
  public String toString() {
    return items == null ? "[not loaded: " + relationship + "]" : items.toString();
  }
}
