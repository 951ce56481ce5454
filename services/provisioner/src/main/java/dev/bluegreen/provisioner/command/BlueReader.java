package dev.bluegreen.provisioner.command;

import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.BlueAwsAuth;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.core.Observed;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blue as the pre-flight and the provisioning both need it, read the one way: the cluster, its node
 * groups and add-ons with the add-on versions compatible with the target version, and its aws-auth
 * ConfigMap. Read fresh for every command; nothing is kept.
 */
public final class BlueReader {

  /**
   * What EKS says of blue.
   *
   * @param cluster blue's cluster
   * @param nodegroups its managed node groups
   * @param addons its add-ons
   * @param addonVersions per add-on, the versions compatible with the target version
   */
  public record Blue(
      Observed.Cluster cluster,
      List<Observed.Nodegroup> nodegroups,
      List<Observed.Addon> addons,
      Map<String, Observed.AddonVersions> addonVersions) {}

  private final EksClusters eks;
  private final BlueAwsAuth awsAuth;

  public BlueReader(EksClusters eks, BlueAwsAuth awsAuth) {
    this.eks = eks;
    this.awsAuth = awsAuth;
  }

  /** Blue for an upgrade to {@code targetVersion}; empty when EKS knows no such cluster. */
  public Optional<Blue> read(String cluster, String targetVersion, PhaseReport report) {
    report.step("describing blue " + cluster);
    Optional<Observed.Cluster> blue = eks.cluster(cluster);
    if (blue.isEmpty()) {
      return Optional.empty();
    }
    report.step("reading blue's node groups and add-ons");
    List<Observed.Nodegroup> nodegroups = eks.nodegroups(cluster);
    List<Observed.Addon> addons = eks.addons(cluster);
    return Optional.of(
        new Blue(
            blue.get(),
            nodegroups,
            addons,
            eks.addonVersions(addons.stream().map(Observed.Addon::name).toList(), targetVersion)));
  }

  /** Blue's aws-auth mappings, or why there are none to read (never throws for Kubernetes). */
  public Observed.AwsAuth awsAuth(Observed.Cluster blue, PhaseReport report) {
    report.step("reading blue's aws-auth ConfigMap");
    return awsAuth.read(blue);
  }
}
