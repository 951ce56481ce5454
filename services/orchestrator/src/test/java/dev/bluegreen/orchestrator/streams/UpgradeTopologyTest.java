package dev.bluegreen.orchestrator.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.RollBackTraffic;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.testkit.HealthyAnswers;
import dev.bluegreen.upgrade.core.Input;
import dev.bluegreen.upgrade.core.RequestRules;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole topology, driven by fake phase services, without a broker. */
class UpgradeTopologyTest {

  private static final String CLUSTER = "orders-prod";

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

  private CloudEvent<?> request(String upgradeId, boolean gates, boolean dryRun) {
    UpgradePlan plan =
        new UpgradePlan(
            RequestRules.DEFAULT_STEPS, Duration.ofHours(1), new ApprovalGates(gates, gates), null);
    return h.publish(
        new UpgradeRequested(upgradeId, CLUSTER, "1.30", "1.31", plan, dryRun, "alice", h.now),
        "/bluegreen/orchestrator/api");
  }

  private void control(String upgradeId, ControlAction action) {
    h.publish(
        new UpgradeControlRequested(upgradeId, CLUSTER, action, "bob", null, h.now),
        "/bluegreen/orchestrator/api");
  }

  /** Answers every command in flight until no new command comes, returning all commands seen. */
  private List<Command> answerAll(Verdict verdict) {
    List<Command> seen = new ArrayList<>();
    List<Command> batch = h.commands();
    while (!batch.isEmpty()) {
      seen.addAll(batch);
      for (Command c : batch) {
        h.publish(HealthyAnswers.to(c, verdict), HealthyAnswers.SOURCE);
      }
      batch = h.commands();
    }
    return seen;
  }

  private List<UpgradeState> transitions() {
    return h.read(Topics.AUDIT).stream()
        .filter(e -> e.data() instanceof UpgradeTransitioned)
        .map(e -> ((UpgradeTransitioned) e.data()).to())
        .toList();
  }

  @Test
  void happyPath_drivenByFakeFacts_completesAndRetiresBlue() {
    request("up-happy", true, false);
    List<Command> beforeApproval = answerAll(Verdict.SUCCESSFUL);
    assertEquals(
        List.of("RunPreflight", "ProvisionGreen", "DeployWorkloads", "VerifyGreen"),
        beforeApproval.stream().map(c -> c.getClass().getSimpleName()).toList());
    assertEquals(UpgradeState.AWAITING_SHIFT_APPROVAL, h.byCluster(CLUSTER).state());

    control("up-happy", ControlAction.APPROVE);
    List<Command> shifting = answerAll(Verdict.SUCCESSFUL);
    assertEquals(
        List.of(
            "SetTrafficWeight",
            "RunAnalysis",
            "SetTrafficWeight",
            "RunAnalysis",
            "SetTrafficWeight",
            "RunAnalysis",
            "HandOverCronJobs",
            "RunAnalysis"),
        shifting.stream().map(c -> c.getClass().getSimpleName()).toList(),
        "the last RunAnalysis watches green while soaking");
    assertEquals(UpgradeState.SOAKING, h.byCluster(CLUSTER).state());

    h.advance(Duration.ofMinutes(30));
    assertEquals(UpgradeState.SOAKING, h.byCluster(CLUSTER).state());
    h.advance(Duration.ofMinutes(31));
    assertEquals(UpgradeState.AWAITING_DECOMMISSION_APPROVAL, h.byCluster(CLUSTER).state());

    control("up-happy", ControlAction.APPROVE);
    List<Command> end = answerAll(Verdict.SUCCESSFUL);
    // A watch sent while soaking (unanswered here), then the decommission.
    assertEquals(
        List.of("RunAnalysis", "DecommissionBlue"),
        end.stream().map(c -> c.getClass().getSimpleName()).toList());
    assertEquals(UpgradeState.COMPLETED, h.byId("up-happy").state());

    assertEquals(
        List.of(
            UpgradeState.PREFLIGHT,
            UpgradeState.PROVISIONING,
            UpgradeState.DEPLOYING,
            UpgradeState.VERIFYING,
            UpgradeState.AWAITING_SHIFT_APPROVAL,
            UpgradeState.SHIFTING,
            UpgradeState.SHIFTING,
            UpgradeState.SHIFTING,
            UpgradeState.SHIFTING,
            UpgradeState.SHIFTING,
            UpgradeState.SHIFTING,
            UpgradeState.HANDOVER,
            UpgradeState.SOAKING,
            UpgradeState.SOAKING, // the first watch of green answered
            UpgradeState.SOAKING, // a minute later, watching again
            UpgradeState.AWAITING_DECOMMISSION_APPROVAL,
            UpgradeState.DECOMMISSIONING,
            UpgradeState.COMPLETED),
        transitions());
    // 18 transitions and the late answer to the watch that retention ended, ignored as a duplicate.
    assertEquals(19, h.trail("up-happy").entries().size());
  }

  @Test
  void commands_carryDeterministicIdsAndTheCauseOfTheirDecision() {
    CloudEvent<?> req = request("up-ids", true, false);
    CloudEvent<?> cmd = h.read(Topics.PROVISIONER_COMMANDS).get(0);
    RunPreflight preflight = assertInstanceOf(RunPreflight.class, cmd.data());
    assertEquals("up-ids:1:RunPreflight", preflight.commandId());
    assertEquals(preflight.commandId(), cmd.id());
    assertEquals(req.id(), cmd.causationId());
    assertEquals("up-ids", cmd.correlationId());
    CloudEvent<?> audit = h.read(Topics.AUDIT).get(0);
    UpgradeTransitioned t = assertInstanceOf(UpgradeTransitioned.class, audit.data());
    assertEquals(req.id(), t.cause().eventId());
    assertEquals("alice", t.actor());
  }

  @Test
  void failedAnalysis_rollsBackTrafficCleansUpGreenAndEndsRolledBack() {
    request("up-rollback", false, false);
    // Preflight .. smoke tests pass, then the first analysis fails.
    List<Command> all = answerAll(Verdict.FAILED);
    List<String> names = all.stream().map(c -> c.getClass().getSimpleName()).toList();
    assertEquals(
        List.of(
            "RunPreflight",
            "ProvisionGreen",
            "DeployWorkloads",
            "VerifyGreen",
            "SetTrafficWeight",
            "RunAnalysis",
            "RollBackTraffic",
            "DeregisterGreen",
            "CleanUpGreen"),
        names);
    assertInstanceOf(RunAnalysis.class, all.get(5));
    assertInstanceOf(RollBackTraffic.class, all.get(6));
    assertInstanceOf(DeregisterGreen.class, all.get(7));
    assertInstanceOf(CleanUpGreen.class, all.get(8));
    var status = h.byCluster(CLUSTER);
    assertEquals(UpgradeState.ROLLED_BACK, status.state());
    assertTrue(status.lastError().contains("failed"));
  }

  @Test
  void rollbackDuringSoak_handsCronJobsBackBeforeCleanUp() {
    request("up-soak-rb", false, false);
    answerAll(Verdict.SUCCESSFUL);
    assertEquals(UpgradeState.SOAKING, h.byCluster(CLUSTER).state());
    control("up-soak-rb", ControlAction.ROLLBACK);
    List<String> names =
        answerAll(Verdict.SUCCESSFUL).stream().map(c -> c.getClass().getSimpleName()).toList();
    assertEquals(
        List.of("RollBackTraffic", "HandOverCronJobs", "DeregisterGreen", "CleanUpGreen"), names);
    assertEquals(UpgradeState.ROLLED_BACK, h.byCluster(CLUSTER).state());
  }

  @Test
  void dryRun_runsOnlyThePreflight_beside_anActiveUpgrade() {
    request("up-real", true, false);
    h.commands();
    request("up-dry", true, true);
    List<Command> sent = answerAll(Verdict.SUCCESSFUL);
    assertEquals(
        List.of("RunPreflight"),
        sent.stream()
            .filter(c -> c.upgradeId().equals("up-dry"))
            .map(c -> c.getClass().getSimpleName())
            .toList());
    assertEquals(UpgradeState.COMPLETED, h.byId("up-dry").state());
    assertTrue(h.byId("up-dry").dryRun());
    assertEquals(
        "up-real", h.byCluster(CLUSTER).upgradeId(), "a dry run does not occupy the cluster");
  }

  @Test
  void secondRequest_whileActive_isRejectedOnTheAuditTopic() {
    request("up-first", true, false);
    CloudEvent<?> second = request("up-second", true, false);
    List<CloudEvent<?>> audit = h.read(Topics.AUDIT);
    InputRejected r = assertInstanceOf(InputRejected.class, audit.get(1).data());
    assertEquals(second.id(), r.cause().eventId());
    assertEquals("up-first", r.activeUpgradeId());
    assertNull(h.byId("up-second"));
    assertEquals(1, h.commands().size());
  }

  @Test
  void poisonPill_goesToDeadLetter_andTheNextRecordIsStillProcessed() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_type", "dev.bluegreen.Nonsense.v1".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    h.publishRaw(Topics.FACTS, CLUSTER, headers, "{]".getBytes(StandardCharsets.UTF_8));

    request("up-after-poison", true, false);

    var dead = h.readRaw(Topics.DEAD_LETTER);
    assertEquals(1, dead.size());
    assertEquals("{]", new String(dead.get(0).value(), StandardCharsets.UTF_8));
    assertEquals(
        "UNKNOWN_TYPE", CloudEventCodec.header(dead.get(0).headers(), DeadLetters.PROBLEM));
    assertEquals(
        Topics.FACTS.name(),
        CloudEventCodec.header(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC));
    assertEquals(
        "orchestrator-test", CloudEventCodec.header(dead.get(0).headers(), DeadLetters.CONSUMER));
    assertEquals(
        List.of("RunPreflight"),
        h.commands().stream().map(c -> c.getClass().getSimpleName()).toList());
  }

  @Test
  void provisioningTimeout_firesFromTheWallClockPunctuator_andCleansUp() {
    request("up-timeout", true, false);
    for (Command c : h.commands()) {
      h.publish(HealthyAnswers.to(c), HealthyAnswers.SOURCE);
    }
    assertEquals(1, h.commands().size()); // ProvisionGreen, never answered
    h.advance(Duration.ofMinutes(44));
    assertEquals(UpgradeState.PROVISIONING, h.byCluster(CLUSTER).state());
    h.advance(Duration.ofMinutes(2));
    var status = h.byCluster(CLUSTER);
    assertEquals(UpgradeState.CLEANING_UP, status.state());
    assertNotNull(status.lastError());
    List<String> names = h.commands().stream().map(c -> c.getClass().getSimpleName()).toList();
    assertEquals(List.of("DeregisterGreen", "CleanUpGreen"), names);
  }

  @Test
  void redeliveredFact_doesNotRepeatCommands() {
    request("up-redeliver", true, false);
    Command preflight = h.commands().get(0);
    var fact = HealthyAnswers.to(preflight);
    h.publish(fact, HealthyAnswers.SOURCE);
    h.publish(fact, HealthyAnswers.SOURCE);
    assertEquals(1, h.commands().size());
    List<CloudEvent<?>> audit = h.read(Topics.AUDIT);
    InputRejected dup = assertInstanceOf(InputRejected.class, audit.get(audit.size() - 1).data());
    assertTrue(dup.duplicate());
  }

  @Test
  void aFleetFreezeDeclared_holdsTheApprovedShift_andLiftingItLetsTheShiftStart() {
    request("up-frozen", true, false);
    answerAll(Verdict.SUCCESSFUL);
    assertEquals(UpgradeState.AWAITING_SHIFT_APPROVAL, h.byCluster(CLUSTER).state());
    h.read(Topics.AUDIT);

    Freeze freeze =
        new FleetFreeze(
                "inc-42",
                h.now.minusSeconds(60),
                h.now.plus(Duration.ofDays(1)),
                "payments incident",
                "sre-lead",
                h.now,
                null,
                null)
            .asFreeze();
    h.fleetFreezes.set(List.of(freeze));
    h.advance(TopologyHarness.TICK);
    UpgradeStatus told = h.byCluster(CLUSTER);
    assertEquals(List.of(freeze), told.fleetFreezes(), "the tick told the upgrade");
    assertEquals(UpgradeState.AWAITING_SHIFT_APPROVAL, told.state());

    h.fleetFreezes.set(null); // the reader starts again: not known for a while
    h.advance(TopologyHarness.TICK);
    assertEquals(List.of(freeze), h.byCluster(CLUSTER).fleetFreezes(), "unknown is not lifted");

    control("up-frozen", ControlAction.APPROVE);
    assertEquals(UpgradeState.AWAITING_WINDOW, h.byCluster(CLUSTER).state());
    assertEquals(freeze.to(), h.byCluster(CLUSTER).windowOpensAt());
    assertTrue(h.commands().isEmpty(), "no traffic moves while the fleet is frozen");

    h.fleetFreezes.set(List.of());
    h.advance(TopologyHarness.TICK);
    h.advance(TopologyHarness.TICK);
    assertEquals(UpgradeState.SHIFTING, h.byCluster(CLUSTER).state());
    assertEquals(
        List.of("SetTrafficWeight"),
        h.commands().stream().map(c -> c.getClass().getSimpleName()).toList());
    List<String> causes =
        h.read(Topics.AUDIT).stream()
            .filter(e -> e.data() instanceof UpgradeTransitioned)
            .map(e -> ((UpgradeTransitioned) e.data()).cause().type())
            .toList();
    assertEquals(
        2, causes.stream().filter(Input.FleetFreezes.TYPE::equals).count(), causes.toString());
  }
}
