package dev.bluegreen.contracts.naming;

import java.util.Map;
import java.util.Optional;

/**
 * The tags (on AWS resources) and labels (on Kubernetes objects) by which the platform links what
 * it finds to logical clusters and upgrades. They are the platform's memory in the cloud: its view
 * of the fleet can be rebuilt from them and the event log.
 */
public final class ClusterTags {

  /** Which cluster a target group (tag) or Argo CD cluster secret (label) belongs to. */
  public static final String CLUSTER = "bluegreen.dev/cluster";

  /** The upgrade a resource was created for. */
  public static final String UPGRADE_ID = "bluegreen.dev/upgrade-id";

  /** The role of a resource in its upgrade ({@code green}). */
  public static final String ROLE = "bluegreen.dev/role";

  /** The blue cluster a green mirrors. */
  public static final String BLUE_CLUSTER = "bluegreen.dev/blue-cluster";

  /**
   * The logical cluster an EKS cluster serves. Absent on a cluster the platform did not create:
   * such a cluster is its own logical cluster, generation 1.
   */
  public static final String LOGICAL_CLUSTER = "bluegreen.dev/logical-cluster";

  /** Which generation of its logical cluster an EKS cluster is (1, 2, ...). */
  public static final String GENERATION = "bluegreen.dev/generation";

  /** A resource the decommissioner must never delete. */
  public static final String PROTECTED = "bluegreen.dev/protected";

  /** The default tag key naming a cluster's owning team. */
  public static final String DEFAULT_TEAM = "team";

  private ClusterTags() {}

  /** The logical cluster an EKS cluster with these tags serves. */
  public static String logicalCluster(String eksCluster, Map<String, String> tags) {
    String logical = tags == null ? null : tags.get(LOGICAL_CLUSTER);
    return logical == null || logical.isBlank() ? eksCluster : logical;
  }

  /** The generation of an EKS cluster with these tags: 1 when untagged or unreadable. */
  public static int generation(Map<String, String> tags) {
    return Optional.ofNullable(tags == null ? null : tags.get(GENERATION))
        .map(
            g -> {
              try {
                return Math.max(1, Integer.parseInt(g.trim()));
              } catch (NumberFormatException e) {
                return 1;
              }
            })
        .orElse(1);
  }
}
