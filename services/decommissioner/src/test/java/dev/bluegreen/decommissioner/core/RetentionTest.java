package dev.bluegreen.decommissioner.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final Instant FULL_SINCE = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final Duration SKEW = Duration.ofMinutes(15);

  @Test
  void commandAfterTheWindow_isAccepted() {
    Instant now = FULL_SINCE.plus(RETENTION).plusSeconds(1);

    assertTrue(Retention.check(FULL_SINCE, RETENTION, now, SKEW).isEmpty());
  }

  @Test
  void commandMinutesEarly_isRefusedRetryably_withTheTimeLeft() {
    Instant now = FULL_SINCE.plus(RETENTION).minus(Duration.ofMinutes(5));

    Failure f = Retention.check(FULL_SINCE, RETENTION, now, SKEW).orElseThrow();

    assertEquals(Retention.CODE, f.errorCode());
    assertTrue(f.retryable());
    assertEquals("PT5M", f.evidence().get("timeLeft"));
    assertEquals("2026-01-08T00:00:00Z", f.evidence().get("notBefore"));
  }

  @Test
  void commandDaysEarly_isRefusedForGood() {
    Instant now = FULL_SINCE.plus(Duration.ofDays(1));

    Failure f = Retention.check(FULL_SINCE, RETENTION, now, SKEW).orElseThrow();

    assertFalse(f.retryable());
  }

  @Test
  void commandExactlyAtTheEnd_isRefused_becauseTheWindowMustBeInThePast() {
    Instant now = FULL_SINCE.plus(RETENTION);

    assertTrue(Retention.check(FULL_SINCE, RETENTION, now, SKEW).isPresent());
  }
}
