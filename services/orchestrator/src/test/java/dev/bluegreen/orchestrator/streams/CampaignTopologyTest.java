package dev.bluegreen.orchestrator.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.CampaignDecider;
import dev.bluegreen.campaign.core.CampaignInput;
import dev.bluegreen.campaign.recording.CampaignInputs;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.CampaignAction;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.MemberStatus;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.testkit.HealthyAnswers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns through the whole topology (both state machines, the topics between them), driven by
 * fake phase services, without a broker.
 */
class CampaignTopologyTest {

  private static final String ID = "cmp-test";
  private static final UpgradePlan PLAN =
      new UpgradePlan(
          List.of(TrafficStep.setWeight(50), TrafficStep.setWeight(100)),
          Duration.ofMinutes(1),
          new ApprovalGates(false, false),
          null);

  @TempDir Path stateDir;
  private TopologyHarness h;

  @BeforeEach
  void start() {
    h = new TopologyHarness(stateDir);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void request(boolean dryRun, int budget, String[]... waves) {
    List<CampaignMember> members = new ArrayList<>();
    List<CampaignWave> ws = new ArrayList<>();
    int i = 0;
    for (String[] wave : waves) {
      for (String m : wave) {
        members.add(new CampaignMember(m, m, "1.30", "1.31", "team", null));
      }
      ws.add(new CampaignWave("wave-" + (++i), List.of(wave), 1, null, false, null));
    }
    h.publish(
        new CampaignRequested(
            ID, "test", null, members, ws, 1, budget, null, PLAN, null, null, dryRun, "alice",
            h.now, null, null),
        "/bluegreen/orchestrator/api");
  }

  private void control(CampaignAction action, String member) {
    h.publish(
        new CampaignControlRequested(ID, action, member, null, "bob", null, h.now),
        "/bluegreen/orchestrator/api");
  }

  /** Answers every command until none comes; pre-flight fails for the clusters named. */
  private List<Command> answerAll(String... preflightFailsFor) {
    List<String> failing = List.of(preflightFailsFor);
    List<Command> seen = new ArrayList<>();
    List<Command> batch = h.commands();
    while (!batch.isEmpty()) {
      seen.addAll(batch);
      for (Command c : batch) {
        Fact answer =
            c instanceof RunPreflight && failing.contains(c.cluster())
                ? new PreflightCompleted(
                    c.commandId(),
                    c.upgradeId(),
                    c.cluster(),
                    c.greenCluster(),
                    false,
                    List.of(new Check("removed-apis", CheckResult.FAIL, "uses removed APIs", null)))
                : HealthyAnswers.to(c);
        h.publish(answer, HealthyAnswers.SOURCE);
      }
      batch = h.commands();
    }
    return seen;
  }

  private List<CampaignTransitioned> campaignAudit() {
    return h.read(Topics.CAMPAIGN_AUDIT).stream()
        .map(e -> (CampaignTransitioned) e.data())
        .toList();
  }

  @Test
  void wavesRunOneAfterTheOther_andTheCampaignCompletes() {
    request(false, 0, new String[] {"a-1"}, new String[] {"b-1", "b-2"});
    answerAll();
    Campaign c = h.campaign(ID);
    assertEquals(1, c.wave(), "a-1 is on green (soaking): the second wave started");
    assertEquals(MemberStatus.ON_GREEN, c.member("a-1").orElseThrow().status());
    assertEquals(
        MemberStatus.ON_GREEN,
        c.member("b-2").orElseThrow().status(),
        "one at a time: b-2 started when b-1 was on green");
    List<UpgradeRequested> starts =
        h.read(Topics.REQUESTS).stream()
            .filter(e -> e.data() instanceof UpgradeRequested)
            .map(e -> (UpgradeRequested) e.data())
            .toList();
    assertEquals(
        List.of("a-1", "b-1", "b-2"),
        starts.stream().map(UpgradeRequested::logicalCluster).toList());
    assertTrue(starts.stream().allMatch(r -> ID.equals(r.campaignId())));
    assertEquals("campaign/" + ID, starts.get(0).requestedBy());
    // Retention passes: blues are retired, every member completes, so does the campaign.
    h.advance(Duration.ofMinutes(2));
    answerAll();
    assertEquals(CampaignStatus.COMPLETED, h.campaign(ID).status());
  }

  @Test
  void failedPreflightPastTheBudget_pausesTheCampaign_andRetryCompletesIt() {
    request(false, 0, new String[] {"pay-1"}, new String[] {"b-1"});
    answerAll("pay-1");
    Campaign paused = h.campaign(ID);
    assertEquals(CampaignStatus.PAUSED, paused.status());
    assertTrue(paused.pauseReason().contains("budget is 0"), paused.pauseReason());
    assertEquals(MemberStatus.PENDING, paused.member("b-1").orElseThrow().status());
    // The cause is fixed; RETRY resumes pay-1's upgrade at its pre-flight, the campaign goes on.
    control(CampaignAction.RETRY, "pay-1");
    answerAll();
    Campaign c = h.campaign(ID);
    assertEquals(CampaignStatus.RUNNING, c.status());
    assertEquals(MemberStatus.ON_GREEN, c.member("b-1").orElseThrow().status());
  }

  @Test
  void plan_runsOnlyPreflights_thenStartRunsIt() {
    request(true, 0, new String[] {"a-1", "a-2"});
    List<Command> sent = answerAll("a-2");
    assertEquals(
        List.of("RunPreflight", "RunPreflight"),
        sent.stream().map(x -> x.getClass().getSimpleName()).toList());
    Campaign planned = h.campaign(ID);
    assertEquals(CampaignStatus.PLANNED, planned.status());
    assertEquals(Boolean.FALSE, planned.member("a-2").orElseThrow().planPassed());
    assertTrue(planned.member("a-2").orElseThrow().planResult().contains("pre-flight"));
    control(CampaignAction.SKIP, "a-2");
    control(CampaignAction.START, null);
    answerAll();
    Campaign c = h.campaign(ID);
    assertEquals(MemberStatus.ON_GREEN, c.member("a-1").orElseThrow().status());
    assertEquals(MemberStatus.SKIPPED, c.member("a-2").orElseThrow().status());
  }

  @Test
  void theCampaignAuditLog_replaysThroughDecide() {
    request(false, 1, new String[] {"pay-1"}, new String[] {"b-1"});
    answerAll("pay-1");
    control(CampaignAction.PAUSE, null);
    List<CampaignTransitioned> log = campaignAudit();
    Campaign replayed = null;
    CampaignDecider decider = new CampaignDecider();
    var json = CloudEventCodec.newObjectMapper();
    for (CampaignTransitioned t : log) {
      CampaignInput in = CampaignInputs.restore(t.input(), json);
      var d = decider.decide(replayed, in);
      replayed = d.next();
      assertEquals(t.to(), replayed.status(), "replayed status after " + t.reason());
    }
    assertEquals(h.campaign(ID), replayed);
    // The trail the API reads is stored a line per key (a value per campaign would outgrow a
    // Kafka record at fleet scale), in order.
    org.apache.kafka.streams.state.KeyValueStore<String, Long> count =
        h.driver.getKeyValueStore(CampaignStores.AUDIT_COUNT);
    org.apache.kafka.streams.state.KeyValueStore<String, AuditTrail.Line> lines =
        h.driver.getKeyValueStore(CampaignStores.AUDIT_LINES);
    assertEquals(log.size(), count.get(ID).intValue());
    for (int i = 0; i < log.size(); i++) {
      assertEquals(
          log.get(i).reason(), lines.get(CampaignStores.lineKey(ID, i)).data().get("reason"));
    }
  }

  @Test
  void aCampaignOfAThousandMembers_isStoredInParts_noneNearAKafkaRecordsLimit() {
    String[] fleet = new String[1000];
    for (int i = 0; i < fleet.length; i++) {
      fleet[i] = "fleet-cluster-with-a-long-name-%04d".formatted(i);
    }
    // Not run to the end: the test driver commits (flushes every store) after each record, which
    // makes a thousand upgrades take minutes here; bin/bench's campaign stage runs them for real.
    request(false, 0, fleet);
    Campaign c = h.campaign(ID);
    assertEquals(1000, c.members().size());
    assertEquals(MemberStatus.UPGRADING, c.member(fleet[0]).orElseThrow().status());
    assertEquals(999, c.counts().get(MemberStatus.PENDING));
    var json = new JsonSerde<>(Object.class).serializer();
    org.apache.kafka.streams.state.KeyValueStore<String, Campaign> heads =
        h.driver.getKeyValueStore(CampaignStores.CAMPAIGNS);
    int head = json.serialize("t", heads.get(ID)).length;
    assertTrue(head < 64 * 1024, "the head is rewritten at every decision: " + head + " bytes");
    org.apache.kafka.streams.state.KeyValueStore<String, CampaignRequested> specs =
        h.driver.getKeyValueStore(CampaignStores.SPECS);
    int spec = json.serialize("t", specs.get(ID)).length;
    assertTrue(spec < 512 * 1024, "the request, written once: " + spec + " bytes");
  }

  @Test
  void aCampaignStoredWholeByAnOlderVersion_isReadAsItIs_andSplitAtItsNextDecision() {
    request(false, 0, new String[] {"a-1"}, new String[] {"b-1"});
    Campaign whole = h.campaign(ID);
    org.apache.kafka.streams.state.KeyValueStore<String, Campaign> heads =
        h.driver.getKeyValueStore(CampaignStores.CAMPAIGNS);
    heads.put(ID, whole);
    assertEquals(whole, h.campaign(ID));
    answerAll();
    Campaign c = h.campaign(ID);
    assertEquals(1, c.wave(), "the stored campaign went on");
    assertTrue(heads.get(ID).members().isEmpty(), "its head is split again");
    assertEquals(2, c.members().size());
  }

  @Test
  void aMalformedCampaignRequest_goesToTheDeadLetterTopic_andCampaignsGoOn() {
    org.apache.kafka.common.header.internals.RecordHeaders headers =
        new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(
        "ce_type",
        "dev.bluegreen.CampaignRequested.v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    headers.add("ce_specversion", "1.0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    h.publishRaw(
        Topics.CAMPAIGN_REQUESTS,
        "cmp-bad",
        headers,
        "{]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var dead = h.readRaw(Topics.DEAD_LETTER);
    assertEquals(1, dead.size());
    assertEquals("cmp-bad", dead.get(0).key());
    assertTrue(
        new String(
                    dead.get(0).headers().lastHeader("dlq_reason").value(),
                    java.nio.charset.StandardCharsets.UTF_8)
                .length()
            > 0);
    request(false, 0, new String[] {"a-1"});
    answerAll();
    assertEquals(MemberStatus.ON_GREEN, h.campaign(ID).member("a-1").orElseThrow().status());
  }
}
