package dev.bluegreen.trafficshifter.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Verification of a rule change by reading it back: the weights must be seen, then keep being seen
 * for a settle time (ELBv2 is eventually consistent: a read may show the new weights and the next
 * the old ones). Immutable; the caller feeds it each read with the time it was made.
 *
 * @param matchingSince when the reads started to show the target weights without a break; null
 *     while the last read did not show them
 * @param settle how long they must hold
 */
public record ReadBack(Instant matchingSince, Duration settle) {

  /** Nothing read yet. */
  public static ReadBack start(Duration settle) {
    return new ReadBack(null, settle);
  }

  /** The state after one more read, made at {@code at}. */
  public ReadBack observe(Instant at, boolean showsTarget) {
    if (!showsTarget) {
      return new ReadBack(null, settle);
    }
    return new ReadBack(matchingSince == null ? at : matchingSince, settle);
  }

  /** Whether the target weights have held for the settle time as of {@code at}. */
  public boolean held(Instant at) {
    return matchingSince != null && !at.isBefore(matchingSince.plus(settle));
  }
}
