package dev.bluegreen.campaign.core;

import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.UpgradePlan;

/** What a campaign decision asks of one member's upgrade; the adapter writes it as a request. */
public sealed interface MemberOrder {

  /** The logical cluster. */
  String member();

  /** The upgrade. */
  String upgradeId();

  /**
   * Start an upgrade of the member (a dry run while planning).
   *
   * @param member the logical cluster
   * @param blueCluster the EKS cluster serving it
   * @param currentVersion its version
   * @param targetVersion the version green gets
   * @param upgradeId the new upgrade's id (derived: the same decision always names the same id)
   * @param plan the pinned plan
   * @param dryRun only run its pre-flight
   */
  record Start(
      String member,
      String blueCluster,
      String currentVersion,
      String targetVersion,
      String upgradeId,
      UpgradePlan plan,
      boolean dryRun)
      implements MemberOrder {}

  /**
   * Send a control action to the member's upgrade.
   *
   * @param member the logical cluster
   * @param blueCluster the upgrade's blue cluster
   * @param upgradeId the upgrade
   * @param action what to ask
   * @param reason why, for its audit log
   */
  record Control(
      String member, String blueCluster, String upgradeId, ControlAction action, String reason)
      implements MemberOrder {}
}
