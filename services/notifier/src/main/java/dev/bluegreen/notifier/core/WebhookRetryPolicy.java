package dev.bluegreen.notifier.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to post again after a webhook answered, and when to give up: a pure function of the attempt
 * number and the answer, so it is tested without a clock or a server.
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>429: wait what Slack's {@code Retry-After} says (seconds), if that is no longer than {@code
 *       maxRetryAfter}; without a usable header, back off as for a 5xx.
 *   <li>5xx, 408, or no answer: exponential backoff from {@code initialBackoff}, times {@code
 *       multiplier} per attempt, capped at {@code maxBackoff}.
 *   <li>Any other 4xx (invalid payload, revoked webhook, archived channel): give up at once,
 *       posting again cannot help.
 *   <li>After {@code maxAttempts} posts in all: give up.
 * </ul>
 *
 * We chose an explicit policy over MicroProfile Fault Tolerance's {@code @Retry}: the wait after a
 * 429 is dictated per answer by Slack, which {@code @Retry}'s fixed delays cannot express.
 *
 * @param maxAttempts posts in all, the first included (at least 1)
 * @param initialBackoff wait before the second post
 * @param multiplier growth of the wait per attempt
 * @param maxBackoff longest backoff wait
 * @param maxRetryAfter longest {@code Retry-After} honoured; longer ones give up
 */
public record WebhookRetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    Duration maxRetryAfter) {

  public WebhookRetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
  }

  /** What to do after a post. */
  public sealed interface Next {}

  /** The message is in the channel. */
  public record Delivered() implements Next {}

  /** Post again after waiting this long. */
  public record RetryAfter(Duration delay) implements Next {}

  /** Stop; the message goes to the dead-letter topic with this reason. */
  public record GiveUp(String reason) implements Next {}

  /**
   * What to do after post number {@code attempt} (1 for the first) got {@code answer}.
   *
   * @throws IllegalArgumentException when attempt is below 1
   */
  public Next after(int attempt, WebhookAnswer answer) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1");
    }
    if (answer.delivered()) {
      return new Delivered();
    }
    int status = answer.status();
    boolean transientFailure = status == 0 || status == 408 || status == 429 || status >= 500;
    if (!transientFailure) {
      return new GiveUp("webhook refused the message: " + answer.describe());
    }
    if (attempt >= maxAttempts) {
      return new GiveUp(
          "webhook still failing after " + attempt + " attempts: " + answer.describe());
    }
    if (status == 429) {
      Optional<Duration> asked = answer.retryAfter().flatMap(WebhookRetryPolicy::seconds);
      if (asked.isPresent()) {
        if (asked.get().compareTo(maxRetryAfter) > 0) {
          return new GiveUp(
              "rate limited for "
                  + asked.get().toSeconds()
                  + " s, longer than the "
                  + maxRetryAfter.toSeconds()
                  + " s we wait: "
                  + answer.describe());
        }
        return new RetryAfter(asked.get());
      }
    }
    return new RetryAfter(backoff(attempt));
  }

  /** The backoff wait after failed post number {@code attempt}. */
  public Duration backoff(int attempt) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }

  /** Slack sends whole seconds; the HTTP-date form is not used by Slack and counts as absent. */
  private static Optional<Duration> seconds(String header) {
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
