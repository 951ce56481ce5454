package dev.bluegreen.notifier.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent deliveries done, so a redelivered event (same {@code ce_id}) is not posted twice
 * to the same channel. Bounded: the oldest keys are forgotten, so memory stays flat on long runs.
 * It lives in memory and is empty after a restart; committed offsets cover restarts (see the
 * README).
 */
public final class RecentEvents {

  private final Map<String, Boolean> seen;

  /** Remembers at most {@code capacity} keys. */
  public RecentEvents(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.seen =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether the key was remembered (and is now the most recent). */
  public synchronized boolean contains(String key) {
    return seen.get(key) != null;
  }

  /** Remembers the key. */
  public synchronized void remember(String key) {
    seen.put(key, Boolean.TRUE);
  }

  /** How many keys are remembered. */
  public synchronized int size() {
    return seen.size();
  }
}
