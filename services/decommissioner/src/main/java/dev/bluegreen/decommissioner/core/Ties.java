package dev.bluegreen.decommissioner.core;

import dev.bluegreen.contracts.naming.ClusterTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tie-to-blue rules: a resource is deleted only if its name, its ARN and its tags all say it
 * belongs to this upgrade's blue cluster. One broken tie stops the whole decommission, because a
 * lookup that returned the wrong thing once cannot be trusted for the rest.
 */
public final class Ties {

  /** Error code of the failure when a tie does not hold. */
  public static final String CODE = "NOT_TIED_TO_BLUE";

  private Ties() {}

  /** Every broken tie in the estate, each as a sentence naming the resource. */
  public static List<String> violations(Blue blue, BlueEstate estate) {
    List<String> out = new ArrayList<>();
    if (blue.cluster().equals(blue.greenCluster())) {
      out.add("blue and green are the same cluster " + blue.cluster());
    }
    estate.cluster().ifPresent(c -> out.addAll(cluster(blue, c)));
    estate.nodegroups().forEach(n -> out.addAll(nodegroup(blue, n)));
    estate.addons().forEach(a -> out.addAll(addon(blue, a)));
    estate.targetGroup().ifPresent(t -> out.addAll(targetGroup(blue, t)));
    estate.argoSecret().ifPresent(s -> out.addAll(argoSecret(blue, s)));
    estate.launchTemplates().forEach(t -> out.addAll(launchTemplate(blue, t)));
    return out;
  }

  /** The failure to report when ties are broken, or empty when every tie holds. */
  public static Optional<Failure> check(Blue blue, BlueEstate estate) {
    List<String> violations = violations(blue, estate);
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("blueCluster", blue.cluster());
    evidence.put("violations", violations);
    return Optional.of(
        new Failure(
            "refusing to delete resources not tied to blue cluster "
                + blue.cluster()
                + ": "
                + String.join("; ", violations),
            CODE,
            false,
            evidence));
  }

  static List<String> cluster(Blue blue, Observed.Cluster c) {
    List<String> out = new ArrayList<>();
    String what = "cluster " + c.arn();
    if (!c.name().equals(blue.cluster())) {
      out.add(what + " is named " + c.name() + ", not " + blue.cluster());
    }
    if (!arnEndsWith(c.arn(), ":eks:", ":cluster/" + blue.cluster())) {
      out.add(what + " is not the ARN of EKS cluster " + blue.cluster());
    }
    out.addAll(tags(blue, what, c.tags()));
    return out;
  }

  static List<String> nodegroup(Blue blue, Observed.Nodegroup n) {
    List<String> out = new ArrayList<>();
    String what = "node group " + n.arn();
    if (!blue.cluster().equals(n.clusterName())) {
      out.add(what + " belongs to cluster " + n.clusterName() + ", not " + blue.cluster());
    }
    if (!arnContains(n.arn(), ":eks:", ":nodegroup/" + blue.cluster() + "/" + n.name() + "/")) {
      out.add(what + " is not the ARN of node group " + n.name() + " of " + blue.cluster());
    }
    out.addAll(tags(blue, what, n.tags()));
    return out;
  }

  static List<String> addon(Blue blue, Observed.Addon a) {
    List<String> out = new ArrayList<>();
    String what = "add-on " + a.arn();
    if (!blue.cluster().equals(a.clusterName())) {
      out.add(what + " belongs to cluster " + a.clusterName() + ", not " + blue.cluster());
    }
    if (!arnContains(a.arn(), ":eks:", ":addon/" + blue.cluster() + "/" + a.name() + "/")) {
      out.add(what + " is not the ARN of add-on " + a.name() + " of " + blue.cluster());
    }
    return out;
  }

  static List<String> targetGroup(Blue blue, Observed.TargetGroup t) {
    List<String> out = new ArrayList<>();
    String what = "target group " + t.arn();
    if (!t.name().equals(blue.targetGroupName())) {
      out.add(what + " is named " + t.name() + ", not " + blue.targetGroupName());
    }
    if (!arnContains(t.arn(), ":elasticloadbalancing:", ":targetgroup/" + t.name() + "/")) {
      out.add(what + " is not the ARN of target group " + t.name());
    }
    String key = blue.conventions().clusterTagKey();
    String tagged = t.tags().get(key);
    if (tagged == null) {
      out.add(what + " lacks the tag " + key + "=" + blue.cluster());
    }
    out.addAll(tags(blue, what, t.tags()));
    return out;
  }

  static List<String> argoSecret(Blue blue, Observed.ArgoClusterSecret s) {
    List<String> out = new ArrayList<>();
    String what = "Argo CD secret " + s.namespace() + "/" + s.name();
    if (!blue.cluster().equals(s.clusterName())) {
      out.add(what + " registers cluster " + s.clusterName() + ", not " + blue.cluster());
    }
    String label = s.labels().get(blue.conventions().clusterTagKey());
    if (label != null && !label.equals(blue.cluster())) {
      out.add(
          what
              + " has label "
              + blue.conventions().clusterTagKey()
              + "="
              + label
              + ", not "
              + blue.cluster());
    }
    return out;
  }

  static List<String> launchTemplate(Blue blue, Observed.LaunchTemplate t) {
    List<String> out = new ArrayList<>();
    String what = "launch template " + t.name() + " (" + t.id() + ")";
    String key = blue.conventions().clusterTagKey();
    if (!blue.cluster().equals(t.tags().get(key))) {
      out.add(what + " lacks the tag " + key + "=" + blue.cluster());
    }
    if (!"green".equals(t.tags().get(ClusterTags.ROLE))) {
      out.add(what + " was not made by the platform (" + ClusterTags.ROLE + "=green): the team's");
    }
    out.addAll(tags(blue, what, t.tags()));
    return out;
  }

  /** Tags that forbid deletion: the protect tag, or the tag of this upgrade's own (green) work. */
  private static List<String> tags(Blue blue, String what, Map<String, String> tags) {
    List<String> out = new ArrayList<>();
    Conventions conv = blue.conventions();
    if (tags.containsKey(conv.protectTagKey())) {
      out.add(what + " carries the protect tag " + conv.protectTagKey());
    }
    if (blue.upgradeId().equals(tags.get(conv.upgradeIdTagKey()))) {
      out.add(
          what + " was created by this upgrade (" + conv.upgradeIdTagKey() + "), so it is green's");
    }
    String cluster = tags.get(conv.clusterTagKey());
    if (cluster != null && !cluster.equals(blue.cluster())) {
      out.add(what + " is tagged " + conv.clusterTagKey() + "=" + cluster);
    }
    return out;
  }

  private static boolean arnEndsWith(String arn, String service, String suffix) {
    return arn != null && arn.startsWith("arn:") && arn.contains(service) && arn.endsWith(suffix);
  }

  private static boolean arnContains(String arn, String service, String part) {
    return arn != null && arn.startsWith("arn:") && arn.contains(service) && arn.contains(part);
  }
}
