package dev.bluegreen.cloudsim.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's notion of "now". Lifecycles are computed against it, so a test can hold time
 * still or jump it forward instead of sleeping.
 */
public interface SimClock {

  Instant now();

  /** A clock that only moves when told to. */
  static ManualClock manual(Instant start) {
    return new ManualClock(start);
  }

  /** A clock that moves only through {@link #advance(Duration)}; thread-safe. */
  final class ManualClock implements SimClock {
    private Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Instant now() {
      return now;
    }

    public synchronized void advance(Duration by) {
      now = now.plus(by);
    }

    public synchronized void set(Instant to) {
      now = to;
    }
  }
}
