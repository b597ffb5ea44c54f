package dev.retort.async.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread that waits for a pooled connection on behalf of an async caller, interruptible only
 * while it waits: a cancel that comes later must not interrupt whatever the thread runs next (an
 * interrupted virtual thread closes the socket it blocks on).
 */
public final class WaitingThread {
  private final ReentrantLock lock = new ReentrantLock();
  private Thread waiter;
  private boolean abandoned;

  /** Marks the current thread as waiting; false when the caller already gave up. */
  public boolean enter() {
    lock.lock();
    try {
      if (abandoned) {
        return false;
      }
      waiter = Thread.currentThread();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the wait and clears an interrupt that arrived during it. */
  public void leave() {
    lock.lock();
    try {
      waiter = null;
      Thread.interrupted();
    } finally {
      lock.unlock();
    }
  }

  /** Gives up: interrupts the thread if it is still waiting, and stops it from starting. */
  public void abandon() {
    lock.lock();
    try {
      abandoned = true;
      if (waiter != null) {
        waiter.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }
}
