package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.Progress;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import java.time.Instant;
import java.util.List;

/**
 * One upgrade as {@code GET /upgrades/{id}} shows it.
 *
 * @param id the upgrade id
 * @param cluster the blue cluster
 * @param greenCluster the green cluster
 * @param currentVersion blue's version when requested, if known
 * @param targetVersion green's version
 * @param state the state
 * @param phase the phase a service works on (or, while paused, the paused one), if any
 * @param pausedFrom the state a pause interrupted
 * @param stepIndex the current traffic step
 * @param currentStep the current traffic step itself, while shifting
 * @param awaitingPromote whether a pause step waits for promote
 * @param progress the latest progress report
 * @param dryRun whether it was only planned
 * @param requestedBy who asked
 * @param requestedAt when it was accepted
 * @param updatedAt when it last changed
 * @param phaseDeadline when the phase in flight times out
 * @param greenFullSince when green started carrying 100%
 * @param completedAt when it ended
 * @param lastError the last failure
 * @param plan the plan
 * @param decisionVersion the version of the decision rules it runs under
 * @param logicalCluster the logical cluster upgraded (blue and green are two of its generations)
 * @param retries how often the current phase was retried after a retryable failure
 * @param retryAt when it is retried next, while a retry waits
 * @param failedIn the phase a FAILED upgrade failed in; RETRY resumes it there when that left work
 * @param campaignId the campaign that started it, if one did
 * @param heldFor while AWAITING_WINDOW: the disruptive phase that starts when a window opens
 * @param windowOpensAt while AWAITING_WINDOW: when the next maintenance window opens
 * @param fleetFreezes the fleet's freezes (declared through {@code /freezes}) it knows of and that
 *     have not ended: they hold its disruptive starts as the plan's own freezes do
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpgradeView(
    String id,
    String cluster,
    String greenCluster,
    String currentVersion,
    String targetVersion,
    UpgradeState state,
    Phase phase,
    UpgradeState pausedFrom,
    int stepIndex,
    TrafficStep currentStep,
    boolean awaitingPromote,
    Progress progress,
    boolean dryRun,
    String requestedBy,
    Instant requestedAt,
    Instant updatedAt,
    Instant phaseDeadline,
    Instant greenFullSince,
    Instant completedAt,
    String lastError,
    UpgradePlan plan,
    int decisionVersion,
    String logicalCluster,
    int retries,
    Instant retryAt,
    UpgradeState failedIn,
    String campaignId,
    UpgradeState heldFor,
    Instant windowOpensAt,
    List<Freeze> fleetFreezes) {

  static UpgradeView of(UpgradeStatus s) {
    boolean shifting =
        s.state() == UpgradeState.SHIFTING
            || (s.state() == UpgradeState.PAUSED && s.pausedFrom() == UpgradeState.SHIFTING);
    TrafficStep step =
        shifting && s.stepIndex() < s.plan().steps().size()
            ? s.plan().steps().get(s.stepIndex())
            : null;
    return new UpgradeView(
        s.upgradeId(),
        s.cluster(),
        s.greenCluster(),
        s.currentVersion(),
        s.targetVersion(),
        s.state(),
        PhaseTimeouts.phaseOf(s.state() == UpgradeState.PAUSED ? s.pausedFrom() : s.state())
            .orElse(null),
        s.pausedFrom(),
        s.stepIndex(),
        step,
        s.awaitingPromote(),
        s.progress(),
        s.dryRun(),
        s.requestedBy(),
        s.requestedAt(),
        s.updatedAt(),
        s.phaseDeadline(),
        s.greenFullSince(),
        s.completedAt(),
        s.lastError(),
        s.plan(),
        s.decisionVersion(),
        s.logicalCluster(),
        s.retries(),
        s.retryAt(),
        s.failedIn(),
        s.campaignId(),
        s.heldFor(),
        s.windowOpensAt(),
        s.fleetFreezes());
  }
}
