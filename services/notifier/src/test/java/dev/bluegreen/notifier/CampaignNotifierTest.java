package dev.bluegreen.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.notifier.SlackNotifier.Outcome;
import dev.bluegreen.notifier.core.BlockKitMessage;
import dev.bluegreen.notifier.core.CampaignEntries;
import dev.bluegreen.notifier.core.CampaignNews;
import dev.bluegreen.notifier.core.ClusterPattern;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Routing;
import dev.bluegreen.notifier.core.Severity;
import dev.bluegreen.notifier.core.TeamDirectory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Campaign decisions to channels: which route gets what, messages, dead letters. */
class CampaignNotifierTest {

  private final ScriptedSlack slack = new ScriptedSlack();
  private final RecordingSink sink = new RecordingSink();
  private final List<String> posted = slack.posted;
  private final List<String> bodies = slack.bodies;
  private final List<Headers> deadLetters = sink.deadLetters;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final CampaignEntries entries = new CampaignEntries("cmp-9");

  private final CampaignNotifier notifier =
      new CampaignNotifier(
          new Routing(
              List.of(
                  route("campaigns", Optional.empty(), Route.CampaignScope.ALL, Severity.INFO),
                  route(
                      "payments",
                      Optional.of("payments"),
                      Route.CampaignScope.MEMBERS,
                      Severity.ACTION_NEEDED),
                  route(
                      "search", Optional.of("search"), Route.CampaignScope.MEMBERS, Severity.INFO),
                  route("quiet", Optional.empty(), Route.CampaignScope.NONE, Severity.INFO)),
              new TeamDirectory(Map.of(), Optional.of("-"))),
          new BlockKitMessage("https://api.test"),
          slack.delivery(sink),
          new CampaignNews.Desk(100));

  private static Route route(
      String name, Optional<String> team, Route.CampaignScope scope, Severity minimum) {
    return new Route(
        name,
        "https://hooks.test/" + name,
        team,
        ClusterPattern.of("*"),
        Route.atLeast(minimum),
        scope);
  }

  private ConsumerRecord<String, byte[]> recordOf(CloudEvent<?> event) {
    ProducerRecord<String, byte[]> r = codec.toRecord(event);
    return raw(r.topic(), r.key(), r.headers(), r.value());
  }

  private static ConsumerRecord<String, byte[]> raw(
      String topic, String key, Headers headers, byte[] value) {
    return new ConsumerRecord<>(
        topic, 0, 7L, 0L, TimestampType.CREATE_TIME, 0, 0, key, value, headers, Optional.empty());
  }

  private Outcome receive(CampaignTransitioned entry) throws InterruptedException {
    return notifier.receive(recordOf(CloudEvent.of("/bluegreen/orchestrator", entry, entry.at())));
  }

  @Test
  void started_goesToTheCampaignChannel_andTheTeamOfTheMemberStarted() throws InterruptedException {
    assertEquals(Outcome.POSTED, receive(entries.started()));
    assertEquals(List.of("campaigns", "search"), posted);
    String body = bodies.get(0);
    assertTrue(body.contains("1.32 to 1.33: campaign started: wave 1/2 canary"), body);
    assertTrue(body.contains("https://api.test/campaigns/cmp-9"), body);
  }

  @Test
  void stoppingTheLine_reachesTheFailedMembersTeam_withTheReason() throws InterruptedException {
    receive(entries.started());
    receive(entries.nextWave());
    posted.clear();
    bodies.clear();

    assertEquals(Outcome.POSTED, receive(entries.stoppedTheLine()));

    assertEquals(List.of("campaigns", "payments"), posted);
    assertTrue(bodies.get(1).contains("stopped the line: 1 failed member"), bodies.get(1));
    assertTrue(bodies.get(1).contains(":raising_hand:"), bodies.get(1));
  }

  @Test
  void progressAndRefusals_areNotPosted() throws InterruptedException {
    receive(entries.started());
    posted.clear();
    assertEquals(Outcome.NOT_ROUTED, receive(entries.memberOnGreen()));
    assertEquals(Outcome.NOT_ROUTED, receive(entries.refused()));
    assertEquals(List.of(), posted);
  }

  @Test
  void aMalformedRecord_isDeadLetteredWithTheReason() throws InterruptedException {
    Headers headers =
        codec
            .toRecord(
                CloudEvent.of(
                    "/bluegreen/orchestrator", entries.completed(), entries.completed().at()))
            .headers();
    Outcome outcome =
        notifier.receive(
            raw(
                Topics.CAMPAIGN_AUDIT.name(),
                "cmp-9",
                headers,
                "{not json".getBytes(StandardCharsets.UTF_8)));

    assertEquals(Outcome.DEAD_LETTERED, outcome);
    assertEquals("MALFORMED_JSON", CloudEventCodec.header(deadLetters.get(0), DeadLetters.PROBLEM));
    assertEquals(
        Topics.CAMPAIGN_AUDIT.name(),
        CloudEventCodec.header(deadLetters.get(0), DeadLetters.SOURCE_TOPIC));
    assertEquals(List.of(), posted);
  }

  @Test
  void anotherEventOnTheTopic_isDeadLetteredAsNotACampaignEntry() throws InterruptedException {
    var noHeaders = new RecordHeaders();
    assertEquals(
        Outcome.DEAD_LETTERED,
        notifier.receive(raw(Topics.CAMPAIGN_AUDIT.name(), "cmp-9", noHeaders, new byte[0])));
    CloudEvent<?> upgradeEntry =
        CloudEvent.of(
            "/x",
            new dev.bluegreen.contracts.events.InputRejected(
                null,
                "search-1",
                null,
                new dev.bluegreen.contracts.events.Cause("e", "t"),
                "a",
                "r",
                false,
                null,
                CampaignEntries.AT,
                null),
            CampaignEntries.AT);
    assertEquals(Outcome.DEAD_LETTERED, notifier.receive(recordOf(upgradeEntry)));
    assertEquals(
        CampaignNotifier.NOT_A_CAMPAIGN_ENTRY,
        CloudEventCodec.header(deadLetters.get(1), DeadLetters.PROBLEM));
  }

  @Test
  void theSameDecisionTwice_isPostedOnce() throws InterruptedException {
    CloudEvent<CampaignTransitioned> event =
        CloudEvent.of("/bluegreen/orchestrator", entries.completed(), entries.completed().at());
    notifier.receive(recordOf(event));
    posted.clear();
    assertEquals(Outcome.DUPLICATE, notifier.receive(recordOf(event)));
    assertEquals(List.of(), posted);
  }
}
