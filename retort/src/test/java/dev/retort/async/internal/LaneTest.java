package dev.retort.async.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lane's scheduling on its own: one task at a time, in order, each exactly once. */
class LaneTest {
  @Test
  void tasksFromManyThreadsRunOneAtATimeInOrderExactlyOnce() throws Exception {
    int submitters = 6;
    int perSubmitter = 20_000;
    ExecutorService workers =
        Executors.newFixedThreadPool(3, Thread.ofPlatform().daemon().factory());
    try {
      Lane lane = new Lane(workers);
      AtomicBoolean running = new AtomicBoolean();
      AtomicInteger overlaps = new AtomicInteger();
      int[] lastSeen = new int[submitters];
      int[] outOfOrder = new int[1];
      int[] ran = new int[1]; // plain fields: the lane's one-at-a-time order makes them safe
      CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
      List<Thread> threads = new ArrayList<>();
      for (int s = 0; s < submitters; s++) {
        int submitter = s;
        Thread thread =
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 1; i <= perSubmitter; i++) {
                        int number = i;
                        Runnable task =
                            () -> {
                              if (!running.compareAndSet(false, true)) {
                                overlaps.incrementAndGet();
                              }
                              if (lastSeen[submitter] != number - 1) {
                                outOfOrder[0]++;
                              }
                              lastSeen[submitter] = number;
                              ran[0]++;
                              running.set(false);
                              done.countDown();
                            };
                        // A third of the tasks come from threads that may run them themselves.
                        if (number % 3 == 0) {
                          lane.runHere(task);
                        } else {
                          lane.execute(task);
                        }
                      }
                    });
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).as("every task ran").isTrue();
      Thread.sleep(50); // a task run twice would show now
      assertThat(overlaps.get()).as("tasks that overlapped another").isZero();
      assertThat(outOfOrder[0]).as("tasks that ran before one submitted earlier").isZero();
      assertThat(ran[0]).isEqualTo(submitters * perSubmitter);
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void aTaskQueuedByARunningTaskRunsAfterItOnTheSameThreadAndAWaitRunsItEarly() throws Exception {
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Lane lane = new Lane(workers);
      Queue<String> events = new ConcurrentLinkedQueue<>();
      LaneFuture<Thread> second = new LaneFuture<>(lane);
      LaneFuture<Thread> third = new LaneFuture<>(lane);
      LaneFuture<Thread> first = new LaneFuture<>(lane);
      lane.execute(
          () -> {
            events.add("first");
            lane.execute(
                () -> {
                  events.add("second");
                  second.complete(Thread.currentThread());
                });
            lane.execute(
                () -> {
                  events.add("third");
                  third.complete(Thread.currentThread());
                });
            // Waiting for the second inside the first runs it here, now, rather than never.
            second.join();
            events.add("first saw second");
            first.complete(Thread.currentThread());
          });
      Thread ranFirst = first.get(30, TimeUnit.SECONDS);
      assertThat(second.get(30, TimeUnit.SECONDS)).isSameAs(ranFirst);
      assertThat(third.get(30, TimeUnit.SECONDS)).isSameAs(ranFirst);
      assertThat(events).containsExactly("first", "second", "first saw second", "third");
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void aShutDownLaneRefusesNewTasks() {
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    Lane lane = new Lane(workers);
    workers.shutdown();
    AtomicBoolean ran = new AtomicBoolean();
    assertThatThrownBy(() -> lane.execute(() -> ran.set(true)))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("shut down");
    assertThat(ran).isFalse();
  }
}
