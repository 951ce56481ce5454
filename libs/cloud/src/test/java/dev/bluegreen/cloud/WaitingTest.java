package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On a clock the sleeper moves: nothing here sleeps. */
class WaitingTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A clock that moves only when the waiting sleeps, recording each sleep's end. */
  private static final class Sleeps {
    final MovingClock clock = new MovingClock(T0);
    final List<Instant> ends = new ArrayList<>();

    Waiting waiting() {
      return new Waiting(
          clock,
          until -> {
            ends.add(until);
            clock.now = until;
          });
    }
  }

  /** Polls every {@code every} for {@code timeout}; the look finds something at look {@code n}. */
  private static Optional<String> poll(Sleeps sleeps, int every, int timeout, int n, int[] looks) {
    return sleeps
        .waiting()
        .poll(
            Waiting.Backoff.every(Duration.ofSeconds(every)),
            Duration.ofSeconds(timeout),
            () -> ++looks[0] == n ? Optional.of("ACTIVE") : Optional.empty());
  }

  @Test
  void poll_returnsWhatTheLookFound_assoonAsItFindsIt() {
    Sleeps sleeps = new Sleeps();
    assertEquals(Optional.of("ACTIVE"), poll(sleeps, 5, 60, 3, new int[1]));
    assertEquals(List.of(T0.plusSeconds(5), T0.plusSeconds(10)), sleeps.ends);
  }

  @Test
  void poll_givesUpAtTheDeadline_havingLookedThereLastTime() {
    Sleeps sleeps = new Sleeps();
    int[] looks = {0};
    assertTrue(poll(sleeps, 4, 10, -1, looks).isEmpty());
    assertEquals(T0.plusSeconds(10), sleeps.clock.now);
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
    Sleeps sleeps = new Sleeps();
    sleeps.waiting().until(T0.minusSeconds(1));
    sleeps.waiting().pause(Duration.ZERO);
    assertEquals(List.of(), sleeps.ends);
  }
}
