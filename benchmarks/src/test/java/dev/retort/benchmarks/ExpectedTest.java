package dev.retort.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedTest {
  @Test
  void primaryKeyGetsNeverRepeatAnIdAcrossTheFullWorkload() {
    Sizes full = Sizes.full();
    Set<Long> ids = new HashSet<>();
    for (int t = 0; t < full.pkTasks(); t++) {
      for (int i = 0; i < full.pkGetsPerTask(); i++) {
        long id = Ids.pkGet(t, i, full.pkGetsPerTask());
        assertThat(id).isBetween(1L, (long) Sizes.ITEM_ROWS);
        ids.add(id);
      }
    }
    assertThat(ids).hasSize(full.pkTasks() * full.pkGetsPerTask());
  }

  @Test
  void hydrationChecksumIsTheSumOverTheFirstRows() {
    Sizes sizes = new Sizes(1, 1, 1, 1, 3, 1, 1, 1, 1);
    long sum = 0;
    for (long id = 1; id <= 3; id++) {
      Item item = Item.seeded(id);
      sum +=
          id * 31
              + item.name().length()
              + item.category()
              + item.quantity()
              + Math.round(item.price() * 100)
              + (item.note() == null ? 0 : item.note().length());
    }
    assertThat(Expected.checksum(Workload.HYDRATION, sizes)).isEqualTo(sum);
  }

  @Test
  void seededRowsCoverEveryCategoryAndLeaveEveryThirdNoteEmpty() {
    assertThat(Item.seeded(3).note()).isNull();
    assertThat(Item.seeded(4).note()).isEqualTo("note 4");
    assertThat(Item.seeded(100).category()).isZero();
    assertThat(Item.seeded(199).category()).isEqualTo(99);
  }

  @Test
  void writeWorkloadsExpectTheirSizeAsResultAndStateChange() {
    Sizes s = Sizes.tiny();
    assertThat(Expected.checksum(Workload.BULK_INSERT, s)).isEqualTo(s.insertRows());
    assertThat(Expected.stateChange(Workload.UNIT_OF_WORK, s)).isEqualTo(s.updateRows());
    assertThat(Expected.stateChange(Workload.READ_MODIFY_WRITE, s)).isEqualTo(s.rmwTasks());
    assertThat(Expected.stateChange(Workload.PK_GET, s)).isZero();
  }
}
