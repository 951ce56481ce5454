package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The closing checks of an upgrade that lived through a crash (a service SIGKILLed mid-phase, a
 * broker lost): green serves in blue's place, nothing was done twice (the simulator's journal, each
 * command once on its topic) and nothing was lost (the audit log holds the end and replays through
 * decide). CrashSafetyIT and BrokerLossIT end with them.
 */
final class NothingLostOrTwice {

  private NothingLostOrTwice() {}

  /**
   * Asserts all of it for the COMPLETED upgrade {@code id} of {@code blue} to {@code green}, two
   * traffic steps behind {@code rule}, on the cluster at {@code bootstrap}.
   *
   * @return the upgrade's audit history, for checks of its own
   */
  static AuditReader.Result assertCompleted(
      SimulatedCloud cloud,
      String bootstrap,
      String id,
      String blue,
      String green,
      String rule,
      List<String> blueCronJobs) {
    assertTrue(cloud.sim.isActive(green), "green is ACTIVE");
    assertFalse(cloud.sim.clusterStatus(blue).isPresent(), "blue is gone");
    String greenGroup = cloud.sim.targetGroupArnOf(green).orElseThrow();
    assertEquals(Map.of(greenGroup, 100), cloud.ruleWeights(rule), "100% green");
    assertEquals(blueCronJobs, cloud.activeCronJobs(green), "blue's CronJobs run on green");

    // Nothing done twice: creations by request token, and the writes that have none.
    assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
    assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
    assertEquals(
        List.of("created"),
        outcomes(cloud.journal("CreateCluster", green::equals)),
        "green's cluster created once (a retried create is replayed, not created)");
    assertEquals(
        3,
        cloud.journal("ModifyRule", rule::equals).size(),
        "one ModifyRule per traffic step, and the decommissioner's taking blue out of the rule");
    assertEquals(
        1, cloud.journal("DeleteCluster", blue::equals).size(), "blue's cluster deleted once");
    // Every command once on its topic, although an orchestrator or a broker died mid-transaction.
    for (var topic :
        List.of(
            Topics.PROVISIONER_COMMANDS,
            Topics.DEPLOYER_COMMANDS,
            Topics.TRAFFIC_SHIFTER_COMMANDS,
            Topics.DECOMMISSIONER_COMMANDS)) {
      Map<String, Long> copies =
          TopicHistory.eventIds(bootstrap, topic.name(), id).stream()
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertFalse(copies.isEmpty(), "commands on " + topic.name());
      copies.forEach((command, n) -> assertEquals(1L, n, command + " on " + topic.name()));
    }

    // Nothing lost: the audit log, read back from Kafka, holds the end and replays through decide.
    AuditReader.Result history = AuditHistory.through(bootstrap, id, "COMPLETED");
    Replayer.Report report =
        new Replayer(new UpgradeDecider(PhaseTimeouts.defaults()))
            .replayLines(history.inLogOrder());
    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
    return history;
  }

  /** What the calls did, without the replays of a retried call (same request token). */
  static List<String> outcomes(List<JournalEntry> entries) {
    return entries.stream().map(JournalEntry::outcome).filter(o -> !o.equals("replayed")).toList();
  }
}
