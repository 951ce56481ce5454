package dev.bluegreen.notifier.core;

import java.util.Optional;

/**
 * What a webhook answered to one post, as the retry policy needs it.
 *
 * @param status the HTTP status, or 0 when no answer came (connection refused, timeout)
 * @param retryAfter the {@code Retry-After} header, if any
 * @param detail the start of the body, or the transport error, for the dead-letter reason
 */
public record WebhookAnswer(int status, Optional<String> retryAfter, String detail) {

  /** No HTTP answer at all. */
  public static WebhookAnswer unreachable(String error) {
    return new WebhookAnswer(0, Optional.empty(), error);
  }

  /** Whether Slack took the message. */
  public boolean delivered() {
    return status >= 200 && status < 300;
  }

  /** For people: {@code HTTP 500 (detail)} or {@code no answer (detail)}. */
  public String describe() {
    String what = status == 0 ? "no answer" : "HTTP " + status;
    return detail == null || detail.isBlank() ? what : what + " (" + detail + ")";
  }
}
