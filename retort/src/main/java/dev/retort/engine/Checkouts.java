package dev.retort.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections an engine has lent out, for the pool-exhaustion report, the idle-transaction
 * warning and leak recovery. Holds {@link Lease}s, never the {@link Connection}s themselves, so an
 * abandoned connection can still be garbage-collected and recovered.
 */
final class Checkouts {
  static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /**
   * One slot per pooled connection: a checkout claims a free slot with one compare-and-set, a
   * return clears it; no hashing. The pool never lends more than its size, so the overflow set
   * stays empty unless the pool is resized under the engine.
   */
  private final AtomicReferenceArray<Lease> slots;

  private final Set<Lease> overflow = ConcurrentHashMap.newKeySet();
  private final AtomicLong leaked = new AtomicLong();

  Checkouts(int poolSize) {
    slots = new AtomicReferenceArray<>(Math.max(1, poolSize));
  }

  void add(Lease lease) {
    int n = slots.length();
    int start = (int) (Thread.currentThread().threadId() % n);
    for (int i = 0; i < n; i++) {
      int slot = (start + i) % n;
      if (slots.get(slot) == null && slots.compareAndSet(slot, null, lease)) {
        lease.slot = slot;
        return;
      }
    }
    lease.slot = -1;
    overflow.add(lease);
  }

  void remove(Lease lease) {
    int slot = lease.slot;
    if (slot >= 0) {
      slots.compareAndSet(slot, lease, null);
    } else {
      overflow.remove(lease);
    }
  }

  /** The leases now lent out, in no order. */
  private List<Lease> leases() {
    List<Lease> all = new ArrayList<>(overflow);
    for (int i = 0; i < slots.length(); i++) {
      Lease lease = slots.get(i);
      if (lease != null) {
        all.add(lease);
      }
    }
    return all;
  }

  /** Every connection now checked out, oldest first. */
  List<Checkout> snapshot() {
    long now = System.nanoTime();
    List<Lease> all = leases();
    all.sort(Comparator.comparingLong(Lease::sinceNanos));
    List<Checkout> result = new ArrayList<>(all.size());
    for (Lease lease : all) {
      result.add(lease.snapshot(now));
    }
    return result;
  }

  /** One numbered line per holder (with its stack when traced), or an empty string if none. */
  String describeHolders() {
    List<Checkout> holders = snapshot();
    if (holders.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("Checked out by:");
    for (int i = 0; i < holders.size(); i++) {
      Checkout holder = holders.get(i);
      text.append("\n  ").append(i + 1).append(". ").append(holder);
      for (StackTraceElement frame : holder.stack()) {
        text.append("\n        at ").append(frame);
      }
    }
    return text.append('\n').toString();
  }

  /** Warns once per idle period about each transaction idle for {@code threshold} or longer. */
  void warnIdle(Duration threshold, EngineUrl url) {
    long now = System.nanoTime();
    for (Lease lease : leases()) {
      Duration idle = lease.transactionIdle(now);
      if (idle != null && idle.compareTo(threshold) >= 0 && lease.markIdleWarned()) {
        Checkout holder = lease.snapshot(now);
        LOG.warn(
            "A transaction on {} has been idle for {} ms (idle_transaction_warning is {} ms): {}."
                + " It holds its locks and its connection until it commits or rolls back.{}",
            url,
            idle.toMillis(),
            threshold.toMillis(),
            holder,
            lease.site().stackText("    "));
      }
    }
  }

  void countLeak() {
    leaked.incrementAndGet();
  }

  long leaked() {
    return leaked.get();
  }
}
