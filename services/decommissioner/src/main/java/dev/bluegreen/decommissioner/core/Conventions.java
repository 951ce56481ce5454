package dev.bluegreen.decommissioner.core;

import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.contracts.naming.PhysicalNames;

/**
 * How the fleet names and tags what belongs to a cluster; configurable, see the README.
 *
 * @param clusterTagKey tag on a target group (and label on an Argo CD secret) naming its cluster
 * @param targetGroupNamePattern the target group name of a cluster, {@code {cluster}} replaced
 * @param upgradeIdTagKey tag the provisioner puts on what it creates for an upgrade (green)
 * @param protectTagKey a resource carrying this tag is never deleted
 */
public record Conventions(
    String clusterTagKey,
    String targetGroupNamePattern,
    String upgradeIdTagKey,
    String protectTagKey) {

  /** The defaults the README documents. */
  public static Conventions defaults() {
    return new Conventions(
        ClusterTags.CLUSTER,
        PhysicalNames.DEFAULT_TARGET_GROUP_PATTERN,
        ClusterTags.UPGRADE_ID,
        ClusterTags.PROTECTED);
  }

  /** The target group name of a cluster. */
  public String targetGroupName(String cluster) {
    return PhysicalNames.targetGroup(targetGroupNamePattern, cluster);
  }
}
