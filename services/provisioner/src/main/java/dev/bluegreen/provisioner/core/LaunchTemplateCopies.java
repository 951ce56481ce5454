package dev.bluegreen.provisioner.core;

import dev.bluegreen.contracts.naming.ClusterTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Blue's node groups that use a launch template get, on green, a copy of it made by the
 * provisioner: same node security groups (so every shared resource's rule that admits blue's nodes
 * admits green's, with nothing to mirror) and the same settings, under a name derived from green
 * and the node group (a redelivered command or a restart finds it instead of making a second),
 * tagged as green's. Blue's template is the team's and is never changed. A template that pins an
 * AMI cannot be copied to another Kubernetes version: pre-flight says what the person must do.
 */
public final class LaunchTemplateCopies {

  /** Tag on a copy: the template and version it was copied from ({@code lt-...:N}). */
  public static final String COPY_OF = "bluegreen.dev/copy-of";

  /** EC2's longest launch template name. */
  static final int MAX_NAME = 128;

  private LaunchTemplateCopies() {}

  /** The copy's name for green's node group: {@code bluegreen-<green>-<nodegroup>}, at most 128. */
  public static String name(String greenCluster, String nodegroup) {
    String name = "bluegreen-" + greenCluster + "-" + nodegroup;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash =
        UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString()
            .substring(0, 8);
    return name.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
  }

  /**
   * The copy's tags: blue template's own, plus green's ({@link GreenTags}), the cluster, the
   * source.
   */
  public static Map<String, String> tags(
      Observed.LaunchTemplateVersion blueTemplate,
      String upgradeId,
      String blueCluster,
      String greenCluster) {
    Map<String, String> tags = GreenTags.forGreen(blueTemplate.tags(), upgradeId, blueCluster);
    tags.put(ClusterTags.CLUSTER, greenCluster);
    tags.put(COPY_OF, blueTemplate.ref().id() + ":" + blueTemplate.ref().version());
    return tags;
  }

  /** Whether a copy found by name or tags was made for green by this upgrade. */
  public static boolean isOurs(
      Observed.LaunchTemplateCopy copy, String upgradeId, String greenCluster) {
    return GreenTags.isOurs(copy.tags(), upgradeId)
        && greenCluster.equals(copy.tags().get(ClusterTags.CLUSTER));
  }

  /**
   * Why blue's node groups' templates cannot be copied for green at {@code targetVersion}: {@link
   * #problems(Observed.Nodegroup, Observed.LaunchTemplateVersion, String)} of each, in order.
   *
   * @param templates per node group with a launch template, the version it uses (absent when it
   *     could not be found)
   */
  public static List<String> problems(
      List<Observed.Nodegroup> nodegroups,
      Map<String, Observed.LaunchTemplateVersion> templates,
      String targetVersion) {
    List<String> out = new ArrayList<>();
    for (Observed.Nodegroup ng : nodegroups) {
      out.addAll(problems(ng, templates.get(ng.name()), targetVersion));
    }
    return out;
  }

  /**
   * Why blue's node group's template cannot be copied for green at {@code targetVersion}, each
   * reason naming the template and what the person must do; empty when it can (or there is none).
   *
   * @param template the version the node group uses, null when it could not be found
   */
  public static List<String> problems(
      Observed.Nodegroup ng, Observed.LaunchTemplateVersion template, String targetVersion) {
    List<String> out = new ArrayList<>();
    if (ng.launchTemplate() == null) {
      return out;
    }
    String which =
        "node group " + ng.name() + "'s launch template " + ng.launchTemplate().describe();
    if (template == null) {
      out.add(
          which
              + " was not found: give the node group an existing launch template version, then"
              + " run the upgrade again");
      return out;
    }
    if (template.imageId() != null) {
      out.add(
          which
              + " pins the custom AMI "
              + template.imageId()
              + ", built for blue's Kubernetes version; it cannot be copied to "
              + targetVersion
              + ". Either make a version of the template without ImageId (EKS then picks the AMI"
              + " for the node group's version) and point the node group at it, or upgrade this"
              + " node group's AMI yourself; then run the upgrade again");
    }
    if (!template.notCopied().isEmpty()) {
      out.add(
          which
              + " sets "
              + String.join(", ", template.notCopied())
              + ", which the platform does not copy (green's nodes would differ from blue's):"
              + " move them out of the template or upgrade this cluster without the platform");
    }
    if (template.userData() != null
        && ng.amiType() != null
        && !ng.amiType().equals(GreenPlan.amiTypeFor(ng.amiType(), targetVersion))) {
      out.add(
          which
              + " has user data for "
              + ng.amiType()
              + ", but Kubernetes "
              + targetVersion
              + " has no Amazon Linux 2 AMIs and green's nodes run "
              + GreenPlan.amiTypeFor(ng.amiType(), targetVersion)
              + " (nodeadm, not bootstrap.sh): move the node group to AL2023 on blue first");
    }
    return out;
  }
}
