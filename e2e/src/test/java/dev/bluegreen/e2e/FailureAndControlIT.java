package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.timeline.Format;
import dev.bluegreen.timeline.Timeline;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What goes wrong and what people do about it, end to end: a provisioning failure, a cancel before
 * traffic moves, a manual rollback while blue is kept, an unhealthy green caught by the analysis, a
 * pause mid-shift, and several upgrades at once. The failures leave traffic 100% on blue, blue's
 * CronJobs running on blue, and nothing of green behind (invariant 6).
 *
 * <p>One platform serves all scenarios, and they run at the same time (each upgrades its own
 * cluster, and faults are scoped to it): besides saving CI minutes, that is itself the proof that
 * upgrades of different clusters do not disturb each other. Only the methods are concurrent: the
 * class runs alone, as every e2e class must, since all share one broker and the services' consumer
 * groups. The simulator's journal is checked for invariant violations after every scenario and once
 * more when all are done.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureAndControlIT {

  private static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED");
  private static final Duration WITHIN = Duration.ofMinutes(4);

  private SimulatedCloud cloud;
  private Platform platform;
  private UpgradeApi api;
  private KafkaBroker broker;

  @BeforeAll
  void startPlatform(KafkaBroker broker) {
    this.broker = broker;
    cloud = new SimulatedCloud();
    platform = Platform.start(broker, cloud.serviceSettings());
    api = platform.api();
  }

  @AfterAll
  void stopPlatform() {
    if (cloud != null) {
      assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated, overall");
      assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
      // Least privilege, clean-up, rollback and analysis paths included: each service called only
      // AWS operations its deploy/iam policy allows.
      IamPolicies.assertEveryCallAllowed(cloud.sim, Platform.SERVICES);
    }
    if (platform != null) {
      platform.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void provisioningFailure_endsFailed_withNothingOrphaned_andTrafficUntouched() {
    String blue = "identity-003";
    Blue before = Blue.of(cloud, blue);
    // Scoped to this cluster's green (its name starts with blue's): other scenarios run meanwhile.
    cloud.addFault(nodegroupLimitExceeded(blue));

    String id = api.requestUpgrade(body(blue, "1.33", "PT1M"));
    JsonNode done = api.awaitState(id, TERMINAL, true, WITHIN);

    assertEquals("FAILED", done.path("state").asText(), done.toString());
    assertTrue(done.path("lastError").asText().contains("ResourceLimitExceeded"), done.toString());
    before.assertUntouched(cloud, done.path("greenCluster").asText());
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void decommissionFailure_isNoDeadEnd_aNewUpgradeIsRefusedWithWhatIsLeft_andRetryFinishesIt() {
    String blue = "search-002";
    // Blue's deletion is refused (a permission missing), as a person would have to fix.
    String denied = cloud.addFault(deleteClusterDenied(blue));

    String id = api.requestUpgrade(body(blue, "1.33", "PT1S"));
    JsonNode failed = api.awaitState(id, TERMINAL, true, WITHIN);
    assertEquals("FAILED", failed.path("state").asText(), failed.toString());
    assertTrue(failed.path("lastError").asText().contains("/retry"), failed.toString());
    String green = failed.path("greenCluster").asText();
    assertEquals(Boolean.TRUE, cloud.sim.isActive(green), "green serves on");

    UpgradeApi.Answer again = api.post("/upgrades", body(blue, "1.33", "PT1S"));
    assertEquals(409, again.status(), again.body().toString());
    assertTrue(again.body().path("type").asText().endsWith("unfinished-upgrade"));
    assertTrue(
        again.body().path("detail").asText().contains("serves all traffic"),
        again.body().toString());

    assertTrue(cloud.sim.faults().remove(denied));
    UpgradeApi.Answer retry =
        api.post("/upgrades/" + id + "/retry", "{\"reason\":\"permission granted\"}");
    assertEquals(202, retry.status(), retry.body().toString());
    JsonNode done = api.awaitState(id, TERMINAL, true, WITHIN);
    assertEquals("COMPLETED", done.path("state").asText(), done.toString());
    assertFalse(cloud.sim.clusterStatus(blue).isPresent(), "blue is retired");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void cancelBeforeTrafficMoves_endsCancelled_andRemovesGreen() {
    String blue = "identity-012";
    Blue before = Blue.of(cloud, blue);

    String id = api.requestUpgrade(body(blue, "1.33", "PT1M"));
    api.awaitState(id, Set.of("AWAITING_SHIFT_APPROVAL"), false, WITHIN);
    assertEquals(
        202, api.post("/upgrades/" + id + "/cancel", "{\"reason\":\"change freeze\"}").status());
    JsonNode done = api.awaitState(id, TERMINAL, false, WITHIN);

    assertEquals("CANCELLED", done.path("state").asText(), done.toString());
    before.assertUntouched(cloud, done.path("greenCluster").asText());
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void manualRollbackWhileBlueIsKept_sendsEverythingBackToBlue_andRemovesGreen() {
    String blue = "search-011";
    Blue before = Blue.of(cloud, blue);

    String id = api.requestUpgrade(body(blue, "1.33", "PT30M"));
    JsonNode soaking = api.awaitState(id, Set.of("SOAKING"), true, WITHIN);
    String green = soaking.path("greenCluster").asText();
    assertEquals(before.cronJobs, cloud.activeCronJobs(green), "CronJobs were handed to green");
    assertEquals(
        202,
        api.post("/upgrades/" + id + "/rollback", "{\"reason\":\"latency regression\"}").status());
    JsonNode done = api.awaitState(id, TERMINAL, false, WITHIN);

    assertEquals("ROLLED_BACK", done.path("state").asText(), done.toString());
    before.assertUntouched(cloud, green);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void greenDegradesWhileSoaking_rollsBackToBlue_trafficAndCronJobsIncluded() {
    String blue = "identity-009";
    Blue before = Blue.of(cloud, blue);
    String id =
        api.requestUpgrade(
            """
            {"cluster":"%s","targetVersion":"1.35","retention":"PT10M",
             "approvalGates":{"beforeShift":false,"beforeDecommission":true},
             "steps":[{"type":"setWeight","weight":100},{"type":"analysis","analysis":"default"}]}
            """
                .formatted(blue));
    api.awaitState(id, Set.of("SOAKING"), false, WITHIN);
    String green = api.upgrade(id).path("greenCluster").asText();
    assertEquals(before.cronJobs, cloud.activeCronJobs(green), "CronJobs were handed to green");
    // Green carries everything and blue is kept; then green starts failing.
    String unhealthy = cloud.addFault(Fault.unhealthy(green, 1.0));
    JsonNode done;
    try {
      done = api.awaitState(id, TERMINAL, false, WITHIN);
    } finally {
      cloud.sim.faults().remove(unhealthy);
    }
    assertEquals("ROLLED_BACK", done.path("state").asText(), done.toString());
    assertTrue(done.path("lastError").asText().contains("degraded while soaking"), done.toString());
    before.assertUntouched(cloud, green);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void unhealthyGreenDuringTheShift_rollsBackAutomatically_andTheTimelineShowsWhy() {
    String blue = "search-005";
    Blue before = Blue.of(cloud, blue);

    String id =
        api.requestUpgrade(
            """
            {"cluster":"%s","targetVersion":"1.34","retention":"PT1M",
             "steps":[{"type":"setWeight","weight":50},{"type":"analysis","analysis":"default"},
                      {"type":"setWeight","weight":100}]}
            """
                .formatted(blue));
    api.awaitState(id, Set.of("AWAITING_SHIFT_APPROVAL"), false, WITHIN);
    String green = api.upgrade(id).path("greenCluster").asText();
    api.control(id, "approve", "e2e approves the shift");
    awaitAudit(id, "half the traffic on green", l -> reason(l).startsWith("step 0: green at 50%"));
    // Green starts failing while it carries half the traffic, as the analysis begins.
    String unhealthy = cloud.addFault(Fault.unhealthy(green, 1.0));
    JsonNode done;
    try {
      done = api.awaitState(id, TERMINAL, false, WITHIN);
    } finally {
      cloud.sim.faults().remove(unhealthy);
    }

    assertEquals("ROLLED_BACK", done.path("state").asText(), done.toString());
    String why = "analysis default at step 1 failed";
    assertTrue(done.path("lastError").asText().contains(why), done.toString());
    before.assertUntouched(cloud, green);
    JsonNode rollback =
        api.auditTrail(id).stream()
            .filter(l -> "ROLLING_BACK".equals(l.path("data").path("to").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no transition to ROLLING_BACK in the audit"));
    assertEquals("SHIFTING", rollback.path("data").path("from").asText(), rollback.toString());
    assertTrue(reason(rollback).contains(why), rollback.toString());

    // The postmortem view (issue 10): the audit history read back from Kafka renders the rollback
    // and its reason, and replays through decide to the same transitions.
    AuditReader.Result history = AuditHistory.through(broker, id, "ROLLED_BACK");
    String markdown = Format.MARKDOWN.render(Timeline.byUpgrade(history.lines()));
    assertTrue(markdown.contains("Outcome: **ROLLED_BACK**"), markdown);
    assertTrue(markdown.contains("SHIFTING → ROLLING_BACK"), markdown);
    assertTrue(markdown.contains("### Failures"), markdown);
    assertTrue(markdown.contains(why), markdown);
    Replayer.Report report =
        new Replayer(new UpgradeDecider(PhaseTimeouts.defaults()))
            .replayLines(history.inLogOrder());
    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void pauseMidShift_holdsTheWeights_andResumeCompletesTheUpgrade() {
    String blue = "identity-006";
    String rule = cloud.sim.ruleArnOf(blue).orElseThrow();
    List<String> blueCronJobs = cloud.activeCronJobs(blue);
    // The first step's rule change reads back late, so the pause surely lands while it is in
    // flight: its fact is recorded, but the next step must wait for RESUME.
    String staleReads = cloud.addFault(SimulatedCloud.staleRuleReads(rule, Duration.ofSeconds(10)));

    String id = api.requestUpgrade(body(blue, "1.34", "PT3S"));
    api.awaitState(id, Set.of("AWAITING_SHIFT_APPROVAL"), false, WITHIN);
    String green = api.upgrade(id).path("greenCluster").asText();
    api.control(id, "approve", "e2e approves the shift");
    cloud.awaitJournal("ModifyRule", rule::equals, WITHIN);
    api.control(id, "pause", "e2e pauses mid-shift");
    JsonNode held =
        awaitAudit(id, "step 0 recorded while paused", l -> reason(l).startsWith("step 0: green"));
    cloud.sim.faults().remove(staleReads);

    assertEquals("PAUSED", held.path("data").path("from").asText(), held.toString());
    assertEquals("PAUSED", held.path("data").path("to").asText(), held.toString());
    assertEquals(0, held.path("data").path("commands").size(), "no next step sent: " + held);
    assertEquals("PAUSED", api.upgrade(id).path("state").asText());
    String greenGroup = cloud.sim.targetGroupArnOf(green).orElseThrow();
    String blueGroup = cloud.sim.targetGroupArnOf(blue).orElseThrow();
    assertEquals(Map.of(greenGroup, 50, blueGroup, 50), cloud.ruleWeights(rule), "weights hold");
    assertEquals(1, cloud.journal("ModifyRule", rule::equals).size(), "one rule change so far");
    assertEquals(
        1,
        TopicHistory.eventIds(broker.bootstrapServers(), Topics.TRAFFIC_SHIFTER_COMMANDS.name(), id)
            .size(),
        "the traffic shifter got no command while paused");

    api.control(id, "resume", "e2e resumes");
    api.awaitState(id, Set.of("AWAITING_DECOMMISSION_APPROVAL"), false, WITHIN);
    assertEquals(
        Map.of(greenGroup, 100, blueGroup, 0), cloud.ruleWeights(rule), "100% green after resume");
    assertEquals(2, cloud.journal("ModifyRule", rule::equals).size(), "one change per step");
    JsonNode done = api.awaitState(id, TERMINAL, true, WITHIN);

    assertEquals("COMPLETED", done.path("state").asText(), done.toString());
    assertEquals(Map.of(greenGroup, 100), cloud.ruleWeights(rule), "blue taken out of the rule");
    assertEquals(blueCronJobs, cloud.activeCronJobs(green), "blue's CronJobs run on green");
    assertFalse(cloud.sim.clusterStatus(blue).isPresent(), "blue is gone");
    assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
    assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void threeUpgradesAtOnce_eachCompletes_onItsOwnClusterOnly() {
    Map<String, String> rules = new LinkedHashMap<>();
    Map<String, List<String>> cronJobs = new LinkedHashMap<>();
    for (String blue : SimulatedCloud.EXTRA_CLUSTERS) {
      rules.put(blue, cloud.sim.ruleArnOf(blue).orElseThrow());
      cronJobs.put(blue, cloud.activeCronJobs(blue));
    }
    Map<String, String> ids = new LinkedHashMap<>();
    for (String blue : SimulatedCloud.EXTRA_CLUSTERS) {
      ids.put(blue, api.requestUpgrade(body(blue, "1.33", "PT3S")));
    }

    Map<String, JsonNode> ended = api.awaitStates(ids.values(), TERMINAL, true, WITHIN);

    for (String blue : SimulatedCloud.EXTRA_CLUSTERS) {
      JsonNode done = ended.get(ids.get(blue));
      assertEquals("COMPLETED", done.path("state").asText(), done.toString());
      String green = done.path("greenCluster").asText();
      assertTrue(green.startsWith(blue + "-g"), done.toString());
      assertEquals(
          "1.33", cloud.sim.inspect(w -> w.eks().clusters().find(green).orElseThrow().version));
      assertFalse(cloud.sim.clusterStatus(blue).isPresent(), blue + " is gone");
      assertEquals(
          Map.of(cloud.sim.targetGroupArnOf(green).orElseThrow(), 100),
          cloud.ruleWeights(rules.get(blue)),
          blue + "'s rule sends everything to its own green, and nothing anywhere else");
      assertEquals(cronJobs.get(blue), cloud.activeCronJobs(green), blue + "'s CronJobs on green");
    }
    assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
    assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
  }

  /** Waits for a line of the upgrade's audit trail and returns it. */
  private JsonNode awaitAudit(String id, String what, Predicate<JsonNode> line) {
    Deadline deadline = Deadline.in(WITHIN);
    while (true) {
      for (JsonNode l : api.auditTrail(id)) {
        if (line.test(l)) {
          return l;
        }
      }
      deadline.check(what + " in the audit trail of " + id);
      deadline.pause();
    }
  }

  private static String reason(JsonNode auditLine) {
    return auditLine.path("data").path("reason").asText();
  }

  /** Every DeleteCluster of {@code blue} is denied, until the fault is removed. */
  private static Fault deleteClusterDenied(String blue) {
    return new Fault(
        null,
        Fault.Kind.ERROR,
        "eks",
        "DeleteCluster",
        blue,
        "AccessDeniedException",
        null,
        null,
        1000,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The next CreateNodegroup of the green of {@code blue} fails with the account's limit. */
  private static Fault nodegroupLimitExceeded(String blue) {
    return new Fault(
        null,
        Fault.Kind.ERROR,
        "eks",
        "CreateNodegroup",
        blue,
        "ResourceLimitExceededException",
        null,
        null,
        1,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static String body(String cluster, String target, String retention) {
    return """
        {"cluster":"%s","targetVersion":"%s","retention":"%s",
         "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}]}
        """
        .formatted(cluster, target, retention);
  }

  /** What blue looked like before the upgrade, and the check that it looks so again. */
  private record Blue(
      String name, String ruleArn, Map<String, Integer> weights, List<String> cronJobs) {

    static Blue of(SimulatedCloud cloud, String name) {
      String rule = cloud.sim.ruleArnOf(name).orElseThrow();
      return new Blue(name, rule, cloud.ruleWeights(rule), cloud.activeCronJobs(name));
    }

    void assertUntouched(SimulatedCloud cloud, String green) {
      assertEquals(weights, cloud.ruleWeights(ruleArn), "traffic is 100% on blue, as before");
      assertEquals(cronJobs, cloud.activeCronJobs(name), "blue's CronJobs run on blue");
      assertTrue(cloud.sim.isActive(name), "blue is ACTIVE");
      assertTrue(cloud.sim.clusterStatus(green).isEmpty(), "green's cluster is gone");
      assertTrue(cloud.sim.targetGroupArnOf(green).isEmpty(), "green's target group is gone");
      assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
      assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
    }
  }
}
