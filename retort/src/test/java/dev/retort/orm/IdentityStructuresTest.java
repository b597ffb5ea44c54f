package dev.retort.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.orm.internal.EntityMapping;
import dev.retort.orm.internal.Mapper;
import dev.retort.orm.model.Counter;
import dev.retort.orm.model.User;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The session's own structures against the JDK collections they replace: the identity map (by class
 * and key) and the ordered table of objects (by identity), through random operations.
 */
class IdentityStructuresTest {
  private static final EntityMapping<User> USERS = Mapper.of(User.class);
  private static final EntityMapping<Counter> COUNTERS = Mapper.of(Counter.class);

  private static InstanceState state(EntityMapping<?> m, Object id) {
    InstanceState st = new InstanceState(m, m.newInstance());
    st.id = id;
    return st;
  }

  @Test
  void identityMapAgreesWithAHashMapThroughPutsReplacementsAndRemovals() {
    Random random = new Random(42);
    IdentityMap map = new IdentityMap();
    Map<List<Object>, InstanceState> expected = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      EntityMapping<?> m = random.nextBoolean() ? USERS : COUNTERS;
      // Few distinct keys, some far apart and some sequential: long probe runs and wrap-arounds.
      long id = random.nextInt(4) == 0 ? (long) random.nextInt(64) << 32 : random.nextInt(3000);
      List<Object> key = List.of(m.type(), id);
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          InstanceState st = state(m, id);
          map.put(st);
          expected.put(key, st);
        }
        case 2 -> {
          InstanceState known = expected.get(key);
          if (known != null) {
            map.removeIfSame(known);
            expected.remove(key);
          }
        }
        default -> {
          // Removing another state of the same row leaves the entry alone.
          map.removeIfSame(state(m, id));
        }
      }
      assertThat(map.get(m.type(), id)).isSameAs(expected.get(key));
    }
    for (Map.Entry<List<Object>, InstanceState> e : expected.entrySet()) {
      assertThat(map.get((Class<?>) e.getKey().get(0), e.getKey().get(1))).isSameAs(e.getValue());
    }
    assertThat(map.get(User.class, -1L)).isNull();
    assertThat(map.get(String.class, 1L)).isNull();
  }

  @Test
  void identityMapKeepsCompositeKeysAndLeavesOutStatesWithoutAKey() {
    IdentityMap map = new IdentityMap();
    InstanceState st = state(USERS, List.of(1L, "a"));
    map.put(st);
    assertThat(map.get(User.class, List.of(1L, "a"))).isSameAs(st);
    assertThat(map.get(User.class, List.of(1L, "b"))).isNull();
    map.put(state(USERS, null));
    map.removeIfSame(state(USERS, null));
    assertThat(map.get(User.class, List.of(1L, "a"))).isSameAs(st);
    map.clear();
    assertThat(map.get(User.class, List.of(1L, "a"))).isNull();
  }

  @Test
  void stateTableKeepsJoinOrderAndFindsObjectsThroughRemovalsAndCompaction() {
    Random random = new Random(7);
    StateTable table = new StateTable();
    LinkedHashMap<Object, InstanceState> expected = new LinkedHashMap<>();
    List<InstanceState> all = new ArrayList<>();
    for (int step = 0; step < 50_000; step++) {
      int op = random.nextInt(10);
      if (op < 5 || expected.isEmpty()) {
        InstanceState st = state(USERS, null);
        table.add(st);
        expected.put(st.entity, st);
        all.add(st);
      } else if (op < 8) {
        InstanceState st = all.get(random.nextInt(all.size()));
        table.remove(st);
        expected.remove(st.entity);
      } else {
        InstanceState st = all.get(random.nextInt(all.size()));
        assertThat(table.get(st.entity)).isSameAs(expected.get(st.entity));
        assertThat(table.contains(st)).isEqualTo(expected.get(st.entity) == st);
      }
      if (step % 5_000 == 0) {
        assertThat(table.snapshot()).containsExactlyElementsOf(expected.values());
        List<InstanceState> iterated = new ArrayList<>();
        table.forEach(iterated::add);
        assertThat(iterated).containsExactlyElementsOf(expected.values());
      }
      assertThat(table.size()).isEqualTo(expected.size());
    }
    assertThat(table.snapshot()).containsExactlyElementsOf(expected.values());
    for (InstanceState st : all) {
      assertThat(table.get(st.entity)).isSameAs(expected.get(st.entity));
    }
    // A removed state may join again; it goes to the end.
    InstanceState first = table.snapshot().get(0);
    table.remove(first);
    table.add(first);
    assertThat(table.snapshot()).endsWith(first);
    assertThat(table.get(first.entity)).isSameAs(first);
    table.clear();
    assertThat(table.size()).isZero();
    assertThat(table.get(first.entity)).isNull();
    assertThat(table.contains(first)).isFalse();
  }

  @Test
  void stateTableKnowsWhetherAnyObjectHasRelationships() {
    StateTable table = new StateTable();
    InstanceState counter = state(COUNTERS, null);
    InstanceState user = state(USERS, null);
    table.add(counter);
    assertThat(table.anyRelated()).isFalse();
    table.add(user);
    assertThat(table.anyRelated()).isTrue();
    table.remove(user);
    table.remove(user); // twice: counted once
    assertThat(table.anyRelated()).isFalse();
    table.add(user);
    table.clear();
    assertThat(table.anyRelated()).isFalse();
  }

  @Test
  void stateTableIterationSkipsRemovedStatesAndFailsWhenCompactedUnderIt() {
    StateTable table = new StateTable();
    List<InstanceState> states = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      InstanceState st = state(USERS, null);
      states.add(st);
      table.add(st);
    }
    List<InstanceState> seen = new ArrayList<>();
    for (InstanceState st : table) {
      seen.add(st);
      if (st == states.get(10)) {
        table.remove(states.get(11)); // not reached yet: skipped
        table.remove(states.get(5)); // already seen
      }
    }
    assertThat(seen).hasSize(99).doesNotContain(states.get(11));
    for (int i = 20; i < 100; i++) {
      table.remove(states.get(i));
    }
    assertThatThrownBy(
            () -> {
              for (InstanceState ignored : table) {
                for (int i = 0; i < 200; i++) {
                  table.add(state(USERS, null)); // fills the holes: compacts
                }
              }
            })
        .isInstanceOf(ConcurrentModificationException.class);
  }
}
