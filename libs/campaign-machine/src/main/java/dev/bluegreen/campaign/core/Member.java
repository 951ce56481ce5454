package dev.bluegreen.campaign.core;

import dev.bluegreen.contracts.events.MemberStatus;
import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Instant;

/**
 * Where one member of a campaign stands: the value kept per member in the campaign's state.
 *
 * @param cluster the logical cluster
 * @param blueCluster the EKS cluster serving it when the campaign was created
 * @param currentVersion its version then
 * @param targetVersion the version its upgrade goes to
 * @param team the owning team, if tagged
 * @param wave index of its wave
 * @param status where it stands
 * @param upgradeId its current upgrade, once started
 * @param attempt how many upgrades the campaign started for it (a plan's dry run counts)
 * @param upgradeState its upgrade's last known state
 * @param trafficMoved whether its upgrade ever moved traffic (so a rollback, not a cancel, undoes
 *     it)
 * @param failedIn the upgrade state it failed in, while FAILED
 * @param reason why it failed or was skipped, for people
 * @param acknowledged a person accepted this failure (RESUME): it no longer counts for the budget
 * @param rollbackOrdered the campaign sent it back to blue
 * @param planPassed in a plan: whether its pre-flight passed (null until known)
 * @param planResult in a plan: what its pre-flight said
 * @param startedAt when the campaign started its current upgrade
 * @param settledAt when it last became settled (on green or ended)
 */
public record Member(
    String cluster,
    String blueCluster,
    String currentVersion,
    String targetVersion,
    String team,
    int wave,
    MemberStatus status,
    String upgradeId,
    int attempt,
    UpgradeState upgradeState,
    boolean trafficMoved,
    UpgradeState failedIn,
    String reason,
    boolean acknowledged,
    boolean rollbackOrdered,
    Boolean planPassed,
    String planResult,
    Instant startedAt,
    Instant settledAt) {

  /** Whether its failure counts against the budget. */
  boolean countsAsFailure() {
    return status == MemberStatus.FAILED && !acknowledged;
  }

  /** Whether its upgrade is in flight or keeps blue (what a rollback can still undo). */
  boolean inFlight() {
    return status == MemberStatus.UPGRADING || status == MemberStatus.ON_GREEN;
  }

  Member with(MemberStatus newStatus, String newReason) {
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        newStatus,
        upgradeId,
        attempt,
        upgradeState,
        trafficMoved,
        failedIn,
        newReason,
        acknowledged,
        rollbackOrdered,
        planPassed,
        planResult,
        startedAt,
        settledAt);
  }

  Member started(String newUpgradeId, Instant at) {
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        MemberStatus.UPGRADING,
        newUpgradeId,
        attempt + 1,
        UpgradeState.REQUESTED,
        false,
        null,
        null,
        false,
        false,
        planPassed,
        planResult,
        at,
        null);
  }

  Member upgradeMoved(
      UpgradeState state, MemberStatus newStatus, UpgradeState failed, String why, Instant at) {
    boolean moved = trafficMoved || movesTraffic(state);
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        newStatus,
        upgradeId,
        attempt,
        state,
        moved,
        failed,
        why,
        newStatus == MemberStatus.FAILED ? acknowledged : false,
        rollbackOrdered,
        planPassed,
        planResult,
        startedAt,
        newStatus.isSettled() && !status.isSettled() ? at : settledAt);
  }

  Member retried() {
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        MemberStatus.UPGRADING,
        upgradeId,
        attempt,
        upgradeState,
        trafficMoved,
        null,
        null,
        false,
        false,
        planPassed,
        planResult,
        startedAt,
        null);
  }

  Member acknowledge() {
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        status,
        upgradeId,
        attempt,
        upgradeState,
        trafficMoved,
        failedIn,
        reason,
        true,
        rollbackOrdered,
        planPassed,
        planResult,
        startedAt,
        settledAt);
  }

  Member orderedBack() {
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        status,
        upgradeId,
        attempt,
        upgradeState,
        trafficMoved,
        failedIn,
        reason,
        acknowledged,
        true,
        planPassed,
        planResult,
        startedAt,
        settledAt);
  }

  Member planned(boolean passed, String result) {
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        status,
        upgradeId,
        attempt,
        upgradeState,
        trafficMoved,
        failedIn,
        reason,
        acknowledged,
        rollbackOrdered,
        passed,
        result,
        startedAt,
        settledAt);
  }

  /** After a plan is approved: pending again, its plan result kept beside what will happen. */
  Member pendingAfterPlan() {
    return new Member(
        cluster,
        blueCluster,
        currentVersion,
        targetVersion,
        team,
        wave,
        MemberStatus.PENDING,
        null,
        attempt,
        null,
        false,
        null,
        null,
        false,
        false,
        planPassed,
        planResult,
        null,
        null);
  }

  /** States in which the upgrade has (or may have) moved traffic to green. */
  static boolean movesTraffic(UpgradeState s) {
    return switch (s) {
      case SHIFTING, HANDOVER, SOAKING, AWAITING_DECOMMISSION_APPROVAL, DECOMMISSIONING -> true;
      default -> false;
    };
  }
}
