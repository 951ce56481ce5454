package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.contracts.naming.PhysicalNames;
import dev.bluegreen.orchestrator.cloud.EksFleet;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import dev.bluegreen.orchestrator.inventory.EksCluster;
import dev.bluegreen.orchestrator.inventory.Inventory;
import dev.bluegreen.orchestrator.inventory.LogicalCluster;
import dev.bluegreen.orchestrator.inventory.VersionSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a name in a request means: the logical cluster, and the EKS cluster that serves it now
 * (blue). A request may name either; a green still being built by an upgrade in flight is not a
 * cluster of its own and is refused.
 */
@ApplicationScoped
public class ClusterTargets {

  /**
   * What an upgrade request is about.
   *
   * @param logicalCluster the logical cluster (the Kafka key)
   * @param blueCluster the EKS cluster serving it now
   * @param currentVersion blue's version, null when EKS was not asked
   * @param team the owning team (the EKS team tag), null when unknown
   */
  public record Target(
      String logicalCluster, String blueCluster, String currentVersion, String team) {}

  private final EksFleet fleet;
  private final OrchestratorConfig config;
  private final AllUpgrades upgrades;

  public ClusterTargets(EksFleet fleet, OrchestratorConfig config, AllUpgrades upgrades) {
    this.fleet = fleet;
    this.config = config;
    this.upgrades = upgrades;
  }

  /** The target a request names; 422 when there is none, 409 for a green in flight. */
  public Target resolve(String name) {
    if (!fleet.enabled()) {
      return new Target(name, name, null, null);
    }
    try {
      Optional<EksCluster> found = fleet.describe(name);
      if (found.isPresent()) {
        refuseGreenInFlight(found.get());
        return new Target(
            found.get().logicalCluster(),
            name,
            found.get().version(),
            found.get().tags().get(config.eks().teamTag()));
      }
      // Not an EKS cluster: the logical name of clusters whose first generation is gone.
      LogicalCluster logical =
          inventory(fleet.clusters(PhysicalNames.generationPrefix(name))).stream()
              .filter(l -> l.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      ProblemException.unprocessable(
                          "cluster", "no EKS cluster or logical cluster named " + name));
      return new Target(name, logical.servingCluster(), logical.version(), logical.team());
    } catch (EksFleet.Unavailable u) {
      if (config.eks().tolerateUnavailable()) {
        return new Target(name, name, null, null);
      }
      throw ProblemException.unavailable(u.getMessage());
    }
  }

  private void refuseGreenInFlight(EksCluster cluster) {
    String upgradeId = cluster.tags().get(ClusterTags.UPGRADE_ID);
    if (upgradeId == null || !"green".equals(cluster.tags().get(ClusterTags.ROLE))) {
      return;
    }
    for (UpgradeView u : upgrades.matching(cluster.logicalCluster(), null, null)) {
      if (u.id().equals(upgradeId) && !u.state().isTerminal()) {
        throw new ProblemException(
            new Problem(
                Problem.TYPE_BASE + "green-in-flight",
                "The cluster is the green of an upgrade in flight",
                409,
                cluster.name()
                    + " is the next generation of "
                    + cluster.logicalCluster()
                    + ", built by upgrade "
                    + u.id()
                    + " (state "
                    + u.state()
                    + "); it becomes a cluster to upgrade once that upgrade has completed",
                "cluster",
                u.id(),
                u.state().name()));
      }
    }
  }

  /** The versions an upgrade may target: EKS's supported ones, or the configured list. */
  public Set<String> supportedVersions() {
    if (!fleet.enabled()) {
      return Set.copyOf(config.supportedVersions());
    }
    try {
      return fleet.versions().stream()
          .filter(VersionSupport::supported)
          .map(VersionSupport::version)
          .collect(Collectors.toSet());
    } catch (EksFleet.Unavailable u) {
      throw ProblemException.unavailable(u.getMessage());
    }
  }

  /** The logical clusters that {@code clusters} make up, with their upgrades. */
  public List<LogicalCluster> inventory(List<EksCluster> clusters) {
    List<LogicalCluster.UpgradeRef> refs =
        upgrades.matching(null, null, null).stream()
            .filter(u -> !u.dryRun())
            .map(ClusterTargets::ref)
            .toList();
    return Inventory.of(clusters, fleet.versions(), refs, config.eks().teamTag());
  }

  private static LogicalCluster.UpgradeRef ref(UpgradeView u) {
    return new LogicalCluster.UpgradeRef(
        u.id(),
        u.logicalCluster() == null ? u.cluster() : u.logicalCluster(),
        u.state().name(),
        u.state().isTerminal(),
        u.cluster(),
        u.greenCluster(),
        u.currentVersion(),
        u.targetVersion(),
        u.requestedAt(),
        u.completedAt());
  }
}
