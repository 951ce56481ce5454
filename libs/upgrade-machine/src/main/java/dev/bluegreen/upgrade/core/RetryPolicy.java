package dev.bluegreen.upgrade.core;

import java.time.Duration;

/**
 * How the platform retries a phase whose service reported a retryable failure (throttling, a 5xx, a
 * timeout of a cloud call: {@code PhaseFailed.retryable}) before it takes the failure path: the
 * phase's command is sent again after a backoff, at most {@code maxRetries} times per phase.
 *
 * @param maxRetries how many times one phase is retried (0: never)
 * @param firstBackoff the wait before the first retry; each next wait doubles
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxRetries < 0 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("invalid retry policy " + maxRetries + " " + firstBackoff);
    }
  }

  /** Three retries, 30 s, 60 s, 120 s apart (at most 5 min). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));
  }

  /** The wait before retry number {@code retry} (0 for the first). */
  public Duration backoff(int retry) {
    Duration wait = firstBackoff.multipliedBy(1L << Math.min(retry, 20));
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
