package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crash safety, end to end: one upgrade during which every service is killed with SIGKILL while it
 * is inside its own phase (its command taken, a side effect made, its fact not yet published) and
 * started again. The upgrade still completes, the simulator's journal shows no side effect made
 * twice, and every command exists once on its topic.
 *
 * <p>Each service is held inside its phase by the simulator (a resource that stays in its lifecycle
 * state, rule reads that lag behind a ModifyRule), so the kill lands mid-phase every time rather
 * than when the timing happens to allow it.
 *
 * <p>Then, on the same platform, a campaign whose orchestrator is killed mid-wave: it completes
 * without starting any member twice.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CrashSafetyIT {

  private static final String BLUE = "search-002";

  /** 1.32 clusters no other scenario of this class touches. */
  private static final List<String> CAMPAIGN_MEMBERS =
      List.of("identity-003", "search-011", "search-101", "identity-103");

  private static final Duration WITHIN = Duration.ofMinutes(3);
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  /** One platform for both scenarios: a start costs more than either. */
  @Test
  void crashes(KafkaBroker broker) {
    try (SimulatedCloud cloud = new SimulatedCloud()) {
      Map<String, String> settings = new LinkedHashMap<>(cloud.serviceSettings());
      settings.putAll(fastRejoin());
      try (Platform platform = Platform.start(broker, settings)) {
        UpgradeApi api = platform.api();
        everyServiceKilledInsideItsPhase_upgradeStillCompletes_withNoSideEffectTwice(
            broker, cloud, platform, api);
        orchestratorKilledMidWave_campaignCompletes_withNoMemberStartedTwice(
            broker, cloud, platform, api);
      }
    }
  }

  private void everyServiceKilledInsideItsPhase_upgradeStillCompletes_withNoSideEffectTwice(
      KafkaBroker broker, SimulatedCloud cloud, Platform platform, UpgradeApi api) {
    String rule = cloud.sim.ruleArnOf(BLUE).orElseThrow();
    List<String> blueCronJobs = cloud.activeCronJobs(BLUE);
    String id =
        api.requestUpgrade(
            """
            {"cluster":"%s","targetVersion":"1.33","retention":"PT3S",
             "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}]}
            """
                .formatted(BLUE));
    String green = api.upgrade(id).path("greenCluster").asText();

    // Provisioner: green's cluster is created but never becomes ACTIVE while held.
    String held = cloud.addFault(Fault.stuck(green));
    cloud.awaitJournal("CreateCluster", green::equals, WITHIN);
    restartAfterSigkill(platform, "provisioner");
    // Deployer: green is registered with Argo CD, one of its applications never syncs.
    String next = cloud.addFault(Fault.stuck(green + "-search-api"));
    cloud.sim.faults().remove(held);
    held = next;
    cloud.awaitJournal("GenerateApplication", r -> r.contains(green + "-search-api"), WITHIN);
    restartAfterSigkill(platform, "deployer");
    cloud.sim.faults().remove(held);

    // Traffic shifter: the rule is modified, but reads show the old weights for a while, so
    // the step is not verified yet when the shifter dies. The lag is over by the time the new
    // process reads the rule (it waits at least the consumer session timeout for the command).
    String staleReads = cloud.addFault(SimulatedCloud.staleRuleReads(rule, Duration.ofSeconds(3)));
    api.awaitState(id, Set.of("AWAITING_SHIFT_APPROVAL"), false, WITHIN);
    api.control(id, "approve", "e2e approves the shift");
    cloud.awaitJournal("ModifyRule", rule::equals, WITHIN);
    restartAfterSigkill(platform, "traffic-shifter");

    // Orchestrator: killed while the last step is in flight; the shifter's fact arrives while
    // it is down, and the restarted orchestrator restores its state and carries on.
    awaitModifyRules(cloud, rule, 2);
    platform.service("orchestrator").kill();
    cloud.sim.faults().remove(staleReads);
    platform.service("orchestrator").restart().awaitReady(READY_WITHIN);
    api.awaitQueryable(READY_WITHIN);

    // Decommissioner: it starts on blue's node group (scaling it down before deleting it),
    // and the node group stays in that change while held.
    held = cloud.addFault(Fault.stuck(BLUE + "/general"));
    api.awaitState(id, Set.of("AWAITING_DECOMMISSION_APPROVAL"), false, WITHIN);
    assertEquals(
        2,
        cloud.journal("ModifyRule", rule::equals).size(),
        "one ModifyRule per traffic step: the restarted shifter found the split in place");
    api.control(id, "approve", "e2e approves the decommission");
    cloud.awaitJournal(e -> (BLUE + "/general").equals(e.resource()), WITHIN);
    restartAfterSigkill(platform, "decommissioner");
    cloud.sim.faults().remove(held);

    JsonNode done =
        api.awaitState(
            id, Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED"), false, WITHIN);

    assertEquals("COMPLETED", done.path("state").asText(), done.toString());
    NothingLostOrTwice.assertCompleted(
        cloud, broker.bootstrapServers(), id, BLUE, green, rule, blueCronJobs);
  }

  /**
   * A campaign of four members, two at a time; the orchestrator (which runs the campaign and the
   * members' upgrades) is killed while the first two upgrade and the other two wait, and started
   * again. The campaign continues from its restored state, starts the waiting members and
   * completes, and no member is started twice: one upgrade request per member on the requests
   * topic, one green cluster created per member.
   */
  private void orchestratorKilledMidWave_campaignCompletes_withNoMemberStartedTwice(
      KafkaBroker broker, SimulatedCloud cloud, Platform platform, UpgradeApi api) {
    String id =
        api.createCampaign(
            """
            {"name":"crash mid-wave","targetVersion":"1.33","maxConcurrency":"2",
             "selector":{"clusters":%s},
             "plan":{"steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}],
                     "retention":"PT2S",
                     "approvalGates":{"beforeShift":false,"beforeDecommission":false}}}
            """
                .formatted(
                    CAMPAIGN_MEMBERS.stream()
                        .map(m -> "\"" + m + "\"")
                        .collect(Collectors.joining(",", "[", "]"))),
            false);

    // Mid-wave: two members upgrading, the first one's green being created, two still waiting.
    JsonNode inFlight = awaitCampaignView(api, id, c -> upgrading(c).size() == 2);
    String firstGreen = greenOf(api, upgrading(inFlight).get(0));
    cloud.awaitJournal("CreateCluster", firstGreen::equals, WITHIN);
    JsonNode atKill = api.campaign(id);
    assertEquals(2, atKill.path("counts").path("PENDING").asInt(), "two members wait: " + atKill);
    platform.service("orchestrator").kill();
    platform.service("orchestrator").restart().awaitReady(READY_WITHIN);
    api.awaitQueryable(READY_WITHIN);

    JsonNode done = api.awaitCampaign(id, Set.of("COMPLETED", "CANCELLED", "ROLLED_BACK"), WITHIN);
    assertEquals("COMPLETED", done.path("status").asText(), done.toString());
    assertEquals(
        CAMPAIGN_MEMBERS.size(),
        done.path("counts").path("COMPLETED").asInt(),
        done.path("counts").toString());

    Map<String, Long> once = new TreeMap<>();
    CAMPAIGN_MEMBERS.forEach(m -> once.put(m, 1L));
    assertEquals(
        once,
        TopicHistory.upgradeRequestsOf(broker.bootstrapServers(), id),
        "one upgrade request per member on " + Topics.REQUESTS.name());
    for (String member : CAMPAIGN_MEMBERS) {
      JsonNode upgrade = api.upgrade(UpgradeApi.member(done, member).path("upgradeId").asText());
      assertEquals("COMPLETED", upgrade.path("state").asText(), upgrade.toString());
      String green = upgrade.path("greenCluster").asText();
      assertEquals(
          List.of("created"),
          NothingLostOrTwice.outcomes(cloud.journal("CreateCluster", green::equals)),
          member + ": one green cluster created (" + green + ")");
      assertEquals(
          1,
          cloud.journal("DeleteCluster", member::equals).size(),
          member + "'s blue deleted once");
    }
    assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
    assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
  }

  /**
   * The green cluster of an upgrade a campaign started: the campaign records the start in the same
   * transaction that publishes the request, so the upgrade itself is known a moment later.
   */
  private static String greenOf(UpgradeApi api, String upgradeId) {
    Deadline deadline = Deadline.in(WITHIN);
    while (true) {
      UpgradeApi.Answer answer = api.get("/upgrades/" + upgradeId);
      if (answer.status() == 200 && !answer.body().path("greenCluster").asText().isEmpty()) {
        return answer.body().path("greenCluster").asText();
      }
      deadline.check("upgrade " + upgradeId + " to be known; last answer " + answer.status());
      deadline.pause();
    }
  }

  /** The upgrade ids of the members upgrading now. */
  private static List<String> upgrading(JsonNode campaign) {
    List<String> ids = new ArrayList<>();
    for (JsonNode wave : campaign.path("waves")) {
      for (JsonNode m : wave.path("members")) {
        if ("UPGRADING".equals(m.path("status").asText())) {
          ids.add(m.path("upgradeId").asText());
        }
      }
    }
    return ids;
  }

  /** Waits until the campaign's view satisfies {@code condition}; returns it then. */
  private static JsonNode awaitCampaignView(
      UpgradeApi api, String id, Predicate<JsonNode> condition) {
    Deadline deadline = Deadline.in(WITHIN);
    JsonNode last = null;
    while (true) {
      UpgradeApi.Answer answer = api.get("/campaigns/" + id);
      if (answer.status() == 200) {
        last = answer.body();
        if (condition.test(last)) {
          return last;
        }
      }
      deadline.check("campaign " + id + " to get there; last seen " + last);
      deadline.pause();
    }
  }

  /**
   * A SIGKILLed consumer keeps its partitions until its session times out (45 s by default); a
   * restarted one gets them only then. Six seconds (the broker's minimum) keeps five crashes within
   * CI's budget.
   */
  private static Map<String, String> fastRejoin() {
    return Map.of(
        "mp.messaging.incoming.commands.session.timeout.ms", "6000",
        "mp.messaging.incoming.commands.heartbeat.interval.ms", "1000",
        "kafka-streams.session.timeout.ms", "6000",
        "kafka-streams.heartbeat.interval.ms", "1000");
  }

  private static void restartAfterSigkill(Platform platform, String service) {
    ServiceProcess process = platform.service(service);
    process.kill();
    process.restart().awaitReady(READY_WITHIN);
  }

  private static void awaitModifyRules(SimulatedCloud cloud, String rule, int count) {
    Deadline deadline = Deadline.in(WITHIN);
    while (cloud.journal("ModifyRule", rule::equals).size() < count) {
      deadline.check(count + " ModifyRule calls on " + rule);
      deadline.pause();
    }
  }
}
