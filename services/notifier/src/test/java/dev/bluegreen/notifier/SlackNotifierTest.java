package dev.bluegreen.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.notifier.SlackNotifier.Outcome;
import dev.bluegreen.notifier.core.BlockKitMessage;
import dev.bluegreen.notifier.core.ClusterPattern;
import dev.bluegreen.notifier.core.RecentEvents;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Routing;
import dev.bluegreen.notifier.core.Severity;
import dev.bluegreen.notifier.core.TeamDirectory;
import dev.bluegreen.notifier.core.WebhookAnswer;
import dev.bluegreen.notifier.core.WebhookRetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The glue between a record and the webhooks, with a scripted Slack and recorded waits. */
class SlackNotifierTest {

  private final ScriptedSlack slack = new ScriptedSlack();
  private final RecordingSink sink = new RecordingSink();
  private final List<Duration> pauses = new ArrayList<>();
  private final CloudEventCodec codec = new CloudEventCodec();

  private final SlackNotifier notifier =
      new SlackNotifier(
          new Routing(
              List.of(route("team"), route("fleet")),
              new TeamDirectory(Map.of(), Optional.of("-"))),
          new BlockKitMessage("https://api.test"),
          delivery(pauses::add));

  /** Three posts at most, from 100 ms apart, each wait through {@code pause}. */
  private WebhookDelivery delivery(SlackNotifier.Pause pause) {
    return new WebhookDelivery(
        "notifier",
        new WebhookRetryPolicy(
            3, Duration.ofMillis(100), 2, Duration.ofSeconds(1), Duration.ofSeconds(60)),
        slack,
        pause,
        sink,
        new RecentEvents(100));
  }

  private static Route route(String name) {
    return new Route(
        name,
        "https://hooks.test/" + name,
        Optional.empty(),
        ClusterPattern.of("*"),
        Route.atLeast(Severity.INFO));
  }

  private ConsumerRecord<String, byte[]> recordOf(CloudEvent<?> event) {
    ProducerRecord<String, byte[]> r = codec.toRecord(event);
    return new ConsumerRecord<>(
        r.topic(),
        3,
        42L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        r.key(),
        r.value(),
        r.headers(),
        Optional.empty());
  }

  private static CloudEvent<UpgradeTransitioned> failure() {
    return CloudEvent.of(
        "/bluegreen/orchestrator",
        new UpgradeTransitioned(
            "upg-9",
            "payments-prod",
            UpgradeState.SHIFTING,
            UpgradeState.ROLLING_BACK,
            new Cause("evt-1", "dev.bluegreen.AnalysisCompleted.v1"),
            "orchestrator",
            "error rate 7% on green",
            Instant.parse("2026-11-25T10:00:00Z"),
            1,
            1,
            List.of(),
            null,
            null,
            null,
            null),
        Instant.now());
  }

  @Test
  void rateLimited_waitsExactlyWhatSlackAsked_thenPosts() throws InterruptedException {
    slack.answer("team", new WebhookAnswer(429, Optional.of("7"), "rate_limited"));

    Outcome outcome = notifier.receive(recordOf(failure()));

    assertEquals(Outcome.POSTED, outcome);
    assertEquals(List.of(Duration.ofSeconds(7)), pauses);
    assertEquals(List.of("team", "team", "fleet"), slack.posted);
  }

  @Test
  void oneChannelRefusing_deadLettersThatDeliveryOnly_withTheRouteNamed()
      throws InterruptedException {
    slack.answer("team", new WebhookAnswer(404, Optional.empty(), "channel_not_found"));

    Outcome outcome = notifier.receive(recordOf(failure()));

    assertEquals(Outcome.DEAD_LETTERED, outcome);
    assertEquals(List.of("team", "fleet"), slack.posted);
    assertEquals(List.of(), pauses);
    assertEquals(1, sink.deadLetters.size());
    Headers headers = sink.deadLetters.get(0);
    assertEquals(
        SlackNotifier.WEBHOOK_FAILED, CloudEventCodec.header(headers, DeadLetters.PROBLEM));
    assertEquals("team", CloudEventCodec.header(headers, SlackNotifier.ROUTE_HEADER));
    String reason = CloudEventCodec.header(headers, DeadLetters.REASON);
    assertTrue(reason.contains("HTTP 404 (channel_not_found)"), reason);
    assertTrue(!reason.contains("hooks.test"), "the webhook URL is a secret: " + reason);
    assertEquals("42", CloudEventCodec.header(headers, DeadLetters.SOURCE_OFFSET));
  }

  @Test
  void redelivery_ofADoneRecord_postsAndDeadLettersNothingMore() throws InterruptedException {
    CloudEvent<UpgradeTransitioned> event = failure();
    notifier.receive(recordOf(event));
    slack.posted.clear();

    assertEquals(Outcome.DUPLICATE, notifier.receive(recordOf(event)));
    assertEquals(List.of(), slack.posted);
  }

  @Test
  void aValidEventThatIsNoAuditEntry_isDeadLettered() throws InterruptedException {
    CloudEvent<DecommissionBlue> command =
        CloudEvent.of(
            "/x",
            new DecommissionBlue(
                "c-1",
                "upg-9",
                "payments-prod",
                "payments-prod-g1",
                Instant.parse("2026-11-20T00:00:00Z"),
                Duration.ofDays(3),
                null,
                false),
            Instant.now());

    assertEquals(Outcome.DEAD_LETTERED, notifier.receive(recordOf(command)));
    assertEquals(
        SlackNotifier.NOT_AN_AUDIT_ENTRY,
        CloudEventCodec.header(sink.deadLetters.get(0), DeadLetters.PROBLEM));
  }

  @Test
  void interruptedWhileWaiting_throws_soTheRecordIsNotAcknowledged() {
    slack.answer("team", new WebhookAnswer(503, Optional.empty(), ""));
    SlackNotifier stopping =
        new SlackNotifier(
            new Routing(List.of(route("team")), new TeamDirectory(Map.of(), Optional.empty())),
            new BlockKitMessage("https://api.test"),
            delivery(
                d -> {
                  throw new InterruptedException("shutting down");
                }));

    assertThrows(InterruptedException.class, () -> stopping.receive(recordOf(failure())));
    assertEquals(List.of(), sink.deadLetters);
  }
}
