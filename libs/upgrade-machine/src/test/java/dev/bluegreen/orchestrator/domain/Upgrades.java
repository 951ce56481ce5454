package dev.bluegreen.orchestrator.domain;

import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.BlueRetired;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.TrafficRolledBack;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test fixtures: requests, facts answering the commands in flight, and a clock that advances. */
final class Upgrades {

  static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  static final String CLUSTER = "orders-prod";
  static final String UPGRADE = "0f3c2a9e-1111-4222-8333-944455556666";

  final UpgradeDecider decider = new UpgradeDecider(PhaseTimeouts.defaults());
  Instant now = T0;
  int events;

  static UpgradePlan plan(List<TrafficStep> steps, boolean gates) {
    return new UpgradePlan(steps, Duration.ofHours(1), new ApprovalGates(gates, gates), null);
  }

  static UpgradeRequested request(String upgradeId, UpgradePlan plan, boolean dryRun) {
    return new UpgradeRequested(upgradeId, CLUSTER, "1.30", "1.31", plan, dryRun, "alice", T0);
  }

  Decision feed(UpgradeStatus state, UpgradeEvent data) {
    now = now.plusSeconds(1);
    events++;
    return decider.decide(
        state,
        new Input.Event(
            "ev-" + events, EventTypes.of(data.getClass()).ceType(), "tester", now, data));
  }

  Decision tick(UpgradeStatus state, Instant at) {
    now = at;
    return decider.decide(state, new Input.Tick("tick-" + at, at));
  }

  Decision control(UpgradeStatus state, ControlAction action) {
    return feed(
        state, new UpgradeControlRequested(state.upgradeId(), CLUSTER, action, "bob", null, now));
  }

  /** The id of the command in flight whose name is {@code name}. */
  static String inFlight(UpgradeStatus s, String name) {
    return s.awaiting().stream()
        .filter(id -> id.endsWith(":" + name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in flight: " + s.awaiting()));
  }

  static List<Check> checks(CheckResult result) {
    return List.of(new Check("version-skew", result, "checked", null));
  }

  PreflightCompleted preflight(UpgradeStatus s, boolean passed) {
    return new PreflightCompleted(
        inFlight(s, "RunPreflight"),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        passed,
        checks(passed ? CheckResult.PASS : CheckResult.FAIL));
  }

  GreenClusterReady greenReady(UpgradeStatus s) {
    return new GreenClusterReady(
        inFlight(s, "ProvisionGreen"),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        "1.31",
        null,
        null);
  }

  WorkloadsDeployed deployed(UpgradeStatus s) {
    return new WorkloadsDeployed(
        inFlight(s, "DeployWorkloads"), s.upgradeId(), CLUSTER, s.greenCluster(), List.of("web"));
  }

  SmokeTestsCompleted smoke(UpgradeStatus s, boolean passed) {
    return new SmokeTestsCompleted(
        inFlight(s, "VerifyGreen"),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        passed,
        checks(passed ? CheckResult.PASS : CheckResult.FAIL));
  }

  TrafficWeightSet weightSet(UpgradeStatus s) {
    int weight = s.plan().steps().get(s.stepIndex()).weight();
    return new TrafficWeightSet(
        inFlight(s, "SetTrafficWeight"),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        s.stepIndex(),
        100 - weight,
        weight);
  }

  AnalysisCompleted analysis(UpgradeStatus s, Verdict verdict) {
    return new AnalysisCompleted(
        inFlight(s, "RunAnalysis"),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        s.stepIndex(),
        "default",
        verdict,
        List.of());
  }

  CronJobsHandedOver handedOver(UpgradeStatus s, HandoverDirection direction) {
    return new CronJobsHandedOver(
        inFlight(s, "HandOverCronJobs"),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        direction,
        List.of("batch/report"),
        null);
  }

  BlueRetired retired(UpgradeStatus s) {
    return new BlueRetired(
        inFlight(s, "DecommissionBlue"),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        List.of("cluster " + CLUSTER),
        false);
  }

  TrafficRolledBack rolledBack(UpgradeStatus s) {
    return new TrafficRolledBack(
        inFlight(s, "RollBackTraffic"), s.upgradeId(), CLUSTER, s.greenCluster(), 100, 0);
  }

  GreenDeregistered deregistered(UpgradeStatus s) {
    return new GreenDeregistered(
        inFlight(s, "DeregisterGreen"), s.upgradeId(), CLUSTER, s.greenCluster());
  }

  GreenCleanedUp cleanedUp(UpgradeStatus s) {
    return new GreenCleanedUp(
        inFlight(s, "CleanUpGreen"), s.upgradeId(), CLUSTER, s.greenCluster(), List.of("cluster"));
  }

  PhaseFailed failed(UpgradeStatus s, String commandName, Phase phase) {
    return new PhaseFailed(
        inFlight(s, commandName),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        phase,
        "boom",
        "InternalError",
        false,
        null);
  }

  static <T extends Command> T only(Decision d, Class<T> type) {
    List<Command> matching = d.commands().stream().filter(type::isInstance).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ": " + d.commands());
    }
    return type.cast(matching.get(0));
  }
}
