package dev.bluegreen.upgrade.core;

import static dev.bluegreen.upgrade.core.Upgrades.CLUSTER;
import static dev.bluegreen.upgrade.core.Upgrades.UPGRADE;
import static dev.bluegreen.upgrade.core.Upgrades.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RollBackTraffic;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.SetTrafficWeight;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.events.WindowSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per transition, per illegal input and per timeout of the state machine. */
class UpgradeDeciderTest {

  private final Upgrades u = new Upgrades();

  // ------------------------------------------------------------------ driving to a state

  private UpgradeStatus preflight(List<TrafficStep> steps, boolean gates) {
    Decision d = u.feed(null, Upgrades.request(UPGRADE, Upgrades.plan(steps, gates), false));
    return d.next();
  }

  private UpgradeStatus preflight() {
    return preflight(RequestRules.DEFAULT_STEPS, true);
  }

  /** A dry run just requested: its pre-flight in flight. */
  private UpgradeStatus dryRunPreflight() {
    return u.feed(
            null, Upgrades.request(UPGRADE, Upgrades.plan(RequestRules.DEFAULT_STEPS, true), true))
        .next();
  }

  private UpgradeStatus provisioning() {
    UpgradeStatus s = preflight();
    return u.feed(s, u.preflight(s, true)).next();
  }

  private UpgradeStatus deploying() {
    UpgradeStatus s = provisioning();
    return u.feed(s, u.greenReady(s)).next();
  }

  private UpgradeStatus verifying() {
    UpgradeStatus s = deploying();
    return u.feed(s, u.deployed(s)).next();
  }

  private UpgradeStatus awaitingShiftApproval() {
    UpgradeStatus s = verifying();
    return u.feed(s, u.smoke(s, true)).next();
  }

  private UpgradeStatus shiftingStep0() {
    UpgradeStatus s = awaitingShiftApproval();
    return u.control(s, ControlAction.APPROVE).next();
  }

  /** With no approval gate, shifting by {@code steps}: the first weight set in flight. */
  private UpgradeStatus shiftingWithoutApproval(List<TrafficStep> steps) {
    UpgradeStatus s = preflight(steps, false);
    s = u.feed(s, u.preflight(s, true)).next();
    s = u.feed(s, u.greenReady(s)).next();
    s = u.feed(s, u.deployed(s)).next();
    return u.feed(s, u.smoke(s, true)).next();
  }

  /** Paused at the first step: its analysis was inconclusive. */
  private UpgradeStatus pausedOnInconclusive() {
    UpgradeStatus s = shiftingStep0();
    s = u.feed(s, u.weightSet(s)).next();
    return u.feed(s, u.analysis(s, Verdict.INCONCLUSIVE)).next();
  }

  /** Through every default step: 10, analysis, 50, analysis, 100, analysis. */
  private UpgradeStatus handover() {
    UpgradeStatus s = shiftingStep0();
    for (int i = 0; i < 3; i++) {
      s = u.feed(s, u.weightSet(s)).next();
      s = u.feed(s, u.analysis(s, Verdict.SUCCESSFUL)).next();
    }
    return s;
  }

  private UpgradeStatus soaking() {
    UpgradeStatus s = handover();
    return u.feed(s, u.handedOver(s)).next();
  }

  private UpgradeStatus awaitingDecommissionApproval() {
    UpgradeStatus s = soaking();
    return u.tick(s, s.greenFullSince().plus(Duration.ofHours(1))).next();
  }

  private UpgradeStatus decommissioning() {
    UpgradeStatus s = awaitingDecommissionApproval();
    return u.control(s, ControlAction.APPROVE).next();
  }

  private static UpgradeTransitioned transition(Decision d) {
    return assertInstanceOf(UpgradeTransitioned.class, d.auditEntry());
  }

  private static InputRejected rejection(Decision d) {
    return assertInstanceOf(InputRejected.class, d.auditEntry());
  }

  // --------------------------------------------------------------------- happy path

  @Test
  void noUpgrade_onRequest_entersPreflightAndSendsRunPreflight() {
    Decision d =
        u.feed(
            null,
            Upgrades.request(UPGRADE, Upgrades.plan(RequestRules.DEFAULT_STEPS, true), false));
    assertEquals(UpgradeState.PREFLIGHT, d.next().state());
    RunPreflight cmd = only(d, RunPreflight.class);
    assertEquals(UPGRADE + ":1:RunPreflight", cmd.commandId());
    assertEquals("1.31", cmd.targetVersion());
    assertEquals("orders-prod-g0f3c2a9e", cmd.greenCluster());
    assertEquals(UpgradeDecider.DECISION_VERSION, d.next().decisionVersion());
    UpgradeTransitioned t = transition(d);
    assertNull(t.from());
    assertEquals(UpgradeState.PREFLIGHT, t.to());
    assertEquals("tester", t.actor());
    assertEquals(List.of(cmd.commandId()), t.commands().stream().map(c -> c.commandId()).toList());
    assertNotNull(d.next().phaseDeadline());
  }

  @Test
  void noUpgrade_onDryRunRequest_runsOnlyThePreflightChecks() {
    Decision d =
        u.feed(
            null, Upgrades.request(UPGRADE, Upgrades.plan(RequestRules.DEFAULT_STEPS, true), true));
    assertEquals(UpgradeState.PREFLIGHT, d.next().state());
    assertTrue(d.next().dryRun());
    only(d, RunPreflight.class);
    assertTrue(transition(d).reason().contains("nothing will change"));
  }

  @Test
  void dryRun_onPassedPreflight_completesWithoutProvisioning() {
    UpgradeStatus s = dryRunPreflight();
    Decision d = u.feed(s, u.preflight(s, true));
    assertEquals(UpgradeState.COMPLETED, d.next().state());
    assertTrue(d.commands().isEmpty());
    assertTrue(transition(d).reason().contains("dry run"));
  }

  @Test
  void dryRun_onFailedPreflight_failsWithTheChecks() {
    UpgradeStatus s = dryRunPreflight();
    Decision d = u.feed(s, u.preflight(s, false));
    assertEquals(UpgradeState.FAILED, d.next().state());
    assertTrue(d.commands().isEmpty());
  }

  @Test
  void dryRun_whosePreflightIsNeverAnswered_timesOut_soAPlanIsNeverStuck() {
    UpgradeStatus s = dryRunPreflight();
    assertNotNull(s.phaseDeadline(), "a dry run's pre-flight has a deadline too");
    Decision d = u.tick(s, s.phaseDeadline());
    assertEquals(UpgradeState.FAILED, d.next().state());
    assertTrue(d.next().lastError().contains("timed out"), d.next().lastError());
  }

  @Test
  void preflight_onPassed_provisionsGreen() {
    UpgradeStatus s = preflight();
    Decision d = u.feed(s, u.preflight(s, true));
    assertEquals(UpgradeState.PROVISIONING, d.next().state());
    assertEquals(UPGRADE + ":2:ProvisionGreen", only(d, ProvisionGreen.class).commandId());
  }

  @Test
  void preflight_onFailedChecks_failsWithNothingToCleanUp() {
    UpgradeStatus s = preflight();
    Decision d = u.feed(s, u.preflight(s, false));
    assertEquals(UpgradeState.FAILED, d.next().state());
    assertTrue(d.commands().isEmpty());
    assertTrue(d.next().lastError().contains("version-skew"));
    assertNotNull(d.next().completedAt());
  }

  @Test
  void provisioning_recordsTheAwaitedCommandsType_andAFactOfAnotherTypeIsRejected() {
    UpgradeStatus s = provisioning();
    String awaited = s.awaiting().get(0);
    assertEquals("dev.bluegreen.ProvisionGreen.v1", s.awaitingTypes().get(awaited));
    // A fact that answers another command, under the awaited id: refused by the recorded type.
    InputRejected r =
        rejection(
            u.feed(
                s,
                new dev.bluegreen.contracts.events.WorkloadsDeployed(
                    awaited, s.upgradeId(), s.cluster(), s.greenCluster(), List.of())));
    assertTrue(r.reason().contains("does not answer ProvisionGreen"), r.reason());
    Decision d = u.feed(s, u.greenReady(s));
    assertTrue(d.next().awaitingTypes().keySet().stream().noneMatch(awaited::equals));
  }

  @Test
  void provisioning_storedBeforeTypesWereRecorded_stillTakesItsAnswer() {
    UpgradeStatus s = provisioning().toBuilder().awaitingTypes(null).build();
    Decision d = u.feed(s, u.greenReady(s));
    assertEquals(UpgradeState.DEPLOYING, d.next().state());
  }

  @Test
  void provisioning_onGreenReady_deploysWorkloads() {
    UpgradeStatus s = provisioning();
    Decision d = u.feed(s, u.greenReady(s));
    assertEquals(UpgradeState.DEPLOYING, d.next().state());
    only(d, DeployWorkloads.class);
  }

  @Test
  void provisioning_onProgress_recordsProgressWithoutTransition() {
    UpgradeStatus s = provisioning();
    Decision d =
        u.feed(
            s,
            new PhaseProgressed(
                Upgrades.inFlight(s, "ProvisionGreen"),
                UPGRADE,
                CLUSTER,
                s.greenCluster(),
                Phase.PROVISIONING,
                "nodegroups",
                1,
                3,
                "1 of 3 node groups active"));
    assertEquals(UpgradeState.PROVISIONING, d.next().state());
    assertEquals(1, d.next().progress().done());
    assertNull(d.auditEntry());
    assertTrue(d.commands().isEmpty());
  }

  @Test
  void deploying_onWorkloadsDeployed_verifiesGreen() {
    UpgradeStatus s = deploying();
    Decision d = u.feed(s, u.deployed(s));
    assertEquals(UpgradeState.VERIFYING, d.next().state());
    only(d, VerifyGreen.class);
  }

  @Test
  void verifying_onSmokePassed_withGate_awaitsShiftApproval() {
    UpgradeStatus s = verifying();
    Decision d = u.feed(s, u.smoke(s, true));
    assertEquals(UpgradeState.AWAITING_SHIFT_APPROVAL, d.next().state());
    assertTrue(d.commands().isEmpty());
    assertNull(d.next().phaseDeadline());
  }

  @Test
  void verifying_onSmokePassed_withoutGate_shiftsFirstStep() {
    UpgradeStatus s = preflight(RequestRules.DEFAULT_STEPS, false);
    s = u.feed(s, u.preflight(s, true)).next();
    s = u.feed(s, u.greenReady(s)).next();
    s = u.feed(s, u.deployed(s)).next();
    Decision d = u.feed(s, u.smoke(s, true));
    assertEquals(UpgradeState.SHIFTING, d.next().state());
    assertEquals(10, only(d, SetTrafficWeight.class).greenWeight());
  }

  @Test
  void verifying_onSmokeFailed_cleansUpGreen() {
    UpgradeStatus s = verifying();
    Decision d = u.feed(s, u.smoke(s, false));
    assertEquals(UpgradeState.CLEANING_UP, d.next().state());
    only(d, DeregisterGreen.class);
    only(d, CleanUpGreen.class);
  }

  @Test
  void awaitingShiftApproval_onApprove_setsFirstWeight() {
    UpgradeStatus s = awaitingShiftApproval();
    Decision d = u.control(s, ControlAction.APPROVE);
    assertEquals(UpgradeState.SHIFTING, d.next().state());
    SetTrafficWeight cmd = only(d, SetTrafficWeight.class);
    assertEquals(0, cmd.stepIndex());
    assertEquals(10, cmd.greenWeight());
    assertEquals(0, transition(d).stepIndex());
  }

  @Test
  void shifting_onWeightSet_runsTheNextAnalysis() {
    UpgradeStatus s = shiftingStep0();
    Decision d = u.feed(s, u.weightSet(s));
    assertEquals(UpgradeState.SHIFTING, d.next().state());
    assertEquals(1, only(d, RunAnalysis.class).stepIndex());
    assertTrue(d.next().trafficMoved());
  }

  @Test
  void shifting_onSuccessfulAnalysis_setsTheNextWeight() {
    UpgradeStatus s = shiftingStep0();
    s = u.feed(s, u.weightSet(s)).next();
    Decision d = u.feed(s, u.analysis(s, Verdict.SUCCESSFUL));
    assertEquals(50, only(d, SetTrafficWeight.class).greenWeight());
  }

  @Test
  void shifting_afterLastStep_handsCronJobsToGreen() {
    UpgradeStatus s = handover();
    assertEquals(UpgradeState.HANDOVER, s.state());
    assertNotNull(s.greenFullSince());
    Upgrades.inFlight(s, "HandOverCronJobs");
  }

  @Test
  void shifting_onFailedAnalysis_rollsBackToBlue() {
    UpgradeStatus s = shiftingStep0();
    s = u.feed(s, u.weightSet(s)).next();
    Decision d = u.feed(s, u.analysis(s, Verdict.FAILED));
    assertEquals(UpgradeState.ROLLING_BACK, d.next().state());
    only(d, RollBackTraffic.class);
    assertTrue(d.next().lastError().contains("failed"));
  }

  @Test
  void shifting_onInconclusiveAnalysis_pausesForAPerson() {
    UpgradeStatus s = shiftingStep0();
    s = u.feed(s, u.weightSet(s)).next();
    Decision d = u.feed(s, u.analysis(s, Verdict.INCONCLUSIVE));
    assertEquals(UpgradeState.PAUSED, d.next().state());
    assertEquals(UpgradeState.SHIFTING, d.next().pausedFrom());
    assertTrue(d.next().analysisInconclusive());
    assertTrue(d.commands().isEmpty());
  }

  @Test
  void pausedOnInconclusive_onResume_rerunsTheAnalysis() {
    UpgradeStatus s = pausedOnInconclusive();
    Decision d = u.control(s, ControlAction.RESUME);
    assertEquals(UpgradeState.SHIFTING, d.next().state());
    assertEquals(1, only(d, RunAnalysis.class).stepIndex());
  }

  @Test
  void pausedOnInconclusive_onPromote_acceptsItAndGoesOn() {
    UpgradeStatus s = pausedOnInconclusive();
    Decision d = u.control(s, ControlAction.PROMOTE);
    assertEquals(UpgradeState.SHIFTING, d.next().state());
    assertEquals(50, only(d, SetTrafficWeight.class).greenWeight());
  }

  @Test
  void shifting_timedPauseStep_endsOnTheClock() {
    List<TrafficStep> steps =
        List.of(
            TrafficStep.setWeight(10),
            TrafficStep.pause(Duration.ofMinutes(5)),
            TrafficStep.setWeight(100));
    UpgradeStatus s = shiftingWithoutApproval(steps);
    s = u.feed(s, u.weightSet(s)).next();
    assertNotNull(s.pauseUntil());
    assertTrue(u.tick(s, s.pauseUntil().minusSeconds(1)).commands().isEmpty());
    Decision d = u.tick(s, s.pauseUntil());
    assertEquals(100, only(d, SetTrafficWeight.class).greenWeight());
  }

  @Test
  void shifting_pauseWithoutDuration_waitsForPromote() {
    List<TrafficStep> steps =
        List.of(TrafficStep.setWeight(10), TrafficStep.pause(null), TrafficStep.setWeight(100));
    UpgradeStatus s = shiftingWithoutApproval(steps);
    s = u.feed(s, u.weightSet(s)).next();
    assertTrue(s.awaitingPromote());
    assertTrue(u.tick(s, s.updatedAt().plus(Duration.ofDays(30))).commands().isEmpty());
    Decision d = u.control(s, ControlAction.PROMOTE);
    assertEquals(100, only(d, SetTrafficWeight.class).greenWeight());
  }

  @Test
  void handover_onCronJobsHandedOver_soaks_andWatchesGreenWithThePlansLastAnalysis() {
    UpgradeStatus s = handover();
    Decision d = u.feed(s, u.handedOver(s));
    assertEquals(UpgradeState.SOAKING, d.next().state());
    assertTrue(d.next().cronJobsOnGreen());
    RunAnalysis watch = only(d, RunAnalysis.class);
    assertEquals(s.plan().steps().size(), watch.stepIndex(), "past the last step: the soak");
  }

  @Test
  void soaking_aSuccessfulWatch_watchesAgainAfterAPause() {
    UpgradeStatus s = soaking();
    Decision d = u.feed(s, u.analysis(s, Verdict.SUCCESSFUL));
    assertEquals(UpgradeState.SOAKING, d.next().state());
    assertTrue(d.commands().isEmpty(), "not at once: an analysis that answers at once cannot spin");
    Instant again = d.next().pauseUntil();
    assertNull(u.tick(d.next(), again.minusSeconds(1)).auditEntry());
    Decision watch = u.tick(d.next(), again);
    only(watch, RunAnalysis.class);
  }

  @Test
  void soaking_greenDegrades_rollsBackToBlue() {
    UpgradeStatus s = soaking();
    Decision d = u.feed(s, u.analysis(s, Verdict.FAILED));
    assertEquals(UpgradeState.ROLLING_BACK, d.next().state());
    only(d, RollBackTraffic.class);
    assertTrue(transition(d).reason().contains("degraded while soaking"), transition(d).reason());
  }

  @Test
  void soaking_aWatchThatCannotRun_doesNotRollBack() {
    UpgradeStatus s = soaking();
    Decision d = u.feed(s, u.failed(s, "RunAnalysis", Phase.SHIFTING));
    assertEquals(UpgradeState.SOAKING, d.next().state());
    assertTrue(d.commands().isEmpty());
  }

  @Test
  void soaking_retentionPassed_endsTheWatch_andALateVerdictIsIgnored() {
    UpgradeStatus s = soaking();
    UpgradeStatus approval = u.tick(s, s.greenFullSince().plus(Duration.ofHours(1))).next();
    assertEquals(UpgradeState.AWAITING_DECOMMISSION_APPROVAL, approval.state());
    assertTrue(approval.awaiting().isEmpty());
    InputRejected late = rejection(u.feed(approval, u.analysis(s, Verdict.FAILED)));
    assertTrue(late.duplicate(), "the abandoned watch's answer is quietly ignored");
  }

  @Test
  void soaking_beforeRetentionPassed_waits() {
    UpgradeStatus s = soaking();
    Decision d = u.tick(s, s.greenFullSince().plus(Duration.ofMinutes(59)));
    assertSame(s, d.next());
    assertNull(d.auditEntry());
  }

  @Test
  void soaking_afterRetention_withGate_awaitsDecommissionApproval() {
    UpgradeStatus s = awaitingDecommissionApproval();
    assertEquals(UpgradeState.AWAITING_DECOMMISSION_APPROVAL, s.state());
  }

  @Test
  void awaitingDecommissionApproval_onApprove_retiresBlue() {
    UpgradeStatus s = awaitingDecommissionApproval();
    Decision d = u.control(s, ControlAction.APPROVE);
    assertEquals(UpgradeState.DECOMMISSIONING, d.next().state());
    DecommissionBlue cmd = only(d, DecommissionBlue.class);
    assertEquals("bob", cmd.approvedBy());
    assertEquals(s.greenFullSince(), cmd.greenFullSince());
    assertEquals(Duration.ofHours(1), cmd.retention());
  }

  @Test
  void decommissioning_onBlueRetired_completes() {
    UpgradeStatus s = decommissioning();
    Decision d = u.feed(s, u.retired(s));
    assertEquals(UpgradeState.COMPLETED, d.next().state());
    assertTrue(d.next().isTerminal());
  }

  @Test
  void decommissioning_onPhaseFailed_failsForAPerson() {
    UpgradeStatus s = decommissioning();
    Decision d = u.feed(s, u.failed(s, "DecommissionBlue", Phase.DECOMMISSIONING));
    assertEquals(UpgradeState.FAILED, d.next().state());
    assertTrue(d.commands().isEmpty());
  }

  // ------------------------------------------------------- retries and no dead ends

  @Test
  void provisioning_onRetryableFailure_waitsTheBackoff_thenSendsTheCommandAgain() {
    UpgradeStatus s = provisioning();
    Decision d = u.feed(s, u.throttled(s, "ProvisionGreen", Phase.PROVISIONING));
    UpgradeStatus waiting = d.next();
    assertEquals(UpgradeState.PROVISIONING, waiting.state());
    assertTrue(d.commands().isEmpty());
    assertEquals(1, waiting.retries());
    assertEquals(u.now.plusSeconds(30), waiting.retryAt());
    assertTrue(transition(d).reason().contains("retry 1 of 3"), transition(d).reason());
    assertEquals(waiting, u.tick(waiting, waiting.retryAt().minusSeconds(1)).next());

    Decision retry = u.tick(waiting, waiting.retryAt());
    ProvisionGreen again = only(retry, ProvisionGreen.class);
    assertNotEquals(s.awaiting().get(0), again.commandId());
    assertNull(retry.next().retryAt());
    assertNotNull(retry.next().phaseDeadline());
    // Green gets through: the next phase starts with a fresh budget.
    Decision ready = u.feed(retry.next(), u.greenReady(retry.next()));
    assertEquals(UpgradeState.DEPLOYING, ready.next().state());
    assertEquals(0, ready.next().retries());
  }

  @Test
  void provisioning_whenTheRetryBudgetIsSpent_takesTheFailurePath() {
    UpgradeStatus s = provisioning();
    for (int i = 0; i < 3; i++) {
      s = u.feed(s, u.throttled(s, "ProvisionGreen", Phase.PROVISIONING)).next();
      s = u.tick(s, s.retryAt()).next();
    }
    Decision d = u.feed(s, u.throttled(s, "ProvisionGreen", Phase.PROVISIONING));
    assertEquals(UpgradeState.CLEANING_UP, d.next().state());
  }

  @Test
  void decisionVersion1_upgradeInFlight_keepsItsRules_noRetry() {
    UpgradeStatus s = provisioning().toBuilder().decisionVersion(1).build();
    Decision d = u.feed(s, u.throttled(s, "ProvisionGreen", Phase.PROVISIONING));
    assertEquals(UpgradeState.CLEANING_UP, d.next().state());
  }

  @Test
  void decommissioning_failedForAPerson_saysWhatIsLeft_refusesANewUpgrade_andRetryFinishesIt() {
    UpgradeStatus s = decommissioning();
    UpgradeStatus failed = u.feed(s, u.failed(s, "DecommissionBlue", Phase.DECOMMISSIONING)).next();
    assertEquals(UpgradeState.FAILED, failed.state());
    assertEquals(UpgradeState.DECOMMISSIONING, failed.failedIn());
    assertTrue(failed.lastError().contains("/retry"), failed.lastError());

    InputRejected refused =
        rejection(u.feed(failed, Upgrades.request("next-upgrade", s.plan(), false)));
    assertTrue(refused.reason().contains("green " + s.greenCluster() + " serves all traffic"));
    assertEquals(s.upgradeId(), refused.activeUpgradeId());

    Decision retry = u.control(failed, ControlAction.RETRY);
    assertEquals(UpgradeState.DECOMMISSIONING, retry.next().state());
    only(retry, DecommissionBlue.class);
    assertNull(retry.next().completedAt());
    Decision done = u.feed(retry.next(), u.retired(retry.next()));
    assertEquals(UpgradeState.COMPLETED, done.next().state());
  }

  @Test
  void preflightFailed_retry_runsThePreflightAgain() {
    UpgradeStatus s = preflight();
    UpgradeStatus failed = u.feed(s, u.preflight(s, false)).next();
    assertEquals(UpgradeState.PREFLIGHT, failed.failedIn());
    Decision retry = u.control(failed, ControlAction.RETRY);
    assertEquals(UpgradeState.PREFLIGHT, retry.next().state());
    only(retry, RunPreflight.class);
  }

  @Test
  void retry_ofAnUpgradeThatCleanedUpAfterItself_orOfARunningOne_isRejectedWithTheReason() {
    UpgradeStatus s = provisioning();
    UpgradeStatus cleaning = u.feed(s, u.failed(s, "ProvisionGreen", Phase.PROVISIONING)).next();
    assertTrue(rejection(u.control(cleaning, ControlAction.RETRY)).reason().contains("FAILED"));
    UpgradeStatus failed = u.feed(cleaning, u.deregistered(cleaning)).next();
    failed = u.feed(failed, u.cleanedUp(failed)).next();
    assertEquals(UpgradeState.FAILED, failed.state());
    assertTrue(
        rejection(u.control(failed, ControlAction.RETRY)).reason().contains("request a new"));
    // ... and a clean failure does not hold up the next upgrade.
    assertEquals(
        UpgradeState.PREFLIGHT,
        u.feed(failed, Upgrades.request("next-upgrade", s.plan(), false)).next().state());
  }

  // ------------------------------------------------------------------- failure paths

  @Test
  void provisioning_onPhaseFailed_cleansUpAndEndsFailed() {
    UpgradeStatus s = provisioning();
    Decision d = u.feed(s, u.failed(s, "ProvisionGreen", Phase.PROVISIONING));
    assertEquals(UpgradeState.CLEANING_UP, d.next().state());
    s = d.next();
    s = u.feed(s, u.deregistered(s)).next();
    assertEquals(UpgradeState.CLEANING_UP, s.state());
    Decision end = u.feed(s, u.cleanedUp(s));
    assertEquals(UpgradeState.FAILED, end.next().state());
    assertTrue(end.next().lastError().contains("boom"));
  }

  @Test
  void shifting_onPhaseFailed_rollsBack() {
    UpgradeStatus s = shiftingStep0();
    Decision d = u.feed(s, u.failed(s, "SetTrafficWeight", Phase.SHIFTING));
    assertEquals(UpgradeState.ROLLING_BACK, d.next().state());
    only(d, RollBackTraffic.class);
  }

  @Test
  void rollingBack_beforeHandover_cleansUpAndEndsRolledBack() {
    UpgradeStatus s = shiftingStep0();
    s = u.control(s, ControlAction.ROLLBACK).next();
    Decision d = u.feed(s, u.rolledBack(s));
    assertEquals(UpgradeState.ROLLING_BACK, d.next().state());
    only(d, DeregisterGreen.class);
    only(d, CleanUpGreen.class);
    s = d.next();
    s = u.feed(s, u.cleanedUp(s)).next();
    Decision end = u.feed(s, u.deregistered(s));
    assertEquals(UpgradeState.ROLLED_BACK, end.next().state());
  }

  @Test
  void soaking_onRollback_movesTrafficAndCronJobsBackToBlue() {
    UpgradeStatus s = soaking();
    s = u.control(s, ControlAction.ROLLBACK).next();
    assertEquals(UpgradeState.ROLLING_BACK, s.state());
    Decision d = u.feed(s, u.rolledBack(s));
    assertEquals(HandoverDirection.GREEN_TO_BLUE, only(d, HandOverCronJobs.class).direction());
    s = d.next();
    Decision back = u.feed(s, u.handedOver(s));
    assertFalse(back.next().cronJobsOnGreen());
    only(back, CleanUpGreen.class);
  }

  @Test
  void rollingBack_onPhaseFailed_failsForAPerson() {
    UpgradeStatus s = shiftingStep0();
    s = u.control(s, ControlAction.ROLLBACK).next();
    Decision d = u.feed(s, u.failed(s, "RollBackTraffic", Phase.ROLLING_BACK));
    assertEquals(UpgradeState.FAILED, d.next().state());
    assertTrue(d.next().lastError().contains("needs a person"));
  }

  // ----------------------------------------------------------------------- controls

  @Test
  void preflight_onCancel_endsCancelledWithoutCleanUp() {
    UpgradeStatus s = preflight();
    Decision d = u.control(s, ControlAction.CANCEL);
    assertEquals(UpgradeState.CANCELLED, d.next().state());
    assertTrue(d.commands().isEmpty());
  }

  @Test
  void deploying_onCancel_cleansUpAndEndsCancelled() {
    UpgradeStatus s = deploying();
    s = u.control(s, ControlAction.CANCEL).next();
    assertEquals(UpgradeState.CLEANING_UP, s.state());
    s = u.feed(s, u.deregistered(s)).next();
    assertEquals(UpgradeState.CANCELLED, u.feed(s, u.cleanedUp(s)).next().state());
  }

  @Test
  void deploying_onCancel_lateAnswerOfAbandonedCommandIsIgnoredAsDuplicate() {
    UpgradeStatus s = deploying();
    var late = u.deployed(s);
    s = u.control(s, ControlAction.CANCEL).next();
    InputRejected r = rejection(u.feed(s, late));
    assertTrue(r.duplicate());
  }

  @Test
  void shifting_onCancel_isRejected_useRollback() {
    UpgradeStatus s = shiftingStep0();
    InputRejected r = rejection(u.control(s, ControlAction.CANCEL));
    assertTrue(r.reason().contains("rollback"));
    assertEquals(UpgradeState.SHIFTING, r.state());
  }

  @Test
  void provisioning_onRollback_isRejected_useCancel() {
    UpgradeStatus s = provisioning();
    assertTrue(rejection(u.control(s, ControlAction.ROLLBACK)).reason().contains("cancel"));
  }

  @Test
  void provisioning_onPause_holdsTheNextCommandUntilResume() {
    UpgradeStatus s = provisioning();
    s = u.control(s, ControlAction.PAUSE).next();
    assertEquals(UpgradeState.PAUSED, s.state());
    assertEquals(UpgradeState.PROVISIONING, s.pausedFrom());
    Decision whilePaused = u.feed(s, u.greenReady(s));
    assertEquals(UpgradeState.PAUSED, whilePaused.next().state());
    assertEquals(UpgradeState.DEPLOYING, whilePaused.next().pausedFrom());
    assertTrue(whilePaused.commands().isEmpty());
    Decision resumed = u.control(whilePaused.next(), ControlAction.RESUME);
    assertEquals(UpgradeState.DEPLOYING, resumed.next().state());
    only(resumed, DeployWorkloads.class);
  }

  @Test
  void paused_withCommandInFlight_onResume_waitsForItWithoutResending() {
    UpgradeStatus s = provisioning();
    s = u.control(s, ControlAction.PAUSE).next();
    Decision d = u.control(s, ControlAction.RESUME);
    assertEquals(UpgradeState.PROVISIONING, d.next().state());
    assertTrue(d.commands().isEmpty());
    assertNotNull(d.next().phaseDeadline());
  }

  @Test
  void paused_onPhaseFailed_takesTheFailurePathAtOnce() {
    UpgradeStatus s = provisioning();
    s = u.control(s, ControlAction.PAUSE).next();
    Decision d = u.feed(s, u.failed(s, "ProvisionGreen", Phase.PROVISIONING));
    assertEquals(UpgradeState.CLEANING_UP, d.next().state());
  }

  @Test
  void paused_onTick_nothingTimesOut() {
    UpgradeStatus s = provisioning();
    s = u.control(s, ControlAction.PAUSE).next();
    Decision d = u.tick(s, s.updatedAt().plus(Duration.ofDays(1)));
    assertSame(s, d.next());
  }

  @Test
  void paused_onPause_isRejected() {
    UpgradeStatus s = provisioning();
    s = u.control(s, ControlAction.PAUSE).next();
    assertTrue(rejection(u.control(s, ControlAction.PAUSE)).reason().contains("already paused"));
  }

  @Test
  void provisioning_onResume_isRejectedAsNotPaused() {
    assertTrue(
        rejection(u.control(provisioning(), ControlAction.RESUME)).reason().contains("not paused"));
  }

  @Test
  void provisioning_onApprove_isRejectedAsNothingAwaitsApproval() {
    assertTrue(
        rejection(u.control(provisioning(), ControlAction.APPROVE)).reason().contains("approval"));
  }

  @Test
  void shifting_onPromoteWithoutPauseStep_isRejected() {
    assertTrue(
        rejection(u.control(shiftingStep0(), ControlAction.PROMOTE)).reason().contains("promote"));
  }

  @Test
  void soaking_onPause_isRejected() {
    assertTrue(
        rejection(u.control(soaking(), ControlAction.PAUSE)).reason().contains("cannot pause"));
  }

  @Test
  void completed_onAnyControl_isRejectedAsEnded() {
    UpgradeStatus s = decommissioning();
    s = u.feed(s, u.retired(s)).next();
    assertTrue(rejection(u.control(s, ControlAction.ROLLBACK)).reason().contains("ended"));
  }

  // ------------------------------------------------------------------ illegal inputs

  @Test
  void activeUpgrade_onSecondRequest_isRejectedNamingTheActiveOne() {
    UpgradeStatus s = preflight();
    Decision d = u.feed(s, Upgrades.request("other-upgrade", s.plan(), false));
    InputRejected r = rejection(d);
    assertEquals(UPGRADE, r.activeUpgradeId());
    assertEquals("other-upgrade", r.upgradeId());
    assertSame(s, d.next());
    assertTrue(d.commands().isEmpty());
  }

  @Test
  void endedUpgrade_onNewRequest_startsTheNewUpgrade() {
    UpgradeStatus s = preflight();
    s = u.feed(s, u.preflight(s, false)).next();
    Decision d = u.feed(s, Upgrades.request("second", s.plan(), false));
    assertEquals("second", d.next().upgradeId());
    assertEquals(UpgradeState.PREFLIGHT, d.next().state());
  }

  @Test
  void activeUpgrade_onDryRunRequest_plansWithoutTouchingTheActiveOne() {
    UpgradeStatus s = preflight();
    Decision d = u.feed(s, Upgrades.request("dry", s.plan(), true));
    assertEquals("dry", d.next().upgradeId());
    assertEquals(UpgradeState.PREFLIGHT, d.next().state());
  }

  @Test
  void requestWithAnInvalidPlan_isRejected_evenIfItBypassedTheApi() {
    Decision d =
        u.feed(
            null,
            Upgrades.request(
                UPGRADE, Upgrades.plan(List.of(TrafficStep.setWeight(50)), true), false));
    assertNull(d.next());
    assertTrue(rejection(d).reason().contains("invalid plan"));
  }

  @Test
  void sameRequestTwice_isIgnoredAsDuplicate() {
    UpgradeStatus s = preflight();
    InputRejected r = rejection(u.feed(s, Upgrades.request(UPGRADE, s.plan(), false)));
    assertTrue(r.duplicate());
  }

  @Test
  void redeliveredFact_isIgnoredAsDuplicate() {
    UpgradeStatus s = provisioning();
    var fact = u.greenReady(s);
    s = u.feed(s, fact).next();
    Decision d = u.feed(s, fact);
    assertTrue(rejection(d).duplicate());
    assertTrue(d.commands().isEmpty());
  }

  @Test
  void redeliveredEventId_isIgnoredAsDuplicate() {
    UpgradeStatus s = provisioning();
    Input.Event event = new Input.Event("same-id", "t", "tester", u.now, u.greenReady(s));
    s = u.decider.decide(s, event).next();
    assertTrue(rejection(u.decider.decide(s, event)).duplicate());
  }

  @Test
  void noUpgrade_onFact_isRejected() {
    UpgradeStatus s = provisioning();
    InputRejected r = rejection(u.feed(null, u.greenReady(s)));
    assertNull(r.state());
    assertTrue(r.reason().contains("no upgrade"));
  }

  @Test
  void factOfAnotherUpgrade_isRejected() {
    UpgradeStatus s = provisioning();
    var g = u.greenReady(s);
    var other =
        new dev.bluegreen.contracts.events.GreenClusterReady(
            g.commandId(), "old-upgrade", CLUSTER, g.greenCluster(), "1.31", null, null);
    assertTrue(rejection(u.feed(s, other)).reason().contains("old-upgrade"));
  }

  @Test
  void factAnsweringTheWrongCommand_isRejected() {
    UpgradeStatus s = provisioning();
    var wrong =
        new dev.bluegreen.contracts.events.WorkloadsDeployed(
            Upgrades.inFlight(s, "ProvisionGreen"), UPGRADE, CLUSTER, s.greenCluster(), List.of());
    Decision d = u.feed(s, wrong);
    assertTrue(rejection(d).reason().contains("does not answer"));
    assertSame(s, d.next());
  }

  @Test
  void strayFact_answeringNoCommand_isRejected() {
    UpgradeStatus s = provisioning();
    var stray =
        new dev.bluegreen.contracts.events.GreenClusterReady(
            UPGRADE + ":99:ProvisionGreen", UPGRADE, CLUSTER, s.greenCluster(), "1.31", null, null);
    assertFalse(rejection(u.feed(s, stray)).duplicate());
  }

  @Test
  void stateFromNewerDecisionVersion_rejectsInputs() {
    UpgradeStatus s =
        provisioning().toBuilder().decisionVersion(UpgradeDecider.DECISION_VERSION + 1).build();
    assertTrue(rejection(u.feed(s, u.greenReady(s))).reason().contains("decision version"));
  }

  @Test
  void noUpgrade_onTick_doesNothing() {
    Decision d = u.tick(null, Upgrades.T0);
    assertNull(d.next());
    assertNull(d.auditEntry());
  }

  // ------------------------------------------------------------------------ timeouts

  @Test
  void preflight_onTimeout_failsWithNothingToCleanUp() {
    UpgradeStatus s = preflight();
    Decision d = u.tick(s, s.phaseDeadline());
    assertEquals(UpgradeState.FAILED, d.next().state());
    assertTrue(d.next().lastError().contains("timed out"));
    assertEquals(Input.Tick.TYPE, transition(d).cause().type());
  }

  @Test
  void provisioning_beforeDeadline_doesNotTimeOut() {
    UpgradeStatus s = provisioning();
    assertSame(s, u.tick(s, s.phaseDeadline().minusMillis(1)).next());
  }

  @Test
  void provisioning_onTimeout_cleansUpGreen() {
    UpgradeStatus s = provisioning();
    Decision d = u.tick(s, s.phaseDeadline());
    assertEquals(UpgradeState.CLEANING_UP, d.next().state());
    only(d, CleanUpGreen.class);
  }

  @Test
  void provisioning_timeoutFromPlanOverride_applies() {
    UpgradeStatus s = provisioning();
    UpgradeStatus withOverride =
        s.toBuilder()
            .plan(
                new dev.bluegreen.contracts.events.UpgradePlan(
                    s.plan().steps(),
                    s.plan().retention(),
                    s.plan().approvalGates(),
                    java.util.Map.of("DEPLOYING", "PT2M")))
            .build();
    UpgradeStatus deploying = u.feed(withOverride, u.greenReady(withOverride)).next();
    assertEquals(u.now.plus(Duration.ofMinutes(2)), deploying.phaseDeadline());
  }

  @Test
  void verifying_onTimeout_cleansUpGreen() {
    UpgradeStatus s = verifying();
    assertEquals(UpgradeState.CLEANING_UP, u.tick(s, s.phaseDeadline()).next().state());
  }

  @Test
  void shifting_onTimeout_rollsBack() {
    UpgradeStatus s = shiftingStep0();
    Decision d = u.tick(s, s.phaseDeadline());
    assertEquals(UpgradeState.ROLLING_BACK, d.next().state());
    only(d, RollBackTraffic.class);
  }

  @Test
  void handover_onTimeout_rollsBack() {
    UpgradeStatus s = handover();
    assertEquals(UpgradeState.ROLLING_BACK, u.tick(s, s.phaseDeadline()).next().state());
  }

  @Test
  void cleaningUp_onTimeout_failsForAPerson() {
    UpgradeStatus s = provisioning();
    s = u.tick(s, s.phaseDeadline()).next();
    Decision d = u.tick(s, s.phaseDeadline());
    assertEquals(UpgradeState.FAILED, d.next().state());
    assertTrue(d.next().lastError().contains("needs a person"));
  }

  @Test
  void decommissioning_onTimeout_failsForAPerson() {
    UpgradeStatus s = decommissioning();
    assertEquals(UpgradeState.FAILED, u.tick(s, s.phaseDeadline()).next().state());
  }

  // ----------------------------------------------------------------- determinism

  @Test
  void replayingTheSameInputs_givesTheSameStatesAndCommandIds() {
    Upgrades first = new Upgrades();
    Upgrades second = new Upgrades();
    UpgradeStatus a =
        first
            .feed(
                null,
                Upgrades.request(UPGRADE, Upgrades.plan(RequestRules.DEFAULT_STEPS, true), false))
            .next();
    UpgradeStatus b =
        second
            .feed(
                null,
                Upgrades.request(UPGRADE, Upgrades.plan(RequestRules.DEFAULT_STEPS, true), false))
            .next();
    Decision da = first.feed(a, first.preflight(a, true));
    Decision db = second.feed(b, second.preflight(b, true));
    assertEquals(da.next(), db.next());
    assertEquals(
        da.commands().stream().map(Command::commandId).toList(),
        db.commands().stream().map(Command::commandId).toList());
  }

  @Test
  void greenClusterName_isShortEnoughAndStable() {
    String longName = "c".repeat(100);
    String green = UpgradeDecider.greenClusterName(longName, UPGRADE);
    assertEquals(63, green.length()); // a Kubernetes label value, see PhysicalNames
    assertTrue(green.endsWith("-g0f3c2a9e"));
    assertEquals(green, UpgradeDecider.greenClusterName(longName, UPGRADE));
  }

  // ------------------------------------------------------------------ maintenance windows

  /** 22:00 to 24:00 UTC every day; the tests start at 09:00. */
  private static final MaintenanceWindows NIGHTLY =
      new MaintenanceWindows(
          List.of(new WindowSchedule("0 22 * * *", "UTC", Duration.ofHours(2))), null);

  private UpgradeStatus verifyingWithWindows(boolean gates) {
    UpgradePlan base = Upgrades.plan(RequestRules.DEFAULT_STEPS, gates);
    UpgradePlan plan =
        new UpgradePlan(
            base.steps(), base.retention(), base.approvalGates(), base.phaseTimeouts(), NIGHTLY);
    UpgradeStatus s = u.feed(null, Upgrades.request(UPGRADE, plan, false)).next();
    s = u.feed(s, u.preflight(s, true)).next();
    s = u.feed(s, u.greenReady(s)).next();
    return u.feed(s, u.deployed(s)).next();
  }

  @Test
  void smokeTestsPassedOutsideTheWindows_theFirstShiftWaitsForTheNextWindow() {
    UpgradeStatus s = verifyingWithWindows(false);
    Decision d = u.feed(s, u.smoke(s, true));
    assertEquals(UpgradeState.AWAITING_WINDOW, d.next().state());
    assertEquals(UpgradeState.SHIFTING, d.next().heldFor());
    assertEquals(Instant.parse("2026-11-25T22:00:00Z"), d.next().windowOpensAt());
    assertTrue(d.commands().isEmpty(), "no traffic moves outside the window");
    assertTrue(transition(d).reason().contains("maintenance window"), transition(d).reason());
    assertNull(u.tick(d.next(), Instant.parse("2026-11-25T21:59:00Z")).auditEntry());
    Decision open = u.tick(d.next(), Instant.parse("2026-11-25T22:00:05Z"));
    assertEquals(UpgradeState.SHIFTING, open.next().state());
    only(open, SetTrafficWeight.class);
  }

  @Test
  void approvalOutsideTheWindows_waitsToo_andCancelCleansUpGreen() {
    UpgradeStatus s = verifyingWithWindows(true);
    s = u.feed(s, u.smoke(s, true)).next();
    assertEquals(UpgradeState.AWAITING_SHIFT_APPROVAL, s.state());
    Decision approved = u.control(s, ControlAction.APPROVE);
    assertEquals(UpgradeState.AWAITING_WINDOW, approved.next().state());
    assertTrue(rejection(u.control(approved.next(), ControlAction.PAUSE)).reason().length() > 0);
    Decision cancelled = u.control(approved.next(), ControlAction.CANCEL);
    assertEquals(UpgradeState.CLEANING_UP, cancelled.next().state());
  }

  @Test
  void retentionPassedOutsideTheWindows_holdsTheDecommission_andRollbackStillWorks() {
    UpgradeStatus s = verifyingWithWindows(false);
    s = u.feed(s, u.smoke(s, true)).next();
    s = u.tick(s, Instant.parse("2026-11-25T22:00:05Z")).next();
    for (int i = 0; i < 3; i++) {
      s = u.feed(s, u.weightSet(s)).next();
      s = u.feed(s, u.analysis(s, Verdict.SUCCESSFUL)).next();
    }
    s = u.feed(s, u.handedOver(s)).next();
    assertEquals(UpgradeState.SOAKING, s.state());
    Decision held = u.tick(s, Instant.parse("2026-11-26T03:00:00Z"));
    assertEquals(UpgradeState.AWAITING_WINDOW, held.next().state());
    assertEquals(UpgradeState.DECOMMISSIONING, held.next().heldFor());
    assertTrue(held.commands().isEmpty(), "blue is not retired outside the window");
    Decision back = u.control(held.next(), ControlAction.ROLLBACK);
    assertEquals(UpgradeState.ROLLING_BACK, back.next().state());
  }

  // ------------------------------------------------------------------ fleet freezes

  private UpgradeStatus verifyingWithoutGates() {
    UpgradeStatus s =
        u.feed(
                null,
                Upgrades.request(UPGRADE, Upgrades.plan(RequestRules.DEFAULT_STEPS, false), false))
            .next();
    s = u.feed(s, u.preflight(s, true)).next();
    s = u.feed(s, u.greenReady(s)).next();
    return u.feed(s, u.deployed(s)).next();
  }

  private static final Freeze INCIDENT =
      new Freeze(
          Upgrades.T0.minusSeconds(60),
          Instant.parse("2026-11-26T09:00:00Z"),
          "fleet freeze inc-42: payments incident");

  @Test
  void aFleetFreezeDeclaredWhileRunning_holdsTheFirstShift_andLiftingItReleasesIt() {
    UpgradeStatus s = verifyingWithoutGates();
    Decision declared = u.fleetFreezes(s, List.of(INCIDENT));
    assertEquals(UpgradeState.VERIFYING, declared.next().state(), "work under way goes on");
    assertEquals(List.of(INCIDENT), declared.next().fleetFreezes());
    assertTrue(declared.commands().isEmpty());
    assertTrue(
        transition(declared).reason().contains("payments incident")
            && transition(declared).reason().contains("declared"),
        transition(declared).reason());
    s = declared.next();

    Decision smoke = u.feed(s, u.smoke(s, true));
    assertEquals(UpgradeState.AWAITING_WINDOW, smoke.next().state());
    assertEquals(UpgradeState.SHIFTING, smoke.next().heldFor());
    assertEquals(INCIDENT.to(), smoke.next().windowOpensAt());
    assertTrue(smoke.commands().isEmpty(), "no traffic moves while frozen");
    assertNull(u.tick(smoke.next(), u.now.plusSeconds(60)).auditEntry(), "still frozen");

    Decision lifted = u.fleetFreezes(smoke.next(), List.of());
    assertEquals(UpgradeState.AWAITING_WINDOW, lifted.next().state());
    assertEquals(List.of(), lifted.next().fleetFreezes());
    assertEquals(u.now, lifted.next().windowOpensAt(), "open from now");
    assertTrue(transition(lifted).reason().contains("lifted"), transition(lifted).reason());
    Decision shifting = u.tick(lifted.next(), u.now.plusSeconds(5));
    assertEquals(UpgradeState.SHIFTING, shifting.next().state());
    only(shifting, SetTrafficWeight.class);
  }

  @Test
  void aFleetFreezeHoldsTheDecommission_andAnUpgradeOutsideItIsNotHeld() {
    UpgradeStatus s = decommissioning();
    assertEquals(UpgradeState.DECOMMISSIONING, s.state());
    Decision underWay = u.fleetFreezes(s, List.of(INCIDENT));
    assertEquals(UpgradeState.DECOMMISSIONING, underWay.next().state(), "never cut off");

    UpgradeStatus waiting = awaitingDecommissionApproval();
    Freeze later = new Freeze(u.now.plusSeconds(3600), u.now.plusSeconds(7200), "later");
    UpgradeStatus knows = u.fleetFreezes(waiting, List.of(later)).next();
    assertEquals(
        UpgradeState.DECOMMISSIONING,
        u.control(knows, ControlAction.APPROVE).next().state(),
        "a freeze still to come holds nothing yet");
    UpgradeStatus frozen = u.fleetFreezes(waiting, List.of(INCIDENT)).next();
    Decision approved = u.control(frozen, ControlAction.APPROVE);
    assertEquals(UpgradeState.AWAITING_WINDOW, approved.next().state());
    assertEquals(UpgradeState.DECOMMISSIONING, approved.next().heldFor());
    assertEquals(
        UpgradeState.ROLLING_BACK,
        u.control(approved.next(), ControlAction.ROLLBACK).next().state());
  }

  @Test
  void theSameFreezesAgain_orOnesThatEnded_orAnEndedUpgrade_changeNothing() {
    UpgradeStatus s = u.fleetFreezes(verifyingWithoutGates(), List.of(INCIDENT)).next();
    Decision again = u.fleetFreezes(s, List.of(INCIDENT));
    assertNull(again.auditEntry());
    assertEquals(s, again.next());
    Freeze ended =
        new Freeze(Upgrades.T0.minusSeconds(7200), Upgrades.T0.minusSeconds(3600), "old");
    Decision withEnded = u.fleetFreezes(s, List.of(INCIDENT, ended));
    assertNull(withEnded.auditEntry(), "an ended freeze holds nothing: no entry");
    assertNull(u.fleetFreezes(null, List.of(INCIDENT)).auditEntry());
    UpgradeStatus done = s.toBuilder().state(UpgradeState.COMPLETED).build();
    assertEquals(done, u.fleetFreezes(done, List.of()).next());
  }
}
