package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.BlueRetired;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.GreenDeregistered;
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
import dev.bluegreen.testkit.HealthyAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures: requests, facts answering the commands in flight (the healthy ones from {@link
 * HealthyAnswers}), and a clock that advances.
 */
final class Upgrades {

  static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  static final String CLUSTER = "orders-prod";
  static final String UPGRADE = "0f3c2a9e-1111-4222-8333-944455556666";

  final UpgradeDecider decider = new UpgradeDecider(PhaseTimeouts.defaults());
  Instant now = T0;
  int events;
  private final Map<String, Command> sent = new HashMap<>();

  static UpgradePlan plan(List<TrafficStep> steps, boolean gates) {
    return new UpgradePlan(steps, Duration.ofHours(1), new ApprovalGates(gates, gates), null);
  }

  static UpgradeRequested request(String upgradeId, UpgradePlan plan, boolean dryRun) {
    return new UpgradeRequested(upgradeId, CLUSTER, "1.30", "1.31", plan, dryRun, "alice", T0);
  }

  Decision feed(UpgradeStatus state, UpgradeEvent data) {
    now = now.plusSeconds(1);
    events++;
    return sent(
        decider.decide(
            state,
            new Input.Event(
                "ev-" + events, EventTypes.of(data.getClass()).ceType(), "tester", now, data)));
  }

  Decision tick(UpgradeStatus state, Instant at) {
    now = at;
    return sent(decider.decide(state, new Input.Tick("tick-" + at, at)));
  }

  /** The fleet's freezes as the orchestrator feeds them, a second after the last input. */
  Decision fleetFreezes(UpgradeStatus state, List<Freeze> freezes) {
    now = now.plusSeconds(1);
    events++;
    return sent(decider.decide(state, new Input.FleetFreezes("freezes-" + events, now, freezes)));
  }

  /** Remembers the commands of a decision, so facts can answer them. */
  private Decision sent(Decision d) {
    d.commands().forEach(c -> sent.put(c.commandId(), c));
    return d;
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

  /** The command in flight named {@code name}, as the decider sent it through this fixture. */
  Command command(UpgradeStatus s, String name) {
    Command c = sent.get(inFlight(s, name));
    if (c == null) {
      throw new AssertionError(name + " in flight was not sent through this fixture");
    }
    return c;
  }

  /** The healthy answer ({@link HealthyAnswers}) to the command in flight named {@code name}. */
  private <F extends Fact> F healthy(UpgradeStatus s, String name, Class<F> type) {
    return HealthyAnswers.to(command(s, name), type);
  }

  /** A fact of checks: {@code PreflightCompleted}, {@code SmokeTestsCompleted}. */
  private interface ChecksFact<F> {
    F of(
        String commandId,
        String upgradeId,
        String cluster,
        String green,
        boolean passed,
        List<Check> checks);
  }

  /** The healthy answer when {@code passed}, else the same fact with a failed check. */
  private <F extends Fact> F checked(
      UpgradeStatus s, String name, boolean passed, ChecksFact<F> fact, Class<F> type) {
    return passed
        ? healthy(s, name, type)
        : fact.of(
            inFlight(s, name),
            s.upgradeId(),
            CLUSTER,
            s.greenCluster(),
            false,
            checks(CheckResult.FAIL));
  }

  PreflightCompleted preflight(UpgradeStatus s, boolean passed) {
    return checked(s, "RunPreflight", passed, PreflightCompleted::new, PreflightCompleted.class);
  }

  GreenClusterReady greenReady(UpgradeStatus s) {
    return healthy(s, "ProvisionGreen", GreenClusterReady.class);
  }

  WorkloadsDeployed deployed(UpgradeStatus s) {
    return healthy(s, "DeployWorkloads", WorkloadsDeployed.class);
  }

  SmokeTestsCompleted smoke(UpgradeStatus s, boolean passed) {
    return checked(s, "VerifyGreen", passed, SmokeTestsCompleted::new, SmokeTestsCompleted.class);
  }

  TrafficWeightSet weightSet(UpgradeStatus s) {
    return healthy(s, "SetTrafficWeight", TrafficWeightSet.class);
  }

  AnalysisCompleted analysis(UpgradeStatus s, Verdict verdict) {
    return (AnalysisCompleted) HealthyAnswers.to(command(s, "RunAnalysis"), verdict);
  }

  /** CronJobs handed over in the direction the command in flight asks for. */
  CronJobsHandedOver handedOver(UpgradeStatus s) {
    return healthy(s, "HandOverCronJobs", CronJobsHandedOver.class);
  }

  BlueRetired retired(UpgradeStatus s) {
    return healthy(s, "DecommissionBlue", BlueRetired.class);
  }

  TrafficRolledBack rolledBack(UpgradeStatus s) {
    return healthy(s, "RollBackTraffic", TrafficRolledBack.class);
  }

  GreenDeregistered deregistered(UpgradeStatus s) {
    return healthy(s, "DeregisterGreen", GreenDeregistered.class);
  }

  GreenCleanedUp cleanedUp(UpgradeStatus s) {
    return healthy(s, "CleanUpGreen", GreenCleanedUp.class);
  }

  /** A transient failure (throttling): the platform retries it. */
  PhaseFailed throttled(UpgradeStatus s, String commandName, Phase phase) {
    return new PhaseFailed(
        inFlight(s, commandName),
        s.upgradeId(),
        CLUSTER,
        s.greenCluster(),
        phase,
        "Rate exceeded",
        "ThrottlingException",
        true,
        null);
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
