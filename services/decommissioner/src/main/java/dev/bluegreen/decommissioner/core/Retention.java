package dev.bluegreen.decommissioner.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The retention window, checked again here with the service's own clock: the orchestrator enforces
 * it, but a skewed clock or a replayed command must not delete blue early.
 *
 * <p>An early command is refused. It is {@code retryable} when the time left is within {@code
 * retryableWithin} (clock skew between machines: sending it again shortly will work, and the
 * evidence says when); beyond that the command is wrong, not early, and retrying will not help.
 */
public final class Retention {

  /** Error code of a command that arrived before the retention window ended. */
  public static final String CODE = "RETENTION_NOT_ELAPSED";

  private Retention() {}

  /** The refusal of an early command, or empty when the window has passed. */
  public static Optional<Failure> check(
      Instant greenFullSince, Duration retention, Instant now, Duration retryableWithin) {
    Instant notBefore = greenFullSince.plus(retention);
    if (now.isAfter(notBefore)) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, notBefore);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("greenFullSince", greenFullSince.toString());
    evidence.put("retention", retention.toString());
    evidence.put("notBefore", notBefore.toString());
    evidence.put("now", now.toString());
    evidence.put("timeLeft", left.toString());
    return Optional.of(
        new Failure(
            "retention window not over: green carries 100% since "
                + greenFullSince
                + ", retention "
                + retention
                + ", so blue may go at "
                + notBefore
                + " ("
                + left
                + " from now)",
            CODE,
            left.compareTo(retryableWithin) <= 0,
            evidence));
  }
}
