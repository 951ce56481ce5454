package dev.bluegreen.orchestrator.inventory;

import dev.bluegreen.contracts.naming.ClusterTags;
import java.time.Instant;
import java.util.Map;

/**
 * One EKS cluster as EKS describes it: a physical cluster, one generation of a logical cluster.
 *
 * @param name the EKS cluster name
 * @param version its Kubernetes minor version
 * @param status CREATING, ACTIVE, UPDATING, DELETING, FAILED
 * @param tags its tags
 * @param createdAt when EKS created it
 */
public record EksCluster(
    String name, String version, String status, Map<String, String> tags, Instant createdAt) {

  public EksCluster {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** The logical cluster it serves (its own name unless tagged). */
  public String logicalCluster() {
    return ClusterTags.logicalCluster(name, tags);
  }

  /** Its generation (1 unless tagged). */
  public int generation() {
    return ClusterTags.generation(tags);
  }
}
