package dev.bluegreen.trafficshifter;

import dev.bluegreen.cloudsim.core.SimClock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Test {@link Pacing}: the handler's time is cloud-sim's manual clock, and waiting moves that clock
 * forward instead of blocking. Measurement windows, CloudWatch metrics and rule-weight lags are all
 * computed on the simulator's clock, so an analysis of minutes completes at once and its numbers
 * are exact. Replaces the wall-clock default bean in {@code @QuarkusTest}s.
 */
@ApplicationScoped
public class SimulatedTimePacing implements Pacing {

  private volatile SimClock.ManualClock clock;

  /** Drive time from this clock (the simulator's); tests call it before sending commands. */
  public void follow(SimClock.ManualClock simClock) {
    this.clock = simClock;
  }

  @Override
  public Instant now() {
    return clock().now();
  }

  @Override
  public void awaitUntil(Instant until) {
    SimClock.ManualClock c = clock();
    // Several handler threads may wait at once: time only moves forward.
    synchronized (c) {
      if (until.isAfter(c.now())) {
        c.set(until);
      }
    }
  }

  private SimClock.ManualClock clock() {
    SimClock.ManualClock c = clock;
    if (c == null) {
      throw new IllegalStateException("no simulator clock to follow yet");
    }
    return c;
  }
}
