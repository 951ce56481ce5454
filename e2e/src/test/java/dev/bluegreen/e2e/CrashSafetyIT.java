package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 */
@ExtendWith(KafkaBrokerExtension.class)
class CrashSafetyIT {

  private static final String BLUE = "search-002";
  private static final Duration WITHIN = Duration.ofMinutes(3);
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);

  @Test
  void everyServiceKilledInsideItsPhase_upgradeStillCompletes_withNoSideEffectTwice(
      KafkaBroker broker) {
    try (SimulatedCloud cloud = new SimulatedCloud()) {
      String rule = cloud.sim.ruleArnOf(BLUE).orElseThrow();
      List<String> blueCronJobs = cloud.activeCronJobs(BLUE);
      Map<String, String> settings = new LinkedHashMap<>(cloud.serviceSettings());
      settings.putAll(fastRejoin());
      try (Platform platform = Platform.start(broker, settings)) {
        UpgradeApi api = platform.api();

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
        String staleReads =
            cloud.addFault(SimulatedCloud.staleRuleReads(rule, Duration.ofSeconds(3)));
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
        assertTrue(cloud.sim.isActive(green), "green is ACTIVE");
        assertFalse(cloud.sim.clusterStatus(BLUE).isPresent(), "blue is gone");
        String greenGroup = cloud.sim.targetGroupArnOf(green).orElseThrow();
        assertEquals(Map.of(greenGroup, 100), cloud.ruleWeights(rule), "100% green");
        assertEquals(blueCronJobs, cloud.activeCronJobs(green), "blue's CronJobs run on green");

        // No side effect twice: creations by request token, and the writes that have none.
        assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
        assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
        assertEquals(
            List.of("created"),
            outcomes(cloud.journal("CreateCluster", green::equals)),
            "green's cluster created once (a retried create is replayed, not created)");
        assertEquals(
            3,
            cloud.journal("ModifyRule", rule::equals).size(),
            "after the two steps, only the decommissioner's, taking blue out of the rule");
        assertEquals(
            1, cloud.journal("DeleteCluster", BLUE::equals).size(), "blue's cluster deleted once");

        // Every command exists once on its topic, although the orchestrator died mid-transaction.
        for (var topic :
            List.of(
                Topics.PROVISIONER_COMMANDS,
                Topics.DEPLOYER_COMMANDS,
                Topics.TRAFFIC_SHIFTER_COMMANDS,
                Topics.DECOMMISSIONER_COMMANDS)) {
          Map<String, Long> copies =
              TopicHistory.eventIds(broker.bootstrapServers(), topic.name(), id).stream()
                  .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
          assertFalse(copies.isEmpty(), "commands on " + topic.name());
          copies.forEach((command, n) -> assertEquals(1L, n, command + " on " + topic.name()));
        }

        // Invariant 5 survives the crashes: the audit log replays through decide.
        AuditReader.Result history = AuditHistory.through(broker, id, "COMPLETED");
        Replayer.Report report =
            new Replayer(new UpgradeDecider(PhaseTimeouts.defaults()))
                .replayLines(history.inLogOrder());
        assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
      }
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

  private static List<String> outcomes(List<JournalEntry> entries) {
    return entries.stream().map(JournalEntry::outcome).filter(o -> !o.equals("replayed")).toList();
  }
}
