package dev.bluegreen.decommissioner.core;

/**
 * The upgrade whose blue cluster is being retired: everything a tie-to-blue rule compares with.
 *
 * @param upgradeId the upgrade id
 * @param cluster blue's name
 * @param greenCluster green's name (never deleted)
 * @param conventions naming and tagging conventions of the fleet
 */
public record Blue(String upgradeId, String cluster, String greenCluster, Conventions conventions) {

  /** Blue's target group name by convention. */
  public String targetGroupName() {
    return conventions.targetGroupName(cluster);
  }

  /** Green's target group name by convention. */
  public String greenTargetGroupName() {
    return conventions.targetGroupName(greenCluster);
  }
}
