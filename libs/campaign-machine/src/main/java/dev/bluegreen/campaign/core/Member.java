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
    Change c = change();
    c.status = newStatus;
    c.reason = newReason;
    return c.done();
  }

  Member started(String newUpgradeId, Instant at) {
    Change c = change().freshRun();
    c.status = MemberStatus.UPGRADING;
    c.upgradeId = newUpgradeId;
    c.attempt = attempt + 1;
    c.upgradeState = UpgradeState.REQUESTED;
    c.startedAt = at;
    return c.done();
  }

  Member upgradeMoved(
      UpgradeState state, MemberStatus newStatus, UpgradeState failed, String why, Instant at) {
    Change c = change();
    c.status = newStatus;
    c.upgradeState = state;
    c.trafficMoved = trafficMoved || movesTraffic(state);
    c.failedIn = failed;
    c.reason = why;
    c.acknowledged = newStatus == MemberStatus.FAILED ? acknowledged : false;
    c.settledAt = newStatus.isSettled() && !status.isSettled() ? at : settledAt;
    return c.done();
  }

  Member retried() {
    Change c = change();
    c.status = MemberStatus.UPGRADING;
    c.failedIn = null;
    c.reason = null;
    c.acknowledged = false;
    c.rollbackOrdered = false;
    c.settledAt = null;
    return c.done();
  }

  Member acknowledge() {
    Change c = change();
    c.acknowledged = true;
    return c.done();
  }

  Member orderedBack() {
    Change c = change();
    c.rollbackOrdered = true;
    return c.done();
  }

  Member planned(boolean passed, String result) {
    Change c = change();
    c.planPassed = passed;
    c.planResult = result;
    return c.done();
  }

  /** After a plan is approved: pending again, its plan result kept beside what will happen. */
  Member pendingAfterPlan() {
    Change c = change().freshRun();
    c.status = MemberStatus.PENDING;
    c.upgradeId = null;
    c.upgradeState = null;
    c.startedAt = null;
    return c.done();
  }

  private Change change() {
    return new Change(this);
  }

  /**
   * A member with some of what changes over a campaign changed: each step above names only what it
   * changes; who the member is (cluster, versions, team, wave) never changes.
   */
  private static final class Change {
    private final Member from;
    MemberStatus status;
    String upgradeId;
    int attempt;
    UpgradeState upgradeState;
    boolean trafficMoved;
    UpgradeState failedIn;
    String reason;
    boolean acknowledged;
    boolean rollbackOrdered;
    Boolean planPassed;
    String planResult;
    Instant startedAt;
    Instant settledAt;

    Change(Member from) {
      this.from = from;
      status = from.status;
      upgradeId = from.upgradeId;
      attempt = from.attempt;
      upgradeState = from.upgradeState;
      trafficMoved = from.trafficMoved;
      failedIn = from.failedIn;
      reason = from.reason;
      acknowledged = from.acknowledged;
      rollbackOrdered = from.rollbackOrdered;
      planPassed = from.planPassed;
      planResult = from.planResult;
      startedAt = from.startedAt;
      settledAt = from.settledAt;
    }

    /** What a new upgrade run starts from: no traffic moved, no failure, nothing settled. */
    Change freshRun() {
      trafficMoved = false;
      failedIn = null;
      reason = null;
      acknowledged = false;
      rollbackOrdered = false;
      settledAt = null;
      return this;
    }

    Member done() {
      return new Member(
          from.cluster,
          from.blueCluster,
          from.currentVersion,
          from.targetVersion,
          from.team,
          from.wave,
          status,
          upgradeId,
          attempt,
          upgradeState,
          trafficMoved,
          failedIn,
          reason,
          acknowledged,
          rollbackOrdered,
          planPassed,
          planResult,
          startedAt,
          settledAt);
    }
  }

  /** States in which the upgrade has (or may have) moved traffic to green. */
  static boolean movesTraffic(UpgradeState s) {
    return switch (s) {
      case SHIFTING, HANDOVER, SOAKING, AWAITING_DECOMMISSION_APPROVAL, DECOMMISSIONING -> true;
      default -> false;
    };
  }
}
