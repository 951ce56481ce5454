package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import dev.bluegreen.contracts.Request;
import java.time.Instant;

/**
 * A person asked to approve, pause, resume, promote, cancel or roll back an upgrade.
 *
 * @param upgradeId upgrade id
 * @param cluster the upgrade's blue cluster
 * @param action the control action
 * @param actor who asked
 * @param reason why, free text
 * @param requestedAt when
 * @param logicalCluster the logical cluster (Kafka key, CloudEvent subject); absent means {@code
 *     cluster}
 */
public record UpgradeControlRequested(
    String upgradeId,
    String cluster,
    ControlAction action,
    String actor,
    @OptionalField String reason,
    Instant requestedAt,
    @OptionalField String logicalCluster)
    implements Request {

  public UpgradeControlRequested {
    if (logicalCluster == null) {
      logicalCluster = cluster;
    }
  }

  /** A control of an upgrade of a cluster that is its own logical cluster. */
  public UpgradeControlRequested(
      String upgradeId,
      String cluster,
      ControlAction action,
      String actor,
      String reason,
      Instant requestedAt) {
    this(upgradeId, cluster, action, actor, reason, requestedAt, cluster);
  }
}
