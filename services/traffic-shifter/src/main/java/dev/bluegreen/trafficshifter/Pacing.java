package dev.bluegreen.trafficshifter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Time for the handler: what time it is and how to wait for a moment (a measurement window's end,
 * the next read-back). One bean, so a test can replace the clock and the waiting together.
 */
public interface Pacing {

  /** Now. */
  Instant now();

  /** Returns at {@code until} or shortly after (at once if it has passed). */
  void awaitUntil(Instant until);

  /** The wall clock; waiting blocks the worker thread, which is what a command handler runs on. */
  static Pacing of(Clock clock) {
    return new Pacing() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void awaitUntil(Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
          return;
        }
        try {
          Thread.sleep(left.toMillis(), left.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting", e);
        }
      }
    };
  }
}
