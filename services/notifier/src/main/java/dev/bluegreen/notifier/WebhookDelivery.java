package dev.bluegreen.notifier;

import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.WebhookRetryPolicy;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Posts one message to one route's webhook with retries (backoff, Slack's Retry-After), as the
 * retry policy says; shared by the audit and the campaign notifiers.
 */
final class WebhookDelivery {

  private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

  private final WebhookRetryPolicy retryPolicy;
  private final WebhookPoster poster;
  private final SlackNotifier.Pause pause;

  WebhookDelivery(WebhookRetryPolicy retryPolicy, WebhookPoster poster, SlackNotifier.Pause pause) {
    this.retryPolicy = retryPolicy;
    this.poster = poster;
    this.pause = pause;
  }

  /** Posts with retries; null when delivered, else why not. */
  String deliver(Route route, byte[] body) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      var answer = poster.post(route.webhookUrl(), body);
      var next = retryPolicy.after(attempt, answer);
      if (next instanceof WebhookRetryPolicy.Delivered) {
        return null;
      }
      if (next instanceof WebhookRetryPolicy.GiveUp giveUp) {
        return giveUp.reason();
      }
      Duration wait = ((WebhookRetryPolicy.RetryAfter) next).delay();
      LOG.warnf(
          "post %d to %s failed (%s); next in %d ms",
          attempt, route.name(), answer.describe(), wait.toMillis());
      pause.pause(wait);
    }
  }
}
