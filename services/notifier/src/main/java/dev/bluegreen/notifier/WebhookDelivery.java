package dev.bluegreen.notifier;

import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.messaging.EventSink;
import dev.bluegreen.notifier.SlackNotifier.Outcome;
import dev.bluegreen.notifier.core.RecentEvents;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.WebhookRetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Delivers one rendered message to the routes that want it, the one way for the audit and the
 * campaign notifiers: a route already delivered for the same {@code ce_id} is skipped (bounded
 * memory), each post is retried as the retry policy says (backoff, Slack's Retry-After), and a
 * delivery that keeps failing is dead-lettered with its route. Also dead-letters what a notifier
 * cannot take, with the headers every dead letter carries.
 *
 * @param consumer the consumer group, written as {@code dlq_consumer}
 * @param retryPolicy when a failed post is tried again
 * @param poster posts to a webhook
 * @param pause waits between attempts
 * @param sink where dead letters go
 * @param delivered the deliveries done, by {@code ce_id} and route
 */
public record WebhookDelivery(
    String consumer,
    WebhookRetryPolicy retryPolicy,
    WebhookPoster poster,
    SlackNotifier.Pause pause,
    EventSink sink,
    RecentEvents delivered) {

  private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

  /**
   * Posts {@code body}, rendered for the event {@code eventId} of {@code record}, to each route not
   * yet delivered: POSTED when one was, DEAD_LETTERED when one kept failing, DUPLICATE when all
   * were done before.
   */
  Outcome deliver(
      ConsumerRecord<String, byte[]> record, String eventId, List<Route> routes, byte[] body)
      throws InterruptedException {
    Outcome outcome = Outcome.DUPLICATE;
    for (Route route : routes) {
      String key = eventId + "|" + route.name();
      if (delivered.contains(key)) {
        LOG.infof("skipping %s to %s: already delivered", eventId, route.name());
        continue;
      }
      String failure = post(route, body);
      if (failure == null) {
        if (outcome != Outcome.DEAD_LETTERED) {
          outcome = Outcome.POSTED;
        }
      } else {
        LOG.errorf("giving up on %s to %s: %s", eventId, route.name(), failure);
        Headers headers =
            problemHeaders(
                record, SlackNotifier.WEBHOOK_FAILED, "route " + route.name() + ": " + failure);
        headers.add(SlackNotifier.ROUTE_HEADER, route.name().getBytes(StandardCharsets.UTF_8));
        sink.deadLetter(record.key(), record.value(), headers);
        outcome = Outcome.DEAD_LETTERED;
      }
      // A dead-lettered delivery counts as done too: the dead letter is where it is retried.
      delivered.remember(key);
    }
    return outcome;
  }

  /** Dead-letters a record that does not decode, as its decoding says. */
  Outcome deadLetter(ConsumerRecord<String, byte[]> record, Incoming.Invalid invalid) {
    sink.deadLetter(
        record.key(),
        record.value(),
        DeadLetters.headers(
            record.headers(),
            invalid,
            record.topic(),
            record.partition(),
            record.offset(),
            consumer));
    return Outcome.DEAD_LETTERED;
  }

  /** Dead-letters a record with a problem of the notifier's own ({@code dlq_problem}). */
  Outcome deadLetter(ConsumerRecord<String, byte[]> record, String problem, String reason) {
    sink.deadLetter(record.key(), record.value(), problemHeaders(record, problem, reason));
    return Outcome.DEAD_LETTERED;
  }

  /** Posts with retries; null when delivered, else why not. */
  private String post(Route route, byte[] body) throws InterruptedException {
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

  private Headers problemHeaders(
      ConsumerRecord<String, byte[]> record, String problem, String reason) {
    return DeadLetters.headers(
        record.headers(),
        problem,
        reason,
        record.topic(),
        record.partition(),
        record.offset(),
        consumer);
  }
}
