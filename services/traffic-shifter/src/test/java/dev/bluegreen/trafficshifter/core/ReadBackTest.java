package dev.bluegreen.trafficshifter.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadBackTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void weightsSeenOnce_areNotVerified_untilTheyHoldForTheSettleTime() {
    var r = ReadBack.start(Duration.ofSeconds(5)).observe(T0, true);

    assertFalse(r.held(T0.plusSeconds(4)));
    assertTrue(r.observe(T0.plusSeconds(5), true).held(T0.plusSeconds(5)));
  }

  @Test
  void aStaleReadInBetween_restartsTheSettleTime() {
    var r =
        ReadBack.start(Duration.ofSeconds(5))
            .observe(T0, true)
            .observe(T0.plusSeconds(3), false)
            .observe(T0.plusSeconds(4), true);

    assertFalse(r.held(T0.plusSeconds(6)));
    assertTrue(r.held(T0.plusSeconds(9)));
  }

  @Test
  void zeroSettleTime_isVerifiedAtTheFirstMatchingRead() {
    assertTrue(ReadBack.start(Duration.ZERO).observe(T0, true).held(T0));
  }
}
