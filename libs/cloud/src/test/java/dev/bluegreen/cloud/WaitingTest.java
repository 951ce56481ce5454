package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On a clock the sleeper moves: nothing here sleeps. */
class WaitingTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A clock that moves only when the waiting sleeps, recording each sleep's end. */
  private static final class MovedClock extends Clock {
    Instant now = T0;
    final List<Instant> sleeps = new ArrayList<>();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    Waiting waiting() {
      return new Waiting(
          this,
          until -> {
            sleeps.add(until);
            now = until;
          });
    }
  }

  @Test
  void poll_returnsWhatTheLookFound_assoonAsItFindsIt() {
    MovedClock clock = new MovedClock();
    int[] looks = {0};
    Optional<String> found =
        clock
            .waiting()
            .poll(
                Waiting.Backoff.every(Duration.ofSeconds(5)),
                Duration.ofMinutes(1),
                () -> ++looks[0] == 3 ? Optional.of("ACTIVE") : Optional.empty());
    assertEquals(Optional.of("ACTIVE"), found);
    assertEquals(List.of(T0.plusSeconds(5), T0.plusSeconds(10)), clock.sleeps);
  }

  @Test
  void poll_givesUpAtTheDeadline_havingLookedThereLastTime() {
    MovedClock clock = new MovedClock();
    int[] looks = {0};
    Optional<String> found =
        clock
            .waiting()
            .poll(
                Waiting.Backoff.every(Duration.ofSeconds(4)),
                Duration.ofSeconds(10),
                () -> {
                  looks[0]++;
                  return Optional.empty();
                });
    assertTrue(found.isEmpty());
    assertEquals(T0.plusSeconds(10), clock.now);
    assertEquals(4, looks[0], "at 0, 4, 8 and the deadline");
  }

  @Test
  void backoff_doublesUpToItsMax_andJitterStaysWithinHalfAndAll() {
    Waiting.Backoff exact =
        new Waiting.Backoff(Duration.ofSeconds(5), Duration.ofSeconds(30), false);
    assertEquals(Duration.ofSeconds(5), exact.after(1));
    assertEquals(Duration.ofSeconds(10), exact.after(2));
    assertEquals(Duration.ofSeconds(20), exact.after(3));
    assertEquals(Duration.ofSeconds(30), exact.after(4));
    assertEquals(Duration.ofSeconds(30), exact.after(40));
    Waiting.Backoff jittered =
        Waiting.Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(30));
    for (int i = 0; i < 100; i++) {
      Duration d = jittered.after(4);
      assertTrue(
          d.compareTo(Duration.ofSeconds(15)) >= 0 && d.compareTo(Duration.ofSeconds(30)) <= 0,
          d::toString);
    }
  }

  @Test
  void until_aMomentPassed_doesNotSleep() {
    MovedClock clock = new MovedClock();
    clock.waiting().until(T0.minusSeconds(1));
    clock.waiting().pause(Duration.ZERO);
    assertEquals(List.of(), clock.sleeps);
  }
}
