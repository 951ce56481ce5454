package dev.bluegreen.provisioner.core;

import dev.bluegreen.contracts.naming.ClusterTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The tags that link what the provisioner creates to its upgrade, so that clean-up finds it and
 * only it, and the request tokens that make creation idempotent.
 */
public final class GreenTags {

  /** The upgrade a resource was created for. */
  public static final String UPGRADE_ID = ClusterTags.UPGRADE_ID;

  /** The role of the resource in the upgrade; the provisioner only creates {@code green}. */
  public static final String ROLE = ClusterTags.ROLE;

  /** The blue cluster green mirrors. */
  public static final String BLUE_CLUSTER = ClusterTags.BLUE_CLUSTER;

  /** Value of {@link #ROLE} on everything the provisioner creates. */
  public static final String GREEN = "green";

  private GreenTags() {}

  /**
   * Blue's tags for green: without the keys AWS reserves ({@code aws:}) and without blue's own
   * {@code bluegreen.dev/} tags (blue may itself be a former green), plus the ones linking green to
   * this upgrade.
   */
  public static Map<String, String> forGreen(
      Map<String, String> blueTags, String upgradeId, String blueCluster) {
    Map<String, String> tags = new LinkedHashMap<>();
    blueTags.forEach(
        (k, v) -> {
          if (!k.startsWith("aws:") && !k.startsWith("bluegreen.dev/")) {
            tags.put(k, v);
          }
        });
    tags.put(UPGRADE_ID, upgradeId);
    tags.put(ROLE, GREEN);
    tags.put(BLUE_CLUSTER, blueCluster);
    return tags;
  }

  /**
   * The tags of green's EKS cluster: {@link #forGreen}, plus the logical cluster it serves and its
   * generation (blue's plus one), so the platform finds every generation from AWS alone.
   */
  public static Map<String, String> forGreenCluster(
      Map<String, String> blueTags, String upgradeId, String blueCluster) {
    Map<String, String> tags = forGreen(blueTags, upgradeId, blueCluster);
    tags.put(ClusterTags.LOGICAL_CLUSTER, ClusterTags.logicalCluster(blueCluster, blueTags));
    tags.put(ClusterTags.GENERATION, String.valueOf(ClusterTags.generation(blueTags) + 1));
    return tags;
  }

  /** Whether a resource with these tags was created by the provisioner for this upgrade. */
  public static boolean isOurs(Map<String, String> tags, String upgradeId) {
    return tags != null && upgradeId.equals(tags.get(UPGRADE_ID)) && GREEN.equals(tags.get(ROLE));
  }

  /**
   * The EKS {@code clientRequestToken} for creating {@code resource} on behalf of one command: the
   * same command (redelivered, or retried by the SDK) always sends the same token, so EKS creates
   * the resource at most once.
   */
  public static String requestToken(String commandId, String resource) {
    return UUID.nameUUIDFromBytes(
            (commandId + "|" + resource).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }
}
