package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EKS upgrade insights (ListInsights, DescribeInsight), from the deprecated APIs a cluster uses.
 */
public final class EksInsights {
  private final EksControlPlane eks;

  /** An upgrade-readiness insight derived from the deprecated APIs a cluster still uses. */
  public record Insight(
      String id,
      String name,
      String kubernetesVersion,
      String status,
      String reason,
      String description,
      String recommendation,
      List<DeprecatedApi> deprecations) {}

  EksInsights(EksControlPlane eks) {
    this.eks = eks;
  }

  /**
   * One insight per Kubernetes version that removes APIs the cluster still uses: an ERROR when it
   * is the cluster's own or next minor version, a WARNING for later ones.
   */
  public List<Insight> list(String clusterName) {
    Cluster c = eks.clusters().describe(clusterName);
    Map<String, List<DeprecatedApi>> byVersion = new TreeMap<>();
    for (DeprecatedApi api : c.deprecatedApis) {
      byVersion.computeIfAbsent(api.stopServingVersion(), k -> new ArrayList<>()).add(api);
    }
    List<Insight> out = new ArrayList<>();
    for (var e : byVersion.entrySet()) {
      String v = e.getKey();
      boolean blocksNextUpgrade = compareVersions(v, c.version) <= 0 || isNextMinor(c.version, v);
      out.add(
          new Insight(
              SimIds.uuid(c.name + "|deprecated|" + v),
              "Deprecated APIs removed in Kubernetes v" + v,
              v,
              blocksNextUpgrade ? "ERROR" : "WARNING",
              "Deprecated API usage detected within last 30 days",
              "Checks for usage of deprecated APIs that are scheduled for removal in Kubernetes v"
                  + v,
              "Update manifests and clients to use newer Kubernetes APIs if applicable before"
                  + " upgrading to Kubernetes v"
                  + v
                  + ".",
              List.copyOf(e.getValue())));
    }
    return out;
  }

  public Insight describe(String clusterName, String id) {
    return list(clusterName).stream()
        .filter(i -> i.id().equals(id))
        .findFirst()
        .orElseThrow(() -> SimError.notFound("No insight found for id: " + id));
  }

  private static boolean isNextMinor(String current, String other) {
    String[] a = current.split("\\.");
    String[] b = other.split("\\.");
    return a[0].equals(b[0]) && Integer.parseInt(b[1]) == Integer.parseInt(a[1]) + 1;
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int cmp = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (cmp != 0) {
        return cmp;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
