package dev.bluegreen.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.notifier.SlackNotifier.Outcome;
import dev.bluegreen.notifier.core.BlockKitMessage;
import dev.bluegreen.notifier.core.CampaignEntries;
import dev.bluegreen.notifier.core.ClusterPattern;
import dev.bluegreen.notifier.core.FreezeNews;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Routing;
import dev.bluegreen.notifier.core.Severity;
import dev.bluegreen.notifier.core.TeamDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Fleet freezes to channels: every route taking warnings, declared/changed/lifted, dead letters.
 */
class FreezeNotifierTest {

  private static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

  private final ScriptedSlack slack = new ScriptedSlack();
  private final RecordingSink sink = new RecordingSink();
  private final List<String> posted = slack.posted;
  private final List<String> bodies = slack.bodies;
  private final List<Headers> deadLetters = sink.deadLetters;
  private final CloudEventCodec codec = new CloudEventCodec();

  private final FreezeNotifier notifier =
      new FreezeNotifier(
          new Routing(
              List.of(
                  route("fleet", Optional.empty(), Route.CampaignScope.ALL, Severity.INFO),
                  route("search", Optional.of("search"), Route.CampaignScope.NONE, Severity.INFO),
                  route(
                      "payments",
                      Optional.of("payments"),
                      Route.CampaignScope.MEMBERS,
                      Severity.ACTION_NEEDED),
                  route("broken", Optional.empty(), Route.CampaignScope.NONE, Severity.WARNING)),
              new TeamDirectory(Map.of(), Optional.of("-"))),
          new BlockKitMessage("https://api.test"),
          slack.delivery(sink),
          new FreezeNews.Desk(100));

  private static Route route(
      String name, Optional<String> team, Route.CampaignScope scope, Severity minimum) {
    return new Route(
        name,
        "https://hooks.test/" + name,
        team,
        ClusterPattern.of(name.equals("search") ? "search-*" : "*"),
        Route.atLeast(minimum),
        scope);
  }

  private static FleetFreeze declared(String to) {
    return new FleetFreeze(
        "black-friday",
        Instant.parse("2026-11-27T00:00:00Z"),
        Instant.parse(to),
        "peak sales",
        "alice",
        AT,
        null,
        null);
  }

  private Outcome receive(FleetFreeze freeze) throws InterruptedException {
    ProducerRecord<String, byte[]> r =
        codec.toRecord(CloudEvent.of("/bluegreen/orchestrator", freeze, AT));
    return notifier.receive(raw(r.key(), r.headers(), r.value()));
  }

  private static ConsumerRecord<String, byte[]> raw(String key, Headers headers, byte[] value) {
    return new ConsumerRecord<>(
        Topics.FLEET_FREEZES.name(),
        0,
        3L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        key,
        value,
        headers,
        Optional.empty());
  }

  @Test
  void declared_goesToEveryRouteTakingWarnings_whateverItsTeamOrClusters()
      throws InterruptedException {
    assertEquals(Outcome.DEAD_LETTERED, receive(declared("2026-12-01T00:00:00Z")));

    assertEquals(List.of("fleet", "search", "broken", "broken"), posted, "payments: too minor");
    String body = bodies.get(0);
    assertTrue(body.contains(":warning: Fleet freeze black-friday declared"), body);
    assertTrue(body.contains("peak sales"), body);
    assertTrue(
        body.contains("2026-11-27T00:00:00Z") && body.contains("2026-12-01T00:00:00Z"), body);
    assertTrue(body.contains("https://api.test/freezes/black-friday"), body);
    assertTrue(body.contains("by alice"), body);
    assertEquals(
        SlackNotifier.WEBHOOK_FAILED,
        CloudEventCodec.header(deadLetters.get(0), DeadLetters.PROBLEM));
    assertEquals("broken", CloudEventCodec.header(deadLetters.get(0), SlackNotifier.ROUTE_HEADER));
  }

  @Test
  void changedThenLifted_areNews_butTheSameRecordAgainAndASecondLiftingAreNot()
      throws InterruptedException {
    receive(declared("2026-12-01T00:00:00Z"));
    assertEquals(Outcome.NOT_ROUTED, receive(declared("2026-12-01T00:00:00Z")));
    posted.clear();
    bodies.clear();

    FleetFreeze longer = declared("2026-12-03T00:00:00Z");
    receive(longer);
    assertTrue(bodies.get(0).contains("Fleet freeze black-friday changed"), bodies.get(0));

    FleetFreeze lifted = longer.liftedBy("bob", Instant.parse("2026-11-28T12:00:00Z"));
    receive(lifted);
    String liftedBody = bodies.get(bodies.size() - 1);
    assertTrue(liftedBody.contains("Fleet freeze black-friday lifted"), liftedBody);
    assertTrue(liftedBody.contains("by bob"), liftedBody);

    posted.clear();
    assertEquals(
        Outcome.NOT_ROUTED,
        receive(longer.liftedBy("carol", Instant.parse("2026-11-28T13:00:00Z"))));
    assertEquals(List.of(), posted);
  }

  @Test
  void malformedAndForeignRecords_areDeadLetteredWithTheReason() throws InterruptedException {
    ProducerRecord<String, byte[]> good =
        codec.toRecord(
            CloudEvent.of("/bluegreen/orchestrator", declared("2026-12-01T00:00:00Z"), AT));
    assertEquals(
        Outcome.DEAD_LETTERED,
        notifier.receive(
            raw("black-friday", good.headers(), "{not json".getBytes(StandardCharsets.UTF_8))));
    assertEquals("MALFORMED_JSON", CloudEventCodec.header(deadLetters.get(0), DeadLetters.PROBLEM));
    assertEquals(
        Topics.FLEET_FREEZES.name(),
        CloudEventCodec.header(deadLetters.get(0), DeadLetters.SOURCE_TOPIC));

    var campaignEntry = new CampaignEntries("cmp-1").started();
    ProducerRecord<String, byte[]> foreign =
        codec.toRecord(CloudEvent.of("/bluegreen/orchestrator", campaignEntry, AT));
    assertEquals(
        Outcome.DEAD_LETTERED, notifier.receive(raw("cmp-1", foreign.headers(), foreign.value())));
    assertEquals(
        FreezeNotifier.NOT_A_FLEET_FREEZE,
        CloudEventCodec.header(deadLetters.get(1), DeadLetters.PROBLEM));
    assertEquals(List.of(), posted);
  }
}
