package dev.bluegreen.orchestrator.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fleet as the platform sees it, from what EKS reports and the upgrades the orchestrator keeps:
 * pure, so it is tested without a cloud.
 *
 * <p>EKS clusters group into logical clusters by the {@code bluegreen.dev/logical-cluster} tag (an
 * untagged cluster is its own logical cluster, generation 1: adopted without registration). While
 * an upgrade is in flight its green is the logical cluster's NEXT generation and its blue serves;
 * otherwise the highest generation serves and any other is RETIRING (a blue still kept, or one a
 * failed decommission left).
 */
public final class Inventory {

  private Inventory() {}

  /**
   * Every logical cluster.
   *
   * @param clusters every EKS cluster of the region
   * @param versions EKS's version catalog
   * @param upgrades the upgrades the orchestrator keeps (any state; no dry runs)
   * @param teamTag the tag key naming a cluster's team
   */
  public static List<LogicalCluster> of(
      List<EksCluster> clusters,
      List<VersionSupport> versions,
      List<LogicalCluster.UpgradeRef> upgrades,
      String teamTag) {
    Map<String, List<EksCluster>> byLogical = new TreeMap<>();
    for (EksCluster c : clusters) {
      byLogical.computeIfAbsent(c.logicalCluster(), k -> new ArrayList<>()).add(c);
    }
    Map<String, List<LogicalCluster.UpgradeRef>> upgradesByLogical = new LinkedHashMap<>();
    for (LogicalCluster.UpgradeRef u : upgrades) {
      upgradesByLogical.computeIfAbsent(u.logicalCluster(), k -> new ArrayList<>()).add(u);
    }
    List<LogicalCluster> out = new ArrayList<>();
    byLogical.forEach(
        (name, members) ->
            out.add(
                logical(
                    name,
                    members,
                    upgradesByLogical.getOrDefault(name, List.of()),
                    versions,
                    teamTag)));
    return out;
  }

  private static LogicalCluster logical(
      String name,
      List<EksCluster> members,
      List<LogicalCluster.UpgradeRef> upgrades,
      List<VersionSupport> versions,
      String teamTag) {
    Optional<LogicalCluster.UpgradeRef> inFlight =
        upgrades.stream()
            .filter(u -> !u.ended())
            .max(Comparator.comparing(LogicalCluster.UpgradeRef::requestedAt));
    Optional<LogicalCluster.UpgradeRef> last =
        upgrades.stream()
            .filter(LogicalCluster.UpgradeRef::ended)
            .max(
                Comparator.comparing(
                    u -> u.completedAt() != null ? u.completedAt() : u.requestedAt()));
    List<EksCluster> sorted =
        members.stream()
            .sorted(
                Comparator.comparingInt(EksCluster::generation)
                    .thenComparing(
                        EksCluster::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
            .toList();
    EksCluster serving = serving(sorted, inFlight);
    List<LogicalCluster.Generation> generations = new ArrayList<>();
    for (EksCluster c : sorted) {
      String role =
          c == serving
              ? "SERVING"
              : inFlight.isPresent() && c.name().equals(inFlight.get().greenCluster())
                  ? "NEXT"
                  : "RETIRING";
      generations.add(
          new LogicalCluster.Generation(c.name(), c.generation(), c.version(), c.status(), role));
    }
    Optional<VersionSupport> support = find(versions, serving.version());
    return new LogicalCluster(
        name,
        serving.name(),
        serving.generation(),
        serving.version(),
        teamOf(serving, members, teamTag),
        support.map(VersionSupport::status).orElse("UNKNOWN"),
        support.map(VersionSupport::endOfStandardSupport).orElse(null),
        support.map(VersionSupport::endOfExtendedSupport).orElse(null),
        nextVersion(serving.version(), versions).orElse(null),
        inFlight.orElse(null),
        last.orElse(null),
        generations);
  }

  /** The blue of the upgrade in flight, else the newest generation. */
  private static EksCluster serving(
      List<EksCluster> sorted, Optional<LogicalCluster.UpgradeRef> inFlight) {
    if (inFlight.isPresent()) {
      for (EksCluster c : sorted) {
        if (c.name().equals(inFlight.get().blueCluster())) {
          return c;
        }
      }
    }
    List<EksCluster> candidates =
        sorted.stream()
            .filter(c -> inFlight.isEmpty() || !c.name().equals(inFlight.get().greenCluster()))
            .toList();
    List<EksCluster> from = candidates.isEmpty() ? sorted : candidates;
    return from.get(from.size() - 1);
  }

  private static String teamOf(EksCluster serving, List<EksCluster> members, String teamTag) {
    String team = serving.tags().get(teamTag);
    if (team != null) {
      return team;
    }
    return members.stream()
        .map(c -> c.tags().get(teamTag))
        .filter(t -> t != null)
        .findFirst()
        .orElse(null);
  }

  /** The catalog's entry for a version. */
  public static Optional<VersionSupport> find(List<VersionSupport> versions, String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  /** The next minor version after {@code version} that EKS supports, if any. */
  public static Optional<String> nextVersion(String version, List<VersionSupport> versions) {
    int[] now = minor(version);
    if (now == null) {
      return Optional.empty();
    }
    return versions.stream()
        .filter(VersionSupport::supported)
        .filter(v -> minor(v.version()) != null)
        .filter(v -> minor(v.version())[0] == now[0] && minor(v.version())[1] == now[1] + 1)
        .map(VersionSupport::version)
        .findFirst();
  }

  private static int[] minor(String version) {
    if (version == null) {
      return null;
    }
    String[] parts = version.split("\\.");
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (RuntimeException e) {
      return null;
    }
  }
}
