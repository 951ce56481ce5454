package dev.bluegreen.provisioner.command;

import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.BlueAwsAuth;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.LaunchTemplates;
import dev.bluegreen.provisioner.core.Observed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blue as the pre-flight and the provisioning both need it, read the one way: the cluster, its node
 * groups (with the launch template versions they use) and add-ons with the add-on versions
 * compatible with the target version, and its aws-auth ConfigMap. Read fresh for every command;
 * nothing is kept.
 */
public final class BlueReader {

  /**
   * What EKS says of blue.
   *
   * @param cluster blue's cluster
   * @param nodegroups its managed node groups
   * @param addons its add-ons
   * @param addonVersions per add-on, the versions compatible with the target version
   * @param launchTemplates per node group with a launch template, the version it uses (absent when
   *     EC2 no longer has it)
   */
  public record Blue(
      Observed.Cluster cluster,
      List<Observed.Nodegroup> nodegroups,
      List<Observed.Addon> addons,
      Map<String, Observed.AddonVersions> addonVersions,
      Map<String, Observed.LaunchTemplateVersion> launchTemplates) {}

  private final EksClusters eks;
  private final BlueAwsAuth awsAuth;
  private final LaunchTemplates templates;

  public BlueReader(EksClusters eks, BlueAwsAuth awsAuth, LaunchTemplates templates) {
    this.eks = eks;
    this.awsAuth = awsAuth;
    this.templates = templates;
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
    Map<String, Observed.LaunchTemplateVersion> launchTemplates = new LinkedHashMap<>();
    for (Observed.Nodegroup ng : nodegroups) {
      if (ng.launchTemplate() != null) {
        report.step("reading node group " + ng.name() + "'s launch template");
        templates.version(ng.launchTemplate()).ifPresent(t -> launchTemplates.put(ng.name(), t));
      }
    }
    return Optional.of(
        new Blue(
            blue.get(),
            nodegroups,
            addons,
            eks.addonVersions(addons.stream().map(Observed.Addon::name).toList(), targetVersion),
            launchTemplates));
  }

  /** Blue's aws-auth mappings, or why there are none to read (never throws for Kubernetes). */
  public Observed.AwsAuth awsAuth(Observed.Cluster blue, PhaseReport report) {
    report.step("reading blue's aws-auth ConfigMap");
    return awsAuth.read(blue);
  }
}
