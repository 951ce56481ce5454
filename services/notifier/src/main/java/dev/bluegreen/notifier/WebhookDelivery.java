package dev.bluegreen.notifier;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
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
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * What every notifier does with a record, whatever its topic (upgrades' audit entries, campaign
 * decisions, fleet freezes): decode it or dead-letter it with the reason, and post one message to
 * each route that wants it with retries (backoff, Slack's Retry-After), as the retry policy says,
 * skipping a delivery already done for the same {@code ce_id} and route (bounded memory) and
 * dead-lettering one that keeps failing.
 */
public final class WebhookDelivery {

  private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

  private final String consumer;
  private final WebhookRetryPolicy retryPolicy;
  private final WebhookPoster poster;
  private final SlackNotifier.Pause pause;
  private final EventSink sink;
  private final RecentEvents delivered;
  private final CloudEventCodec codec = new CloudEventCodec();

  /**
   * @param consumer the consumer group, written as {@code dlq_consumer}
   */
  public WebhookDelivery(
      String consumer,
      WebhookRetryPolicy retryPolicy,
      WebhookPoster poster,
      SlackNotifier.Pause pause,
      EventSink sink,
      RecentEvents delivered) {
    this.consumer = consumer;
    this.retryPolicy = retryPolicy;
    this.poster = poster;
    this.pause = pause;
    this.sink = sink;
    this.delivered = delivered;
  }

  /** The record's event; empty when it is unreadable, and then it has been dead-lettered. */
  Optional<CloudEvent<?>> decode(ConsumerRecord<String, byte[]> record) {
    Incoming incoming = codec.decode(record.headers(), record.value());
    if (incoming instanceof Incoming.Invalid invalid) {
      LOG.warnf(
          "dead-lettering record %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), invalid.reason());
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
      return Optional.empty();
    }
    return Optional.of(((Incoming.Valid) incoming).event());
  }

  /** Dead-letters a valid record that has no business on this topic: {@code problem}, why. */
  Outcome refuse(ConsumerRecord<String, byte[]> record, String problem, String reason) {
    sink.deadLetter(record.key(), record.value(), problemHeaders(record, problem, reason));
    return Outcome.DEAD_LETTERED;
  }

  /**
   * Posts {@code body}, the message of {@code event}, to each of {@code routes} not yet given it; a
   * delivery that keeps failing is dead-lettered with the route's name, and counts as done too: the
   * dead letter is where it is retried.
   */
  Outcome toEach(
      ConsumerRecord<String, byte[]> record, CloudEvent<?> event, List<Route> routes, byte[] body)
      throws InterruptedException {
    Outcome outcome = Outcome.DUPLICATE;
    for (Route route : routes) {
      String key = event.id() + "|" + route.name();
      if (delivered.contains(key)) {
        LOG.infof("skipping %s to %s: already delivered", event.id(), route.name());
        continue;
      }
      String failure = deliver(route, body);
      if (failure == null) {
        if (outcome != Outcome.DEAD_LETTERED) {
          outcome = Outcome.POSTED;
        }
      } else {
        LOG.errorf("giving up on %s to %s: %s", event.id(), route.name(), failure);
        Headers headers =
            problemHeaders(
                record, SlackNotifier.WEBHOOK_FAILED, "route " + route.name() + ": " + failure);
        headers.add(SlackNotifier.ROUTE_HEADER, route.name().getBytes(StandardCharsets.UTF_8));
        sink.deadLetter(record.key(), record.value(), headers);
        outcome = Outcome.DEAD_LETTERED;
      }
      delivered.remember(key);
    }
    return outcome;
  }

  /** Posts with retries; null when delivered, else why not. */
  private String deliver(Route route, byte[] body) throws InterruptedException {
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
