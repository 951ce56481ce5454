package dev.bluegreen.notifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier against a real broker and a real HTTP server standing in for Slack: audit entries
 * in, Block Kit posts out, failures retried or dead-lettered. Each test uses its own upgrade id and
 * cluster, so tests sharing the broker and the server do not disturb each other.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(FakeSlackTestResource.class)
class SlackNotifierIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private final ObjectMapper json = new ObjectMapper();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  FakeSlack slack;

  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrapServers);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  private static String upgradeId() {
    return "upg-" + UUID.randomUUID();
  }

  private static CloudEvent<UpgradeTransitioned> transition(
      String upgradeId, String cluster, UpgradeState from, UpgradeState to, String reason) {
    return CloudEvent.of(
        "/bluegreen/orchestrator",
        new UpgradeTransitioned(
            upgradeId,
            cluster,
            from,
            to,
            new Cause(UUID.randomUUID().toString(), "dev.bluegreen.PhaseFailed.v1"),
            "orchestrator",
            reason,
            Instant.parse("2026-11-25T10:15:30Z"),
            1,
            to == UpgradeState.SHIFTING ? 2 : null,
            List.of(),
            null,
            null,
            null,
            null),
        Instant.now());
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void approvalNeeded_isPostedToTheTeamChannel_withClusterStatesAndLink() {
    String id = upgradeId();
    probe.publish(
        transition(
            id,
            "payments-prod",
            UpgradeState.VERIFYING,
            UpgradeState.AWAITING_SHIFT_APPROVAL,
            "smoke tests passed"));

    FakeSlack.Post post = slack.awaitDelivered("/payments", b -> b.contains(id));

    JsonNode message = parse(post.body());
    String text = message.toString();
    assertTrue(text.contains("payments-prod"), text);
    assertTrue(text.contains("VERIFYING → AWAITING_SHIFT_APPROVAL"), text);
    assertTrue(text.contains("smoke tests passed"), text);
    assertTrue(message.get("blocks").isArray(), text);
    JsonNode button = message.get("blocks").findValue("url");
    assertEquals(FakeSlackTestResource.API + "/upgrades/" + id, button.asText());
  }

  @Test
  void failure_goesToTheOwningTeamsChannelOnly() {
    String failed = upgradeId();
    probe.publish(
        transition(
            failed,
            "payments-eu",
            UpgradeState.CLEANING_UP,
            UpgradeState.FAILED,
            "green node group never became ready"));
    // Given/When: the failure, then a marker for a search cluster posted after it.
    slack.awaitDelivered("/payments", b -> b.contains(failed));
    String marker = upgradeId();
    probe.publish(
        transition(marker, "search-eu", UpgradeState.PREFLIGHT, UpgradeState.PROVISIONING, "ok"));
    slack.awaitDelivered("/search", b -> b.contains(marker));

    // Then: the failure is in the payments channel once, and nowhere else.
    assertEquals(1, slack.posts("/payments", b -> b.contains(failed)).size());
    for (String other : List.of("/search", "/flaky", "/throttled", "/broken")) {
      assertEquals(List.of(), slack.posts(other, b -> b.contains(failed)), other);
    }
    assertTrue(slack.posts("/payments", b -> b.contains(failed)).get(0).body().contains("FAILED"));
  }

  @Test
  void infoForAPaymentsCluster_isBelowTheirMinimum_andIsNotPosted() {
    String info = upgradeId();
    probe.publish(
        transition(info, "payments-us", UpgradeState.PREFLIGHT, UpgradeState.PROVISIONING, "ok"));
    String failure = upgradeId();
    probe.publish(
        transition(
            failure, "payments-us", UpgradeState.PROVISIONING, UpgradeState.CLEANING_UP, "x"));

    slack.awaitDelivered("/payments", b -> b.contains(failure));

    assertEquals(List.of(), slack.posts("/payments", b -> b.contains(info)));
  }

  @Test
  void serverError_isRetried_andTheMessageDeliveredOnce() {
    String id = upgradeId();
    probe.publish(transition(id, "flaky-1", UpgradeState.DEPLOYING, UpgradeState.VERIFYING, "ok"));

    slack.awaitDelivered("/flaky", b -> b.contains(id));

    List<FakeSlack.Post> posts = slack.posts("/flaky", b -> b.contains(id));
    assertEquals(List.of(500, 200), posts.stream().map(FakeSlack.Post::answered).toList());
  }

  @Test
  void rateLimit_waitsTheRetryAfterSlackAsked_beforePostingAgain() {
    String id = upgradeId();
    probe.publish(
        transition(id, "throttled-1", UpgradeState.SHIFTING, UpgradeState.SHIFTING, "step done"));

    slack.awaitDelivered("/throttled", b -> b.contains(id));

    List<FakeSlack.Post> posts = slack.posts("/throttled", b -> b.contains(id));
    assertEquals(List.of(429, 200), posts.stream().map(FakeSlack.Post::answered).toList());
    Duration waited = Duration.between(posts.get(0).at(), posts.get(1).at());
    // Retry-After: 1 (seconds); the backoff alone would have waited 50 ms.
    assertTrue(waited.compareTo(Duration.ofMillis(950)) >= 0, "waited only " + waited);
  }

  @Test
  void offset_isCommittedOnlyAfterTheEntryIsPosted() throws Exception {
    String id = upgradeId();
    CloudEvent<UpgradeTransitioned> event =
        transition(id, "throttled-2", UpgradeState.HANDOVER, UpgradeState.SOAKING, "handed over");
    probe.publish(event);
    ConsumerRecord<String, byte[]> record =
        probe.awaitRecord(
            Topics.AUDIT.name(),
            r -> event.id().equals(CloudEventCodec.header(r.headers(), "ce_id")),
            "the entry on the audit topic",
            DEADLINE);
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      // While Slack makes us wait (429, Retry-After: 1), the entry's offset is not committed.
      Deadline throttled = Deadline.in(DEADLINE);
      while (slack.posts("/throttled", b -> b.contains(id)).isEmpty()) {
        throttled.check("the first, rate-limited post");
        throttled.pause();
      }
      long whileWaiting = committed(admin, partition);
      Instant checked = Instant.now();
      assertTrue(whileWaiting <= record.offset(), "committed " + whileWaiting + " before posting");

      FakeSlack.Post delivered = slack.awaitDelivered("/throttled", b -> b.contains(id));
      assertTrue(checked.isBefore(delivered.at()), "the check came too late to mean anything");

      // Once posted, the committed offset moves past it: a restart will not post it again.
      Deadline committed = Deadline.in(DEADLINE);
      while (committed(admin, partition) <= record.offset()) {
        committed.check("the notifier's offset to move past " + record.offset());
        committed.pause();
      }
    }
  }

  /** The notifier group's committed offset on a partition (the next offset it will read). */
  private static long committed(Admin admin, TopicPartition partition) throws Exception {
    OffsetAndMetadata offset =
        admin
            .listConsumerGroupOffsets("notifier")
            .partitionsToOffsetAndMetadata()
            .get()
            .get(partition);
    return offset == null ? -1 : offset.offset();
  }

  @Test
  void webhookThatKeepsFailing_sendsTheEntryToTheDeadLetterTopic_withTheReason() {
    String id = upgradeId();
    CloudEvent<UpgradeTransitioned> event =
        transition(id, "broken-1", UpgradeState.HANDOVER, UpgradeState.ROLLING_BACK, "5xx burst");
    probe.publish(event);

    ConsumerRecord<String, byte[]> dead =
        probe.awaitRecord(
            Topics.DEAD_LETTER.name(),
            r -> event.id().equals(CloudEventCodec.header(r.headers(), "ce_id")),
            "the undeliverable entry on the dead-letter topic",
            DEADLINE);

    assertEquals("broken-1", dead.key());
    assertEquals(
        SlackNotifier.WEBHOOK_FAILED, CloudEventCodec.header(dead.headers(), DeadLetters.PROBLEM));
    String reason = CloudEventCodec.header(dead.headers(), DeadLetters.REASON);
    assertTrue(reason.contains("broken") && reason.contains("3 attempts"), reason);
    assertTrue(reason.contains("HTTP 500"), reason);
    assertEquals("notifier", CloudEventCodec.header(dead.headers(), DeadLetters.CONSUMER));
    assertEquals(
        Topics.AUDIT.name(), CloudEventCodec.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
    assertEquals(3, slack.posts("/broken", b -> b.contains(id)).size());
    // The dead letter is the original record: decodable, replayable once the webhook is fixed.
    assertTrue(probe.decode(dead) instanceof dev.bluegreen.contracts.Incoming.Valid);
  }

  @Test
  void poisonPill_goesToTheDeadLetterTopic_andTheNextEntryIsStillPosted() {
    String id = upgradeId();
    var headers =
        new CloudEventCodec()
            .toRecord(
                transition(id, "search-poison", UpgradeState.REQUESTED, UpgradeState.PREFLIGHT, ""))
            .headers();
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    probe.publishRaw(Topics.AUDIT.name(), "search-poison", headers, garbage);
    String next = upgradeId();
    probe.publish(
        transition(next, "search-poison", UpgradeState.REQUESTED, UpgradeState.PREFLIGHT, "go"));

    ConsumerRecord<String, byte[]> dead =
        probe.awaitRecord(
            Topics.DEAD_LETTER.name(),
            r -> "search-poison".equals(r.key()),
            "the poison pill on the dead-letter topic",
            DEADLINE);
    assertArrayEquals(garbage, dead.value());
    assertEquals("MALFORMED_JSON", CloudEventCodec.header(dead.headers(), DeadLetters.PROBLEM));

    slack.awaitDelivered("/search", b -> b.contains(next));
  }

  @Test
  void sameEventTwice_isPostedOnce() {
    String id = upgradeId();
    CloudEvent<UpgradeTransitioned> event =
        transition(id, "search-dup", UpgradeState.SOAKING, UpgradeState.DECOMMISSIONING, "ok");
    probe.publish(event);
    probe.publish(event);
    String marker = upgradeId();
    probe.publish(
        transition(marker, "search-dup", UpgradeState.DECOMMISSIONING, UpgradeState.COMPLETED, ""));

    slack.awaitDelivered("/search", b -> b.contains(marker));

    assertEquals(1, slack.posts("/search", b -> b.contains(id)).size());
  }

  @Test
  void rejectedInput_isPostedAsAWarning() {
    String id = upgradeId();
    probe.publish(
        CloudEvent.of(
            "/bluegreen/orchestrator",
            new InputRejected(
                id,
                "search-rej",
                UpgradeState.SHIFTING,
                new Cause(UUID.randomUUID().toString(), "dev.bluegreen.UpgradeRequested.v1"),
                "alice",
                "an upgrade is already active",
                false,
                "upg-other",
                Instant.now(),
                null),
            Instant.now()));

    FakeSlack.Post post = slack.awaitDelivered("/search", b -> b.contains(id));

    assertTrue(post.body().contains(":warning:"), post.body());
    assertTrue(post.body().contains("an upgrade is already active"), post.body());
  }

  @Test
  void campaignNews_goesToTheCampaignChannel_andAStoppedLineToTheFailedMembersTeam() {
    String id = "cmp-" + UUID.randomUUID().toString().substring(0, 8);
    dev.bluegreen.notifier.core.CampaignEntries entries =
        new dev.bluegreen.notifier.core.CampaignEntries(id);
    for (var entry :
        List.of(
            entries.started(),
            entries.memberOnGreen(),
            entries.nextWave(),
            entries.stoppedTheLine(),
            entries.refused())) {
      probe.publish(CloudEvent.of("/bluegreen/orchestrator", entry, entry.at()));
    }
    // A record on the campaign topic that is not JSON: dead-lettered, the next one still posted.
    probe.publishRaw(
        Topics.CAMPAIGN_AUDIT.name(),
        id,
        new CloudEventCodec()
            .toRecord(
                CloudEvent.of(
                    "/bluegreen/orchestrator",
                    entries.refused(),
                    dev.bluegreen.notifier.core.CampaignEntries.AT))
            .headers(),
        "{not json".getBytes(StandardCharsets.UTF_8));
    var done = entries.completed();
    probe.publish(CloudEvent.of("/bluegreen/orchestrator", done, done.at()));

    slack.awaitDelivered("/campaigns", b -> b.contains(id) && b.contains("campaign completed"));
    List<String> headlines =
        slack.posts("/campaigns", b -> b.contains(id)).stream()
            .map(p -> parse(p.body()).path("text").asText())
            .toList();
    assertEquals(
        List.of(
            ":large_blue_circle: 1.32 to 1.33: campaign started: wave 1/2 canary",
            ":white_check_mark: 1.32 to 1.33: wave 1/2 canary finished; wave 2/2 rest started",
            ":raising_hand: 1.32 to 1.33: campaign paused at wave 2/2 rest",
            ":white_check_mark: 1.32 to 1.33: campaign completed"),
        headlines,
        "progress and the refused control are not news");
    FakeSlack.Post stop = slack.awaitDelivered("/payments", b -> b.contains(id));
    assertTrue(stop.body().contains("stopped the line"), stop.body());
    assertEquals(1, slack.posts("/payments", b -> b.contains(id)).size(), "only the stop");
    ConsumerRecord<String, byte[]> dead =
        probe.awaitRecord(
            Topics.DEAD_LETTER.name(),
            r -> id.equals(r.key()),
            "the malformed campaign record on the dead-letter topic",
            DEADLINE);
    assertEquals(
        Topics.CAMPAIGN_AUDIT.name(),
        CloudEventCodec.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
    assertEquals("MALFORMED_JSON", CloudEventCodec.header(dead.headers(), DeadLetters.PROBLEM));
    assertTrue(
        CloudEventCodec.header(dead.headers(), DeadLetters.REASON).contains("not JSON"),
        CloudEventCodec.header(dead.headers(), DeadLetters.REASON));
  }

  @Test
  void aFleetFreeze_declaredThenLifted_reachesEveryChannelTakingWarnings() {
    String id = "freeze-" + UUID.randomUUID().toString().substring(0, 8);
    FleetFreeze declared =
        new FleetFreeze(
            id,
            Instant.parse("2026-11-27T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"),
            "peak sales",
            "alice",
            Instant.parse("2026-11-20T09:00:00Z"),
            null,
            null);
    probe.publish(CloudEvent.of("/bluegreen/orchestrator", declared, declared.declaredAt()));
    FleetFreeze lifted = declared.liftedBy("bob", Instant.parse("2026-11-28T12:00:00Z"));
    probe.publish(CloudEvent.of("/bluegreen/orchestrator", lifted, lifted.liftedAt()));

    for (String channel : List.of("/search", "/campaigns", "/flaky", "/throttled")) {
      slack.awaitDelivered(channel, b -> b.contains(id) && b.contains("lifted"));
      assertEquals(
          List.of(
              ":warning: Fleet freeze " + id + " declared",
              ":warning: Fleet freeze " + id + " lifted"),
          slack.posts(channel, b -> b.contains(id)).stream()
              .filter(p -> p.answered() == 200)
              .map(p -> parse(p.body()).path("text").asText())
              .toList(),
          channel);
    }
    ConsumerRecord<String, byte[]> dead =
        probe.awaitRecord(
            Topics.DEAD_LETTER.name(),
            r -> id.equals(r.key()),
            "the freeze the broken channel kept refusing, dead-lettered",
            DEADLINE);
    assertEquals(
        Topics.FLEET_FREEZES.name(),
        CloudEventCodec.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
    assertEquals("broken", CloudEventCodec.header(dead.headers(), SlackNotifier.ROUTE_HEADER));
    assertEquals(
        List.of(),
        slack.posts("/payments", b -> b.contains(id)),
        "payments takes ACTION_NEEDED up");
  }
}
