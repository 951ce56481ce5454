package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import dev.bluegreen.contracts.Request;
import java.time.Instant;

/**
 * An SRE asked for a blue/green upgrade of one cluster.
 *
 * @param upgradeId upgrade id
 * @param cluster the blue cluster: the EKS cluster that serves the logical cluster now
 * @param currentVersion blue's version when requested
 * @param targetVersion the Kubernetes version green gets
 * @param plan how the upgrade proceeds
 * @param dryRun only plan, change nothing
 * @param requestedBy who asked
 * @param requestedAt when the API accepted the request
 * @param logicalCluster the logical cluster (Kafka key, CloudEvent subject); absent means {@code
 *     cluster}
 * @param campaignId the campaign that started this upgrade, if one did
 */
public record UpgradeRequested(
    String upgradeId,
    String cluster,
    @OptionalField String currentVersion,
    String targetVersion,
    UpgradePlan plan,
    @OptionalField boolean dryRun,
    String requestedBy,
    Instant requestedAt,
    @OptionalField String logicalCluster,
    @OptionalField String campaignId)
    implements Request {

  public UpgradeRequested {
    if (logicalCluster == null) {
      logicalCluster = cluster;
    }
  }

  /** A request for a cluster that is its own logical cluster (its first generation). */
  public UpgradeRequested(
      String upgradeId,
      String cluster,
      String currentVersion,
      String targetVersion,
      UpgradePlan plan,
      boolean dryRun,
      String requestedBy,
      Instant requestedAt) {
    this(
        upgradeId,
        cluster,
        currentVersion,
        targetVersion,
        plan,
        dryRun,
        requestedBy,
        requestedAt,
        cluster,
        null);
  }

  /** A request not started by a campaign. */
  public UpgradeRequested(
      String upgradeId,
      String cluster,
      String currentVersion,
      String targetVersion,
      UpgradePlan plan,
      boolean dryRun,
      String requestedBy,
      Instant requestedAt,
      String logicalCluster) {
    this(
        upgradeId,
        cluster,
        currentVersion,
        targetVersion,
        plan,
        dryRun,
        requestedBy,
        requestedAt,
        logicalCluster,
        null);
  }
}
