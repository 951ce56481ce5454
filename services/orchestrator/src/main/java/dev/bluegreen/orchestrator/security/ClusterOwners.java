package dev.bluegreen.orchestrator.security;

import dev.bluegreen.contracts.naming.PhysicalNames;
import dev.bluegreen.orchestrator.cloud.EksFleet;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import dev.bluegreen.orchestrator.inventory.EksCluster;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which team owns a cluster, and under which tags it runs: the tags of the EKS cluster serving the
 * logical cluster (the provisioner copies blue's tags to green, so the team tag follows every
 * generation). Without EKS ({@code bluegreen.orchestrator.eks.enabled=false}) no cluster has tags,
 * and only those who may act on every cluster may act.
 */
@ApplicationScoped
public class ClusterOwners {

  private final EksFleet fleet;
  private final OrchestratorConfig config;

  public ClusterOwners(EksFleet fleet, OrchestratorConfig config) {
    this.fleet = fleet;
    this.config = config;
  }

  /** The owning team named by {@code tags}, null when untagged. */
  public String team(Map<String, String> tags) {
    return tags.get(config.eks().teamTag());
  }

  /** The tag key that names a cluster's team. */
  public String teamTag() {
    return config.eks().teamTag();
  }

  /**
   * The tags of the logical cluster {@code logical}, served by {@code physical} (null: look it up):
   * the physical cluster's, else those of its newest generation still in EKS.
   *
   * @throws EksFleet.Unavailable when EKS cannot be asked
   */
  public Map<String, String> tags(String logical, String physical) {
    if (!fleet.enabled()) {
      return Map.of();
    }
    if (physical != null) {
      var found = fleet.describe(physical);
      if (found.isPresent()) {
        return found.get().tags();
      }
    }
    String name = logical != null ? logical : physical;
    return newest(
            fleet.clusters(PhysicalNames.generationPrefix(name)).stream()
                .filter(c -> c.logicalCluster().equals(name))
                .toList())
        .tags();
  }

  /** The tags of every logical cluster in EKS, by logical name (a listing a few seconds old). */
  public Map<String, Map<String, String>> tagsByLogicalCluster() {
    if (!fleet.enabled()) {
      return Map.of();
    }
    Map<String, List<EksCluster>> byLogical = new HashMap<>();
    for (EksCluster c : fleet.clusters("")) {
      byLogical.computeIfAbsent(c.logicalCluster(), k -> new java.util.ArrayList<>()).add(c);
    }
    Map<String, Map<String, String>> out = new HashMap<>();
    byLogical.forEach((name, clusters) -> out.put(name, newest(clusters).tags()));
    return out;
  }

  private static EksCluster newest(List<EksCluster> clusters) {
    return clusters.stream()
        .max(Comparator.comparingInt(EksCluster::generation))
        .orElse(new EksCluster("", null, null, Map.of(), null));
  }
}
