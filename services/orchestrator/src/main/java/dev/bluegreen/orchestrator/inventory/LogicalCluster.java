package dev.bluegreen.orchestrator.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lasting cluster as a team knows it ("search-002"), served by one EKS cluster at a time.
 *
 * @param name the logical cluster's name
 * @param servingCluster the EKS cluster that serves it now
 * @param generation the serving cluster's generation
 * @param version the serving cluster's Kubernetes version
 * @param team the owning team (from a tag), if tagged
 * @param supportStatus STANDARD_SUPPORT, EXTENDED_SUPPORT, UNSUPPORTED or UNKNOWN
 * @param endOfStandardSupport when the serving version leaves standard support
 * @param endOfExtendedSupport when it leaves extended support
 * @param nextVersion the version it should go to next (the next supported minor), if any
 * @param upgradeInFlight the upgrade running now, if any
 * @param lastUpgrade the last upgrade that ended, if any
 * @param generations every EKS cluster of it that exists, oldest generation first
 */
public record LogicalCluster(
    String name,
    String servingCluster,
    int generation,
    String version,
    String team,
    String supportStatus,
    LocalDate endOfStandardSupport,
    LocalDate endOfExtendedSupport,
    String nextVersion,
    UpgradeRef upgradeInFlight,
    UpgradeRef lastUpgrade,
    List<Generation> generations) {

  /**
   * One EKS cluster of a logical cluster.
   *
   * @param cluster the EKS cluster
   * @param generation its generation
   * @param version its version
   * @param status its EKS status
   * @param role SERVING, NEXT (the green of the upgrade in flight) or RETIRING (a blue kept for
   *     rollback, or left behind)
   */
  public record Generation(
      String cluster, int generation, String version, String status, String role) {}

  /**
   * An upgrade of the logical cluster.
   *
   * @param upgradeId its id
   * @param logicalCluster the logical cluster upgraded
   * @param state its state
   * @param ended whether it has ended
   * @param blueCluster the EKS cluster it replaces
   * @param greenCluster the EKS cluster it builds
   * @param fromVersion blue's version
   * @param toVersion the target version
   * @param requestedAt when it was requested
   * @param completedAt when it ended, if it has
   */
  public record UpgradeRef(
      String upgradeId,
      String logicalCluster,
      String state,
      boolean ended,
      String blueCluster,
      String greenCluster,
      String fromVersion,
      String toVersion,
      Instant requestedAt,
      Instant completedAt) {}
}
