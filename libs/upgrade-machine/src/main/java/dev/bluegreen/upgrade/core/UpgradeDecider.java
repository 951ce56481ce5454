package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.EventType;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.BlueRetired;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.CommandRef;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RollBackTraffic;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.SetTrafficWeight;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.StepType;
import dev.bluegreen.contracts.events.TrafficRolledBack;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import dev.bluegreen.contracts.naming.PhysicalNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The upgrade state machine of one cluster as a pure function: {@link #decide} takes the stored
 * state and one input and answers the next state, the commands to send and the audit entry. No
 * Kafka, no clock (time comes with the input), no I/O, and it never throws: an input that makes no
 * sense is answered with an {@link InputRejected} entry (or ignored as a duplicate).
 *
 * <p>A pause holds back the commands of the states a fact moves the upgrade into; RESUME sends
 * them. Failures are never held back: they take the failure path even while paused.
 */
public final class UpgradeDecider {

  /**
   * Version of the decision rules. Stored in each upgrade's state; an upgrade keeps the rules it
   * started with, so a rule changed later must branch on {@link UpgradeStatus#decisionVersion()}.
   *
   * <ul>
   *   <li>1: the first rules.
   *   <li>2: a retryable {@code PhaseFailed} is retried with backoff ({@link RetryPolicy}) before
   *       the failure path; a FAILED upgrade records the phase it failed in, can be resumed there
   *       ({@code RETRY}), and while it failed half-way (decommission, rollback, clean-up) a new
   *       upgrade of its cluster is refused.
   *   <li>3: a dry run runs the real pre-flight checks (read-only) and ends COMPLETED when they
   *       pass, FAILED when they do not; an upgrade remembers the campaign that started it; the
   *       first shift and the decommission wait for the plan's maintenance windows.
   *   <li>4: while SOAKING, green stays watched: the plan's last analysis runs again and again
   *       until retention passes, and a failed one rolls back to blue.
   * </ul>
   */
  public static final int DECISION_VERSION = 4;

  /** The pause between two analyses that watch green while soaking. */
  static final Duration SOAK_WATCH_PAUSE = Duration.ofMinutes(1);

  /** The analysis that watches green while blue is kept: the plan's last, if it has one. */
  static String soakAnalysis(UpgradeStatus s) {
    if (s.decisionVersion() < 4 || s.plan() == null || s.plan().steps() == null) {
      return null;
    }
    String name = null;
    for (TrafficStep step : s.plan().steps()) {
      if (step.type() == StepType.ANALYSIS) {
        name = step.analysis();
      }
    }
    return name;
  }

  /** Phases whose failure leaves the world half-way: a new upgrade waits for them to be retried. */
  private static final Set<UpgradeState> LEAVES_WORK =
      EnumSet.of(UpgradeState.DECOMMISSIONING, UpgradeState.ROLLING_BACK, UpgradeState.CLEANING_UP);

  /** Phases a FAILED upgrade can be resumed in. */
  private static final Set<UpgradeState> RETRYABLE_AFTER_FAILURE =
      EnumSet.of(
          UpgradeState.PREFLIGHT,
          UpgradeState.DECOMMISSIONING,
          UpgradeState.ROLLING_BACK,
          UpgradeState.CLEANING_UP);

  /** How many recent input ids and answered commandIds an upgrade remembers for dedupe. */
  static final int REMEMBERED = 64;

  private static final Set<UpgradeState> PAUSABLE =
      EnumSet.of(
          UpgradeState.PREFLIGHT,
          UpgradeState.PROVISIONING,
          UpgradeState.DEPLOYING,
          UpgradeState.VERIFYING,
          UpgradeState.SHIFTING,
          UpgradeState.HANDOVER);

  private static final Set<UpgradeState> CANCELLABLE_WITH_CLEANUP =
      EnumSet.of(
          UpgradeState.PROVISIONING,
          UpgradeState.DEPLOYING,
          UpgradeState.VERIFYING,
          UpgradeState.AWAITING_SHIFT_APPROVAL);

  private static final Set<UpgradeState> ROLLBACKABLE =
      EnumSet.of(
          UpgradeState.SHIFTING,
          UpgradeState.HANDOVER,
          UpgradeState.SOAKING,
          UpgradeState.AWAITING_DECOMMISSION_APPROVAL);

  /** States a phase service works in: a retryable failure there is retried. */
  private static final Set<UpgradeState> PHASES_WITH_COMMANDS =
      EnumSet.of(
          UpgradeState.PREFLIGHT,
          UpgradeState.PROVISIONING,
          UpgradeState.DEPLOYING,
          UpgradeState.VERIFYING,
          UpgradeState.SHIFTING,
          UpgradeState.HANDOVER,
          UpgradeState.DECOMMISSIONING,
          UpgradeState.ROLLING_BACK,
          UpgradeState.CLEANING_UP);

  /** Which fact answers which command (PhaseFailed and PhaseProgressed answer any). */
  private static final Map<Class<? extends Command>, Class<? extends Fact>> ANSWERS =
      Map.ofEntries(
          Map.entry(RunPreflight.class, PreflightCompleted.class),
          Map.entry(ProvisionGreen.class, GreenClusterReady.class),
          Map.entry(DeployWorkloads.class, WorkloadsDeployed.class),
          Map.entry(VerifyGreen.class, SmokeTestsCompleted.class),
          Map.entry(SetTrafficWeight.class, TrafficWeightSet.class),
          Map.entry(RunAnalysis.class, AnalysisCompleted.class),
          Map.entry(HandOverCronJobs.class, CronJobsHandedOver.class),
          Map.entry(DecommissionBlue.class, BlueRetired.class),
          Map.entry(RollBackTraffic.class, TrafficRolledBack.class),
          Map.entry(DeregisterGreen.class, GreenDeregistered.class),
          Map.entry(CleanUpGreen.class, GreenCleanedUp.class));

  /**
   * What a fact does to the upgrade that awaited it: builds the next state on the step and says
   * why, for the audit log. One rule per fact, in the order of the phases.
   */
  @FunctionalInterface
  private interface FactRule {
    String apply(Step step, UpgradeStatus state, Fact fact, Input.Event event);
  }

  private final Map<Class<? extends Fact>, FactRule> rules =
      Map.ofEntries(
          Map.entry(PreflightCompleted.class, this::onPreflight),
          Map.entry(GreenClusterReady.class, this::onGreenReady),
          Map.entry(WorkloadsDeployed.class, this::onWorkloadsDeployed),
          Map.entry(SmokeTestsCompleted.class, this::onSmokeTests),
          Map.entry(TrafficWeightSet.class, this::onWeightSet),
          Map.entry(AnalysisCompleted.class, this::onAnalysis),
          Map.entry(CronJobsHandedOver.class, this::onCronJobsHandedOver),
          Map.entry(BlueRetired.class, this::onBlueRetired),
          Map.entry(TrafficRolledBack.class, this::onTrafficRolledBack),
          Map.entry(GreenDeregistered.class, this::onGreenDeregistered),
          Map.entry(GreenCleanedUp.class, this::onGreenCleanedUp),
          Map.entry(PhaseFailed.class, this::onPhaseFailed));

  private final PhaseTimeouts timeouts;
  private final RetryPolicy retries;

  /** The rules with the default retry policy. */
  public UpgradeDecider(PhaseTimeouts timeouts) {
    this(timeouts, RetryPolicy.defaults());
  }

  public UpgradeDecider(PhaseTimeouts timeouts, RetryPolicy retries) {
    this.timeouts = Objects.requireNonNull(timeouts);
    this.retries = Objects.requireNonNull(retries);
  }

  /**
   * The decision about one input.
   *
   * @param state the cluster's stored upgrade (the latest, possibly ended), or null if none
   * @param input a request, a fact, or a timer tick
   */
  public Decision decide(UpgradeStatus state, Input input) {
    try {
      if (input instanceof Input.Tick tick) {
        return state == null || state.isTerminal() ? Decision.nothing(state) : onTick(state, tick);
      }
      if (input instanceof Input.FleetFreezes freezes) {
        return state == null || state.isTerminal()
            ? Decision.nothing(state)
            : onFleetFreezes(state, freezes);
      }
      return onEvent(state, (Input.Event) input);
    } catch (RuntimeException e) {
      // A bug must not stop the stream thread: record it as a rejection people can see.
      return reject(state, input, "internal error while deciding: " + e, false, null);
    }
  }

  /**
   * The green cluster's name: the next generation of the logical cluster, named from the logical
   * name (never from blue's, so names do not grow) and a short upgrade id ({@link PhysicalNames}).
   */
  public static String greenClusterName(String logicalCluster, String upgradeId) {
    return PhysicalNames.greenCluster(logicalCluster, upgradeId);
  }

  /** The deterministic id of the {@code seq}-th command of an upgrade. */
  public static String commandId(String upgradeId, int seq, String commandName) {
    return upgradeId + ":" + seq + ":" + commandName;
  }

  // ---------------------------------------------------------------------------------- events

  private Decision onEvent(UpgradeStatus state, Input.Event event) {
    if (event.data() instanceof UpgradeRequested request) {
      return onRequested(state, event, request);
    }
    if (state == null) {
      return reject(null, event, "the cluster has no upgrade", false, null);
    }
    if (!Objects.equals(event.data().upgradeId(), state.upgradeId())) {
      return reject(
          state,
          event,
          "names upgrade "
              + event.data().upgradeId()
              + ", but the cluster's latest upgrade is "
              + state.upgradeId(),
          false,
          null);
    }
    if (state.seenEvents().contains(event.eventId())) {
      return reject(state, event, "already applied (redelivered input)", true, null);
    }
    if (state.decisionVersion() > DECISION_VERSION) {
      return reject(
          state,
          event,
          "the upgrade runs decision version "
              + state.decisionVersion()
              + ", newer than this orchestrator's "
              + DECISION_VERSION,
          false,
          null);
    }
    if (event.data() instanceof UpgradeControlRequested control) {
      return onControl(state, event, control);
    }
    if (event.data() instanceof Fact fact) {
      return onFact(state, event, fact);
    }
    return reject(
        state,
        event,
        "not an input of the orchestrator: " + event.data().getClass().getSimpleName(),
        false,
        null);
  }

  private Decision onRequested(UpgradeStatus state, Input.Event event, UpgradeRequested r) {
    if (state != null && state.upgradeId().equals(r.upgradeId())) {
      return reject(
          state, event, "upgrade " + r.upgradeId() + " was already requested", true, null);
    }
    if (state != null && !state.isTerminal() && !r.dryRun()) {
      return reject(
          state,
          event,
          "cluster "
              + r.logicalCluster()
              + " already has an active upgrade "
              + state.upgradeId()
              + " in state "
              + state.state(),
          false,
          state.upgradeId());
    }
    if (state != null
        && !r.dryRun()
        && state.state() == UpgradeState.FAILED
        && LEAVES_WORK.contains(state.failedIn())) {
      return reject(state, event, leftBehind(state), false, state.upgradeId());
    }
    if (r.plan() == null || r.plan().steps() == null) {
      return reject(state, event, "the request has no traffic plan", false, null);
    }
    // The API checks the plan; a request written to the topic by anything else is checked here.
    List<RequestRules.Violation> planProblems = RequestRules.checkSteps(r.plan().steps());
    if (!planProblems.isEmpty()) {
      RequestRules.Violation v = planProblems.get(0);
      return reject(state, event, "invalid plan: " + v.field() + ": " + v.detail(), false, null);
    }
    UpgradeStatus.Builder b =
        UpgradeStatus.builder()
            .decisionVersion(DECISION_VERSION)
            .upgradeId(r.upgradeId())
            .cluster(r.cluster())
            .logicalCluster(r.logicalCluster())
            .campaignId(r.campaignId())
            .greenCluster(greenClusterName(r.logicalCluster(), r.upgradeId()))
            .currentVersion(r.currentVersion())
            .targetVersion(r.targetVersion())
            .plan(r.plan())
            .dryRun(r.dryRun())
            .requestedBy(r.requestedBy())
            .state(UpgradeState.REQUESTED)
            .requestedAt(r.requestedAt())
            .updatedAt(event.at())
            .seenEvents(List.of(event.eventId()));
    Step step = new Step(b.build(), event);
    if (r.dryRun()) {
      // A dry run runs the real pre-flight checks (read-only) and ends there.
      step.enter(UpgradeState.PREFLIGHT);
      return step.transition(
          null,
          "dry run from "
              + (r.currentVersion() == null ? "unknown version" : r.currentVersion())
              + " to "
              + r.targetVersion()
              + ": running pre-flight checks; nothing will change");
    }
    step.enter(UpgradeState.PREFLIGHT);
    return step.transition(
        null,
        "upgrade requested from "
            + (r.currentVersion() == null ? "unknown version" : r.currentVersion())
            + " to "
            + r.targetVersion()
            + "; running pre-flight checks");
  }

  /** What a FAILED upgrade left half-way, and what resolves it. */
  static String leftBehind(UpgradeStatus s) {
    String what =
        switch (s.failedIn()) {
          case DECOMMISSIONING ->
              "it failed while retiring blue "
                  + s.cluster()
                  + ": green "
                  + s.greenCluster()
                  + " serves all traffic and blue is partly deleted";
          case ROLLING_BACK ->
              "it failed while moving traffic back to blue "
                  + s.cluster()
                  + ": green "
                  + s.greenCluster()
                  + " may still carry traffic";
          case CLEANING_UP ->
              "it failed while deleting green "
                  + s.greenCluster()
                  + ": parts of green are left; traffic is on blue "
                  + s.cluster();
          default -> "it failed in " + s.failedIn();
        };
    return "the last upgrade "
        + s.upgradeId()
        + " of "
        + s.logicalCluster()
        + " is unfinished: "
        + what
        + " ("
        + s.lastError()
        + "); POST /upgrades/"
        + s.upgradeId()
        + "/retry resumes it once the cause is fixed";
  }

  // -------------------------------------------------------------------------------- controls

  private Decision onControl(UpgradeStatus state, Input.Event event, UpgradeControlRequested c) {
    UpgradeState now = state.state();
    UpgradeState base = base(state);
    if (c.action() == ControlAction.RETRY) {
      return onRetry(state, event, c);
    }
    if (now.isTerminal()) {
      return reject(state, event, c.action() + ": the upgrade has ended in " + now, false, null);
    }
    Step step = new Step(state, event);
    String by = " (" + c.action() + " by " + c.actor() + ")";
    switch (c.action()) {
      case APPROVE -> {
        if (now == UpgradeState.AWAITING_SHIFT_APPROVAL) {
          step.b.stepIndex(0);
          step.enter(UpgradeState.SHIFTING);
          return step.transition(now, "first traffic shift approved" + by);
        }
        if (now == UpgradeState.AWAITING_DECOMMISSION_APPROVAL) {
          step.b.approvedBy(c.actor());
          step.enter(UpgradeState.DECOMMISSIONING);
          return step.transition(now, "decommission of blue approved" + by);
        }
        return reject(state, event, "nothing awaits approval in state " + now, false, null);
      }
      case PAUSE -> {
        if (now == UpgradeState.PAUSED) {
          return reject(state, event, "already paused", false, null);
        }
        if (!PAUSABLE.contains(now)) {
          return reject(state, event, "cannot pause in state " + now, false, null);
        }
        step.b.state(UpgradeState.PAUSED).pausedFrom(now).phaseDeadline(null);
        return step.transition(now, "paused" + by);
      }
      case RESUME -> {
        if (now != UpgradeState.PAUSED) {
          return reject(state, event, "not paused (state " + now + ")", false, null);
        }
        step.resume();
        return step.transition(now, "resumed" + by);
      }
      case PROMOTE -> {
        if (now == UpgradeState.SHIFTING && state.awaitingPromote()) {
          step.b.awaitingPromote(false);
          step.nextTrafficStep();
          return step.transition(now, "pause step " + state.stepIndex() + " promoted" + by);
        }
        if (now == UpgradeState.PAUSED && state.analysisInconclusive()) {
          step.b.analysisInconclusive(false).pausedFrom(null).state(UpgradeState.SHIFTING);
          step.held = false;
          step.nextTrafficStep();
          return step.transition(
              now, "inconclusive analysis at step " + state.stepIndex() + " promoted" + by);
        }
        return reject(
            state, event, "no pause step waits for a promote in state " + now, false, null);
      }
      case CANCEL -> {
        if (base == UpgradeState.REQUESTED || base == UpgradeState.PREFLIGHT) {
          step.abandonInFlight();
          step.finish(UpgradeState.CANCELLED, null);
          return step.transition(now, "cancelled before anything was created" + by);
        }
        if (CANCELLABLE_WITH_CLEANUP.contains(base)) {
          step.cleanUp(UpgradeState.CANCELLED, null);
          return step.transition(now, "cancelled; cleaning up green" + by);
        }
        if (ROLLBACKABLE.contains(base)) {
          return reject(
              state, event, "traffic may already have moved; use rollback instead", false, null);
        }
        return reject(state, event, "cannot cancel in state " + now, false, null);
      }
      case ROLLBACK -> {
        if (ROLLBACKABLE.contains(base)) {
          step.rollBack(null);
          return step.transition(now, "rollback requested" + by);
        }
        if (CANCELLABLE_WITH_CLEANUP.contains(base) || base == UpgradeState.PREFLIGHT) {
          return reject(state, event, "no traffic has moved yet; use cancel instead", false, null);
        }
        return reject(state, event, "cannot roll back in state " + now, false, null);
      }
    }
    return reject(state, event, "unknown action " + c.action(), false, null);
  }

  // ----------------------------------------------------------------------------------- facts

  /** RETRY: a FAILED upgrade goes back into the phase it failed in and sends its command again. */
  private Decision onRetry(UpgradeStatus state, Input.Event event, UpgradeControlRequested c) {
    if (state.state() != UpgradeState.FAILED) {
      return reject(
          state,
          event,
          "RETRY: only a FAILED upgrade can be retried; this one is " + state.state(),
          false,
          null);
    }
    if (!RETRYABLE_AFTER_FAILURE.contains(state.failedIn())) {
      return reject(
          state,
          event,
          "RETRY: the upgrade failed in "
              + (state.failedIn() == null ? "an unrecorded phase" : state.failedIn())
              + " and cleaned up after itself; nothing is left to resume: request a new upgrade",
          false,
          null);
    }
    Step step = new Step(state, event);
    step.b.completedAt(null).retries(0).failedIn(null);
    step.enter(state.failedIn());
    return step.transition(
        state.state(),
        "retry of the failed "
            + state.failedIn()
            + " (RETRY by "
            + c.actor()
            + (c.reason() == null ? "" : ": " + c.reason())
            + ")");
  }

  private Decision onFact(UpgradeStatus state, Input.Event event, Fact fact) {
    String commandId = fact.commandId();
    if (!state.awaiting().contains(commandId)) {
      if (state.answered().contains(commandId)) {
        return reject(
            state, event, "answers command " + commandId + ", already answered", true, null);
      }
      return reject(state, event, "answers no command in flight (" + commandId + ")", false, null);
    }
    if (fact instanceof PhaseProgressed p) {
      UpgradeStatus next =
          state.toBuilder()
              .progress(new Progress(p.phase(), p.step(), p.done(), p.total(), p.message()))
              .updatedAt(event.at())
              .build();
      return Decision.nothing(next);
    }
    Optional<Class<? extends Command>> awaited = awaitedCommand(state, commandId);
    Class<? extends Fact> expected = awaited.map(ANSWERS::get).orElse(null);
    String commandName = awaited.map(Class::getSimpleName).orElse(commandId);
    if (!(fact instanceof PhaseFailed) && (expected == null || !expected.isInstance(fact))) {
      return reject(
          state,
          event,
          fact.getClass().getSimpleName() + " does not answer " + commandName,
          false,
          null);
    }
    FactRule rule = rules.get(fact.getClass());
    if (rule == null) {
      return reject(state, event, fact.getClass().getSimpleName() + " is not handled", false, null);
    }
    Step step = new Step(state, event);
    step.answered(commandId);
    if (!(fact instanceof PhaseFailed)) {
      step.b.retries(0); // the phase got through: a later phase has its own retries
    }
    return step.transition(state.state(), rule.apply(step, state, fact, event));
  }

  /**
   * The command a commandId names, as the state recorded it when it was sent; for states stored
   * before the type was recorded, the name the commandId ends with.
   */
  private static Optional<Class<? extends Command>> awaitedCommand(
      UpgradeStatus state, String commandId) {
    String ceType = state.awaitingTypes().get(commandId);
    if (ceType != null) {
      return EventTypes.byCeType(ceType)
          .map(EventType::javaType)
          .filter(Command.class::isAssignableFrom)
          .map(t -> t.asSubclass(Command.class));
    }
    String name = commandId.substring(commandId.lastIndexOf(':') + 1);
    return ANSWERS.keySet().stream().filter(c -> c.getSimpleName().equals(name)).findFirst();
  }

  /** The state the upgrade was in before a pause, or now. */
  private static UpgradeState base(UpgradeStatus state) {
    UpgradeState base = state.state() == UpgradeState.PAUSED ? state.pausedFrom() : state.state();
    if (base == UpgradeState.AWAITING_WINDOW) {
      // Waiting for a window is, for controls and failures, the gate it replaces.
      return state.heldFor() == UpgradeState.DECOMMISSIONING
          ? UpgradeState.AWAITING_DECOMMISSION_APPROVAL
          : UpgradeState.AWAITING_SHIFT_APPROVAL;
    }
    return base;
  }

  // -------------------------------------------------------------- facts, in phase order

  private String onPreflight(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    PreflightCompleted p = (PreflightCompleted) fact;
    if (!p.passed()) {
      String reason = "pre-flight checks failed: " + failedChecks(p.checks());
      step.abandonInFlight();
      step.b.failedIn(UpgradeState.PREFLIGHT);
      step.finish(UpgradeState.FAILED, reason);
      return reason;
    }
    if (state.dryRun()) {
      step.finish(UpgradeState.COMPLETED, null);
      return "dry run: pre-flight checks passed; nothing changed";
    }
    step.advance(UpgradeState.PROVISIONING);
    return "pre-flight checks passed; provisioning green " + state.greenCluster();
  }

  private String onGreenReady(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    GreenClusterReady g = (GreenClusterReady) fact;
    step.advance(UpgradeState.DEPLOYING);
    return "green " + g.greenCluster() + " is ready at " + g.version() + "; deploying";
  }

  private String onWorkloadsDeployed(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    WorkloadsDeployed w = (WorkloadsDeployed) fact;
    step.advance(UpgradeState.VERIFYING);
    return w.applications().size() + " applications synced and healthy; verifying green";
  }

  private String onSmokeTests(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    SmokeTestsCompleted s = (SmokeTestsCompleted) fact;
    if (!s.passed()) {
      String reason = "smoke tests failed: " + failedChecks(s.checks());
      step.cleanUp(UpgradeState.FAILED, reason);
      return reason;
    }
    step.b.stepIndex(0);
    if (state.plan().approvalGates().beforeShift()) {
      step.advance(UpgradeState.AWAITING_SHIFT_APPROVAL);
      return "smoke tests passed; waiting for approval of the first traffic shift";
    }
    step.advance(UpgradeState.SHIFTING);
    return "smoke tests passed; shifting traffic";
  }

  private String onWeightSet(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    TrafficWeightSet t = (TrafficWeightSet) fact;
    if (t.greenWeight() > 0) {
      step.b.trafficMoved(true);
    }
    if (t.greenWeight() >= 100 && state.greenFullSince() == null) {
      step.b.greenFullSince(event.at());
    } else if (t.greenWeight() < 100) {
      step.b.greenFullSince(null);
    }
    step.nextTrafficStep();
    return "step "
        + t.stepIndex()
        + ": green at "
        + t.greenWeight()
        + "%, blue at "
        + t.blueWeight()
        + "%";
  }

  private String onAnalysis(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    AnalysisCompleted a = (AnalysisCompleted) fact;
    if (state.state() == UpgradeState.SOAKING) {
      if (a.verdict() == Verdict.FAILED) {
        String reason =
            "green degraded while soaking: analysis " + a.analysis() + " failed; back to blue";
        step.rollBack(reason);
        return reason;
      }
      // The next watch after a breath, so an analysis that answers at once cannot spin.
      Instant again = event.at().plus(SOAK_WATCH_PAUSE);
      step.b.pauseUntil(again);
      return "soak analysis "
          + a.analysis()
          + " "
          + a.verdict()
          + "; watching green again at "
          + again
          + " until retention ends at "
          + state.greenFullSince().plus(state.plan().retention());
    }
    switch (a.verdict()) {
      case SUCCESSFUL -> {
        step.nextTrafficStep();
        return "analysis " + a.analysis() + " at step " + a.stepIndex() + " successful";
      }
      case FAILED -> {
        String reason = "analysis " + a.analysis() + " at step " + a.stepIndex() + " failed";
        step.rollBack(reason);
        return reason;
      }
      default -> {
        step.b
            .state(UpgradeState.PAUSED)
            .pausedFrom(UpgradeState.SHIFTING)
            .analysisInconclusive(true)
            .phaseDeadline(null);
        return "analysis "
            + a.analysis()
            + " at step "
            + a.stepIndex()
            + " inconclusive; paused for a person (resume re-runs it, promote accepts it,"
            + " rollback rolls back)";
      }
    }
  }

  private String onCronJobsHandedOver(
      Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    CronJobsHandedOver h = (CronJobsHandedOver) fact;
    if (h.direction() == HandoverDirection.BLUE_TO_GREEN) {
      step.b.cronJobsOnGreen(true);
      if (state.greenFullSince() == null) {
        step.b.greenFullSince(event.at());
      }
      step.advance(UpgradeState.SOAKING);
      return h.cronJobs().size()
          + " CronJobs now run on green; keeping blue for "
          + state.plan().retention();
    }
    step.b.cronJobsOnGreen(false);
    step.sendCleanUp();
    return h.cronJobs().size() + " CronJobs handed back to blue; cleaning up green";
  }

  private String onBlueRetired(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    BlueRetired r = (BlueRetired) fact;
    step.finish(UpgradeState.COMPLETED, null);
    return "blue retired (" + r.deleted().size() + " resources deleted); upgrade completed";
  }

  private String onTrafficRolledBack(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    if (state.cronJobsOnGreen()) {
      step.send(
          new HandOverCronJobs(
              step.nextCommandId("HandOverCronJobs"),
              state.upgradeId(),
              state.cluster(),
              state.greenCluster(),
              HandoverDirection.GREEN_TO_BLUE));
      return "traffic 100% on blue again; handing CronJobs back to blue";
    }
    step.sendCleanUp();
    return "traffic 100% on blue again; cleaning up green";
  }

  private String onGreenDeregistered(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    step.finishCleanUpIfDone();
    return "green deregistered from Argo CD";
  }

  private String onGreenCleanedUp(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    GreenCleanedUp c = (GreenCleanedUp) fact;
    step.finishCleanUpIfDone();
    return "green's resources deleted (" + c.deleted().size() + ")";
  }

  private String onPhaseFailed(Step step, UpgradeStatus state, Fact fact, Input.Event event) {
    PhaseFailed failed = (PhaseFailed) fact;
    String reason =
        failed.phase()
            + " failed: "
            + failed.reason()
            + (failed.errorCode() == null ? "" : " (" + failed.errorCode() + ")");
    UpgradeState base = base(state);
    if (base == UpgradeState.SOAKING) {
      // The soak watch could not run: green is not known to be bad, so it is not rolled back.
      step.b.lastError(reason);
      return reason + "; green is no longer watched until retention ends";
    }
    if (state.decisionVersion() >= 2
        && failed.retryable()
        && PHASES_WITH_COMMANDS.contains(base)
        && state.retries() < retries.maxRetries()) {
      Instant at = event.at().plus(retries.backoff(state.retries()));
      step.abandonInFlight();
      step.b.retries(state.retries() + 1).retryAt(at).phaseDeadline(null).lastError(reason);
      return reason
          + "; retryable: retry "
          + (state.retries() + 1)
          + " of "
          + retries.maxRetries()
          + " at "
          + at;
    }
    step.fail(base, reason);
    return reason;
  }

  private static String failedChecks(List<dev.bluegreen.contracts.events.Check> checks) {
    List<String> failed = new ArrayList<>();
    for (var c : checks) {
      if (c.result() == CheckResult.FAIL) {
        failed.add(c.name() + " (" + c.reason() + ")");
      }
    }
    return failed.isEmpty() ? "no check named" : String.join(", ", failed);
  }

  // ------------------------------------------------------------------------------------ time

  private Decision onTick(UpgradeStatus state, Input.Tick tick) {
    UpgradeState now = state.state();
    Instant at = tick.at();
    if (now == UpgradeState.PAUSED) {
      return Decision.nothing(state);
    }
    if (now == UpgradeState.AWAITING_WINDOW) {
      if (state.windowOpensAt() == null
          || at.isBefore(state.windowOpensAt())
          || !Windows.open(state.windows(), at)) {
        return Decision.nothing(state);
      }
      Step step = new Step(state, tick);
      UpgradeState next = state.heldFor();
      step.b.heldFor(null).windowOpensAt(null);
      step.enter(next);
      return step.transition(
          now,
          "maintenance window open; "
              + (next == UpgradeState.SHIFTING ? "shifting traffic" : "decommissioning blue"));
    }
    if (state.retryAt() != null && !at.isBefore(state.retryAt())) {
      Step step = new Step(state, tick);
      step.enter(now);
      return step.transition(
          now,
          "retry "
              + state.retries()
              + " of "
              + retries.maxRetries()
              + ": sending the "
              + now
              + " command again");
    }
    if (state.phaseDeadline() != null && !at.isBefore(state.phaseDeadline())) {
      Step step = new Step(state, tick);
      String reason =
          now
              + " timed out: no answer to "
              + String.join(", ", state.awaiting())
              + " by "
              + state.phaseDeadline();
      step.abandonInFlight();
      step.fail(now, reason);
      return step.transition(now, reason);
    }
    if (now == UpgradeState.SHIFTING
        && state.pauseUntil() != null
        && !at.isBefore(state.pauseUntil())) {
      Step step = new Step(state, tick);
      step.b.pauseUntil(null);
      step.nextTrafficStep();
      return step.transition(now, "pause step " + state.stepIndex() + " ended");
    }
    if (now == UpgradeState.SOAKING && state.greenFullSince() != null) {
      Instant retained = state.greenFullSince().plus(state.plan().retention());
      if (!at.isBefore(retained)) {
        Step step = new Step(state, tick);
        step.abandonInFlight(); // the soak analysis, if one runs: the watch ends with retention
        if (state.plan().approvalGates().beforeDecommission()) {
          step.enter(UpgradeState.AWAITING_DECOMMISSION_APPROVAL);
          return step.transition(
              now, "retention window passed; waiting for approval to decommission blue");
        }
        step.enter(UpgradeState.DECOMMISSIONING);
        return step.transition(now, "retention window passed; decommissioning blue");
      }
      if (state.pauseUntil() != null
          && !at.isBefore(state.pauseUntil())
          && state.awaiting().isEmpty()) {
        Step step = new Step(state, tick);
        step.b.pauseUntil(null);
        step.watchSoak();
        return step.transition(now, "watching green again until " + retained);
      }
    }
    return Decision.nothing(state);
  }

  /**
   * The fleet's freezes changed (one declared, changed or lifted): the upgrade keeps the ones not
   * yet ended, so its next disruptive start waits for them; an upgrade already waiting for a window
   * learns when it next opens. Work under way is never cut off. Freezes that merely ended change
   * nothing here (they no longer hold anything), so their end writes no audit entry.
   */
  private Decision onFleetFreezes(UpgradeStatus state, Input.FleetFreezes input) {
    Instant at = input.at();
    List<Freeze> now = Windows.notEnded(input.freezes(), at);
    List<Freeze> before = Windows.notEnded(state.fleetFreezes(), at);
    if (Set.copyOf(now).equals(Set.copyOf(before))) {
      return Decision.nothing(state);
    }
    Step step = new Step(state, input);
    step.b.fleetFreezes(now);
    UpgradeState current = state.state();
    String held = "";
    if (current == UpgradeState.AWAITING_WINDOW) {
      Instant opens = Windows.nextOpening(step.current().windows(), at).orElse(null);
      step.b.windowOpensAt(opens);
      held =
          opens == null
              ? "; no maintenance window opens: waiting for a person (cancel or roll back)"
              : "; " + state.heldFor() + " starts when the next window opens at " + opens;
    }
    List<String> changes = new ArrayList<>();
    for (Freeze f : now) {
      if (!before.contains(f)) {
        changes.add("fleet freeze " + describe(f) + " declared");
      }
    }
    for (Freeze f : before) {
      if (!now.contains(f)) {
        changes.add("fleet freeze " + describe(f) + " lifted");
      }
    }
    return step.transition(
        current,
        String.join("; ", changes)
            + (current == UpgradeState.AWAITING_WINDOW
                ? held
                : "; disruptive work starts only outside it, work under way goes on"));
  }

  private static String describe(Freeze f) {
    return (f.reason() == null ? "" : "'" + f.reason() + "' ") + f.from() + " to " + f.to();
  }

  // -------------------------------------------------------------------------------- rejects

  private static Decision reject(
      UpgradeStatus state, Input input, String reason, boolean duplicate, String activeUpgradeId) {
    String upgradeId =
        input instanceof Input.Event e && e.data().upgradeId() != null
            ? e.data().upgradeId()
            : state == null ? null : state.upgradeId();
    String cluster =
        input instanceof Input.Event e
            ? e.data().cluster()
            : state == null ? null : state.cluster();
    AuditEntry entry =
        new InputRejected(
            upgradeId,
            cluster,
            state == null ? null : state.state(),
            new Cause(input.eventId(), input.type()),
            input.actor(),
            reason,
            duplicate,
            activeUpgradeId,
            input.at(),
            null); // the input itself is recorded by the adapter, which owns the JSON mapping
    return new Decision(state, List.of(), entry);
  }

  // ---------------------------------------------------------------------------------- a step

  /** The state being built for one decision, with the commands it sends. */
  private final class Step {
    private final UpgradeStatus before;
    private final Input input;
    private final Instant at;
    private final UpgradeStatus.Builder b;
    private final List<Command> commands = new ArrayList<>();
    private final List<String> awaiting;
    private final Map<String, String> awaitingTypes;
    private final List<String> answered;
    private int seq;

    /** While paused, forward moves are recorded but their commands wait for RESUME. */
    private boolean held;

    Step(UpgradeStatus before, Input input) {
      this.before = before;
      this.input = input;
      this.at = input.at();
      this.b = before.toBuilder().updatedAt(at);
      this.awaiting = new ArrayList<>(before.awaiting());
      this.awaitingTypes = new LinkedHashMap<>(before.awaitingTypes());
      this.answered = new ArrayList<>(before.answered());
      this.seq = before.seq();
      this.held = before.state() == UpgradeState.PAUSED;
    }

    private UpgradeStatus current() {
      return b.awaiting(awaiting).awaitingTypes(awaitingTypes).answered(answered).seq(seq).build();
    }

    String nextCommandId(String name) {
      seq++;
      return commandId(before.upgradeId(), seq, name);
    }

    void send(Command command) {
      commands.add(command);
      awaiting.add(command.commandId());
      // The command's type, so its answer is checked against a type, not a parsed id.
      awaitingTypes.put(command.commandId(), EventTypes.of(command.getClass()).ceType());
    }

    void answered(String commandId) {
      awaiting.remove(commandId);
      awaitingTypes.remove(commandId);
      remember(answered, commandId);
    }

    /** Commands in flight will not be waited for any more; their late answers are ignored. */
    void abandonInFlight() {
      for (String id : List.copyOf(awaiting)) {
        answered(id);
      }
    }

    private void armDeadline(UpgradeState state) {
      UpgradeStatus s = current();
      b.phaseDeadline(
          timeouts.timeoutOf(state, s.plan().phaseTimeouts()).map(at::plus).orElse(null));
    }

    /** Set when {@link #enter} held a disruptive phase for a window: added to the reason. */
    String windowNote = "";

    /**
     * Whether entering {@code next} would start disruptive work (the first traffic shift, the
     * decommission of blue) outside the plan's maintenance windows. Work already under way (a retry
     * of the same phase) is never held.
     */
    private boolean outsideWindow(UpgradeStatus s, UpgradeState next) {
      boolean disruptive =
          (next == UpgradeState.SHIFTING && !s.trafficMoved() && s.stepIndex() == 0)
              || next == UpgradeState.DECOMMISSIONING;
      return disruptive && s.state() != next && s.plan() != null && !Windows.open(s.windows(), at);
    }

    /** Moves forward to {@code next}; while paused the move is recorded but its commands wait. */
    void advance(UpgradeState next) {
      if (held) {
        b.pausedFrom(next).phaseDeadline(null);
        return;
      }
      enter(next);
    }

    /** Enters a state and sends the commands that start it. */
    void enter(UpgradeState next) {
      held = false;
      UpgradeStatus s = current();
      if (outsideWindow(s, next)) {
        Instant opens = Windows.nextOpening(s.windows(), at).orElse(null);
        b.state(UpgradeState.AWAITING_WINDOW)
            .heldFor(next)
            .windowOpensAt(opens)
            .pausedFrom(null)
            .progress(null)
            .pauseUntil(null)
            .phaseDeadline(null)
            .retryAt(null);
        windowNote =
            opens == null
                ? "; no maintenance window opens: waiting for a person (cancel or roll back)"
                : "; outside its maintenance windows: "
                    + next
                    + " starts when the next opens at "
                    + opens;
        return;
      }
      b.heldFor(null).windowOpensAt(null);
      b.state(next)
          .pausedFrom(null)
          .progress(null)
          .pauseUntil(null)
          .awaitingPromote(false)
          .retryAt(null);
      armDeadline(next);
      String id = s.upgradeId();
      String cluster = s.cluster();
      String green = s.greenCluster();
      switch (next) {
        case PREFLIGHT ->
            send(
                new RunPreflight(
                    nextCommandId("RunPreflight"), id, cluster, green, s.targetVersion()));
        case PROVISIONING ->
            send(
                new ProvisionGreen(
                    nextCommandId("ProvisionGreen"), id, cluster, green, s.targetVersion()));
        case DEPLOYING ->
            send(new DeployWorkloads(nextCommandId("DeployWorkloads"), id, cluster, green));
        case VERIFYING -> send(new VerifyGreen(nextCommandId("VerifyGreen"), id, cluster, green));
        case SHIFTING -> enterTrafficStep(s.stepIndex());
        case HANDOVER ->
            send(
                new HandOverCronJobs(
                    nextCommandId("HandOverCronJobs"),
                    id,
                    cluster,
                    green,
                    HandoverDirection.BLUE_TO_GREEN));
        case DECOMMISSIONING ->
            send(
                new DecommissionBlue(
                    nextCommandId("DecommissionBlue"),
                    id,
                    cluster,
                    green,
                    s.greenFullSince() == null ? at : s.greenFullSince(),
                    s.plan().retention(),
                    s.approvedBy(),
                    false));
        case ROLLING_BACK ->
            send(new RollBackTraffic(nextCommandId("RollBackTraffic"), id, cluster, green));
        case CLEANING_UP -> sendCleanUp();
        case SOAKING -> watchSoak();
        default -> {
          // Approval gates wait for a person or the clock; nothing to send.
        }
      }
    }

    /**
     * While blue is kept, green stays watched (decision version 4): the plan's last analysis runs
     * again and again until retention passes; a failed one rolls back to blue. Plans without an
     * analysis step are not watched.
     */
    void watchSoak() {
      UpgradeStatus s = current();
      String analysis = soakAnalysis(s);
      if (analysis == null) {
        return;
      }
      send(
          new RunAnalysis(
              nextCommandId("RunAnalysis"),
              s.upgradeId(),
              s.cluster(),
              s.greenCluster(),
              s.plan().steps().size(),
              analysis));
    }

    private void enterTrafficStep(int index) {
      UpgradeStatus s = current();
      List<TrafficStep> steps = s.plan().steps();
      b.stepIndex(index);
      if (index >= steps.size()) {
        enter(UpgradeState.HANDOVER);
        return;
      }
      TrafficStep step = steps.get(index);
      switch (step.type()) {
        case SET_WEIGHT ->
            send(
                new SetTrafficWeight(
                    nextCommandId("SetTrafficWeight"),
                    s.upgradeId(),
                    s.cluster(),
                    s.greenCluster(),
                    index,
                    step.weight()));
        case ANALYSIS ->
            send(
                new RunAnalysis(
                    nextCommandId("RunAnalysis"),
                    s.upgradeId(),
                    s.cluster(),
                    s.greenCluster(),
                    index,
                    step.analysis()));
        case PAUSE -> {
          b.phaseDeadline(null);
          if (step.duration() == null) {
            b.awaitingPromote(true);
          } else {
            b.pauseUntil(at.plus(step.duration()));
          }
        }
      }
    }

    /** Goes on with the next traffic step (or the handover after the last one). */
    void nextTrafficStep() {
      int next = before.stepIndex() + 1;
      b.stepIndex(next);
      UpgradeState target =
          next >= before.plan().steps().size() ? UpgradeState.HANDOVER : UpgradeState.SHIFTING;
      if (target == UpgradeState.HANDOVER) {
        advance(UpgradeState.HANDOVER);
      } else if (held) {
        b.pausedFrom(UpgradeState.SHIFTING).phaseDeadline(null);
      } else {
        enter(UpgradeState.SHIFTING);
      }
    }

    void resume() {
      UpgradeState back = before.pausedFrom();
      b.analysisInconclusive(false);
      if (awaiting.isEmpty()) {
        enter(back);
      } else {
        b.state(back).pausedFrom(null);
        armDeadline(back);
      }
    }

    /** The failure path for a failure (or timeout) seen in {@code base}. */
    void fail(UpgradeState base, String reason) {
      b.lastError(reason).retryAt(null);
      switch (base) {
        case REQUESTED, PREFLIGHT -> {
          abandonInFlight();
          b.failedIn(UpgradeState.PREFLIGHT);
          finish(UpgradeState.FAILED, reason);
        }
        case PROVISIONING, DEPLOYING, VERIFYING, AWAITING_SHIFT_APPROVAL ->
            cleanUp(UpgradeState.FAILED, reason);
        case SHIFTING, HANDOVER, SOAKING, AWAITING_DECOMMISSION_APPROVAL -> rollBack(reason);
        default -> {
          // DECOMMISSIONING, ROLLING_BACK, CLEANING_UP: no safe automatic next step. The upgrade
          // remembers where, so RETRY resumes there once a person fixed the cause.
          abandonInFlight();
          b.failedIn(base);
          finish(
              UpgradeState.FAILED,
              reason + "; needs a person (POST /upgrades/" + before.upgradeId() + "/retry)");
        }
      }
    }

    void cleanUp(UpgradeState end, String reason) {
      abandonInFlight();
      if (reason != null) {
        b.lastError(reason);
      }
      b.endState(end).analysisInconclusive(false);
      enter(UpgradeState.CLEANING_UP);
    }

    void rollBack(String reason) {
      abandonInFlight();
      if (reason != null) {
        b.lastError(reason);
      }
      b.endState(UpgradeState.ROLLED_BACK).analysisInconclusive(false);
      enter(UpgradeState.ROLLING_BACK);
    }

    void sendCleanUp() {
      UpgradeStatus s = current();
      send(
          new DeregisterGreen(
              nextCommandId("DeregisterGreen"), s.upgradeId(), s.cluster(), s.greenCluster()));
      send(
          new CleanUpGreen(
              nextCommandId("CleanUpGreen"), s.upgradeId(), s.cluster(), s.greenCluster()));
    }

    void finishCleanUpIfDone() {
      if (awaiting.isEmpty()) {
        UpgradeState end = before.endState() == null ? UpgradeState.FAILED : before.endState();
        finish(end, null);
      }
    }

    void finish(UpgradeState terminal, String error) {
      b.state(terminal)
          .pausedFrom(null)
          .phaseDeadline(null)
          .pauseUntil(null)
          .awaitingPromote(false)
          .analysisInconclusive(false)
          .completedAt(at);
      if (error != null) {
        b.lastError(error);
      }
    }

    Decision transition(UpgradeState from, String reason) {
      List<String> seen = new ArrayList<>(before.seenEvents());
      if (input instanceof Input.Event && !seen.contains(input.eventId())) {
        remember(seen, input.eventId());
      }
      UpgradeStatus next = current().toBuilder().seenEvents(seen).build();
      List<CommandRef> refs =
          commands.stream()
              .map(c -> new CommandRef(EventTypes.of(c.getClass()).ceType(), c.commandId()))
              .toList();
      UpgradeTransitioned entry =
          new UpgradeTransitioned(
              next.upgradeId(),
              next.cluster(),
              from,
              next.state(),
              new Cause(input.eventId(), input.type()),
              input.actor(),
              reason + windowNote,
              at,
              next.decisionVersion(),
              next.state() == UpgradeState.SHIFTING ? next.stepIndex() : null,
              refs,
              next.currentVersion(),
              next.targetVersion(),
              next.plan() == null ? null : next.plan().steps().size(),
              null); // the input itself is recorded by the adapter, which owns the JSON mapping
      return new Decision(next, commands, entry);
    }
  }

  private static void remember(List<String> list, String id) {
    list.add(id);
    while (list.size() > REMEMBERED) {
      list.remove(0);
    }
  }

  /** How long a pause step or the retention lasts, for people reading the plan. */
  static String describe(Duration d) {
    return d == null ? "until promoted" : d.toString();
  }
}
