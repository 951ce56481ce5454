package dev.bluegreen.testkit;

import java.time.Duration;

/**
 * A point in time by which a condition must hold. Tests wait for conditions with a deadline, never
 * for a fixed time: {@link #pause()} only yields briefly between checks.
 */
public final class Deadline {

  private static final long POLL_MILLIS = 25;
  private final long endNanos;
  private final Duration length;

  private Deadline(Duration length) {
    this.length = length;
    this.endNanos = System.nanoTime() + length.toNanos();
  }

  /** A deadline {@code length} from now. */
  public static Deadline in(Duration length) {
    return new Deadline(length);
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  /** Whether the deadline has passed. */
  public boolean passed() {
    return System.nanoTime() - endNanos >= 0;
  }

  /** Throws an AssertionError naming what was awaited when the deadline has passed. */
  public void check(String awaited) {
    if (passed()) {
      throw new AssertionError("gave up after " + length + " waiting for " + awaited);
    }
  }

  /** Yields briefly before the next check of a condition. */
  public void pause() {
    try {
      Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, remaining().toMillis())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
