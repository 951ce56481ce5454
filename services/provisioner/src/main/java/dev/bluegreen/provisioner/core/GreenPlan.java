package dev.bluegreen.provisioner.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Green as it should be created: blue mirrored at the target version. Built from what was observed
 * of blue; the cloud adapter turns each part into one EKS create request.
 *
 * @param cluster green's cluster
 * @param nodegroups green's managed node groups (same names as blue's: names are per cluster)
 * @param addons green's add-ons at versions compatible with the target
 * @param accessEntries access entries to create: blue's, then blue's aws-auth mappings (green never
 *     uses the aws-auth ConfigMap)
 */
public record GreenPlan(
    ClusterPlan cluster,
    List<NodegroupPlan> nodegroups,
    List<AddonPlan> addons,
    List<AccessEntryPlan> accessEntries) {

  /**
   * Access entry types EKS creates by itself for managed node groups and Fargate; creating them
   * again is refused.
   */
  static final Set<String> AUTOMATIC_ACCESS_ENTRY_TYPES =
      Set.of("EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX", "HYBRID_LINUX", "EC2");

  /** The first Kubernetes version without Amazon Linux 2 AMIs for managed node groups. */
  static final KubernetesVersion NO_AL2_FROM = new KubernetesVersion(1, 33);

  /**
   * The cluster part.
   *
   * @param name green's name (from the command)
   * @param version target version
   * @param roleArn blue's cluster role
   * @param subnetIds blue's subnets
   * @param securityGroupIds blue's additional security groups
   * @param endpointPublicAccess as blue
   * @param endpointPrivateAccess as blue
   * @param publicAccessCidrs as blue
   * @param enabledLogTypes as blue
   * @param encryption as blue
   * @param serviceIpv4Cidr as blue
   * @param ipFamily as blue
   * @param authenticationMode API: access entries only, never aws-auth
   * @param tags blue's plus the upgrade's
   */
  public record ClusterPlan(
      String name,
      String version,
      String roleArn,
      List<String> subnetIds,
      List<String> securityGroupIds,
      boolean endpointPublicAccess,
      boolean endpointPrivateAccess,
      List<String> publicAccessCidrs,
      List<String> enabledLogTypes,
      List<Observed.Encryption> encryption,
      String serviceIpv4Cidr,
      String ipFamily,
      String authenticationMode,
      Map<String, String> tags) {}

  /**
   * One managed node group.
   *
   * @param name as blue's
   * @param version target version
   * @param instanceTypes as blue's
   * @param minSize as blue's
   * @param maxSize as blue's
   * @param desiredSize as blue's
   * @param labels as blue's
   * @param taints as blue's
   * @param subnets as blue's
   * @param nodeRole as blue's
   * @param amiType as blue's, moved to AL2023 where the target has no AL2
   * @param capacityType as blue's
   * @param diskSize as blue's
   * @param tags blue's plus the upgrade's
   * @param updateConfig as blue's (null: EKS's default), so updates on green disrupt no more than
   *     the team accepted on blue
   * @param launchTemplate the copy of blue's launch template green's node group uses, null when
   *     blue's uses none
   */
  public record NodegroupPlan(
      String name,
      String version,
      List<String> instanceTypes,
      int minSize,
      int maxSize,
      int desiredSize,
      Map<String, String> labels,
      List<Observed.Taint> taints,
      List<String> subnets,
      String nodeRole,
      String amiType,
      String capacityType,
      Integer diskSize,
      Map<String, String> tags,
      Observed.UpdateConfig updateConfig,
      LaunchTemplatePlan launchTemplate) {}

  /**
   * The launch template the provisioner makes for green's node group: blue's settings, blue's node
   * security groups as they are.
   *
   * @param name the copy's name ({@link LaunchTemplateCopies#name})
   * @param source blue's template and version
   * @param instanceType as blue's template
   * @param securityGroupIds as blue's template
   * @param userData as blue's template
   * @param keyName as blue's template
   * @param tags green's ({@link LaunchTemplateCopies#tags})
   */
  public record LaunchTemplatePlan(
      String name,
      Observed.LaunchTemplateRef source,
      String instanceType,
      List<String> securityGroupIds,
      String userData,
      String keyName,
      Map<String, String> tags) {}

  /**
   * One add-on.
   *
   * @param name add-on name
   * @param version compatible with the target
   * @param serviceAccountRoleArn as blue's
   * @param configurationValues as blue's
   * @param tags the upgrade's
   */
  public record AddonPlan(
      String name,
      String version,
      String serviceAccountRoleArn,
      String configurationValues,
      Map<String, String> tags) {}

  /**
   * One access entry.
   *
   * @param principalArn as blue's
   * @param kubernetesGroups as blue's
   * @param username as blue's
   * @param type as blue's
   * @param tags the upgrade's
   * @param accessPolicies blue's associations with their scopes: a STANDARD entry without them
   *     grants nothing, so after cut-over its principal would lose access to green
   */
  public record AccessEntryPlan(
      String principalArn,
      List<String> kubernetesGroups,
      String username,
      String type,
      Map<String, String> tags,
      List<Observed.AccessPolicy> accessPolicies) {}

  /** Green cannot be planned (e.g. an add-on has no version for the target). */
  public static final class Refused extends RuntimeException {
    private final String code;

    /** A refusal with a machine-readable code. */
    public Refused(String code, String message) {
      super(message);
      this.code = code;
    }

    /** Machine-readable code, for {@code PhaseFailed.errorCode}. */
    public String code() {
      return code;
    }
  }

  /**
   * Mirrors blue: its access entries and, as access entries too, the aws-auth mappings that can be
   * carried (green's authentication mode is API).
   *
   * @param blueTemplates per node group of blue's with a launch template, the version it uses
   * @throws Refused when an add-on blue runs has no version compatible with the target, or a node
   *     group's launch template cannot be copied ({@link LaunchTemplateCopies#problems})
   */
  public static GreenPlan mirror(
      String upgradeId,
      String greenName,
      String targetVersion,
      Observed.Cluster blue,
      List<Observed.Nodegroup> blueNodegroups,
      List<Observed.Addon> blueAddons,
      Map<String, Observed.AddonVersions> addonVersionsForTarget,
      List<Observed.AccessEntry> blueAccessEntries,
      AwsAuthTranslation awsAuth,
      Map<String, Observed.LaunchTemplateVersion> blueTemplates) {
    Map<String, String> clusterTags =
        GreenTags.forGreenCluster(blue.tags(), upgradeId, blue.name());
    ClusterPlan cluster =
        new ClusterPlan(
            greenName,
            targetVersion,
            blue.roleArn(),
            blue.subnetIds(),
            blue.securityGroupIds(),
            blue.endpointPublicAccess(),
            blue.endpointPrivateAccess(),
            blue.publicAccessCidrs(),
            blue.enabledLogTypes(),
            blue.encryption(),
            blue.serviceIpv4Cidr(),
            blue.ipFamily(),
            "API",
            clusterTags);

    List<NodegroupPlan> nodegroups = new ArrayList<>();
    List<String> notCopyable =
        LaunchTemplateCopies.problems(blueNodegroups, blueTemplates, targetVersion);
    if (!notCopyable.isEmpty()) {
      throw new Refused("LaunchTemplateNotCopyable", String.join("; ", notCopyable));
    }
    for (Observed.Nodegroup ng : blueNodegroups) {
      nodegroups.add(
          new NodegroupPlan(
              ng.name(),
              targetVersion,
              ng.instanceTypes(),
              ng.minSize(),
              ng.maxSize(),
              ng.desiredSize(),
              ng.labels(),
              ng.taints(),
              ng.subnets().isEmpty() ? blue.subnetIds() : ng.subnets(),
              ng.nodeRole(),
              amiTypeFor(ng.amiType(), targetVersion),
              ng.capacityType(),
              ng.diskSize(),
              GreenTags.forGreen(ng.tags(), upgradeId, blue.name()),
              ng.updateConfig(),
              launchTemplateCopy(ng, blueTemplates.get(ng.name()), upgradeId, blue, greenName)));
    }

    List<AddonPlan> addons = new ArrayList<>();
    List<String> incompatible = new ArrayList<>();
    for (Observed.Addon a : blueAddons) {
      Optional<String> version = AddonVersionChoice.forTarget(addonVersionsForTarget.get(a.name()));
      if (version.isEmpty()) {
        incompatible.add(a.name());
        continue;
      }
      addons.add(
          new AddonPlan(
              a.name(),
              version.get(),
              a.serviceAccountRoleArn(),
              a.configurationValues(),
              GreenTags.forGreen(Map.of(), upgradeId, blue.name())));
    }
    if (!incompatible.isEmpty()) {
      throw new Refused(
          "AddonIncompatible",
          "No version compatible with Kubernetes "
              + targetVersion
              + " for add-on(s): "
              + String.join(", ", incompatible));
    }

    List<AccessEntryPlan> entries = new ArrayList<>();
    blueAccessEntries.stream()
        .filter(e -> !isCreatedByEks(e.type()))
        .map(
            e ->
                new AccessEntryPlan(
                    e.principalArn(),
                    e.kubernetesGroups(),
                    e.username(),
                    e.type(),
                    GreenTags.forGreen(Map.of(), upgradeId, blue.name()),
                    e.accessPolicies()))
        .forEach(entries::add);
    // Principals with an entry on blue were left out of the translation: the entry wins.
    entries.addAll(awsAuth.plans(GreenTags.forGreen(Map.of(), upgradeId, blue.name())));
    return new GreenPlan(
        cluster, List.copyOf(nodegroups), List.copyOf(addons), List.copyOf(entries));
  }

  private static LaunchTemplatePlan launchTemplateCopy(
      Observed.Nodegroup ng,
      Observed.LaunchTemplateVersion template,
      String upgradeId,
      Observed.Cluster blue,
      String greenName) {
    if (ng.launchTemplate() == null) {
      return null;
    }
    return new LaunchTemplatePlan(
        LaunchTemplateCopies.name(greenName, ng.name()),
        template.ref(),
        template.instanceType(),
        template.securityGroupIds(),
        template.userData(),
        template.keyName(),
        LaunchTemplateCopies.tags(template, upgradeId, blue.name(), greenName));
  }

  /**
   * Whether EKS creates access entries of this type by itself (node and Fargate roles). Those are
   * not copied to green, and carry no access policies to read: EKS grants them what they need.
   */
  public static boolean isCreatedByEks(String accessEntryType) {
    return accessEntryType != null && AUTOMATIC_ACCESS_ENTRY_TYPES.contains(accessEntryType);
  }

  /**
   * The access policies green's entry still needs: blue's, minus those green already has with the
   * same scope. A policy green has with another scope is in the list too (associating it again
   * replaces the scope, so green ends up scoped as blue). Policies only green has are left alone:
   * green is never given less than an operator may have added on purpose.
   */
  public static List<Observed.AccessPolicy> toAssociate(
      List<Observed.AccessPolicy> onBlue, List<Observed.AccessPolicy> onGreen) {
    return onBlue.stream().filter(b -> onGreen.stream().noneMatch(b::sameAs)).toList();
  }

  /** Amazon Linux 2 AMIs end with Kubernetes 1.32: move to the AL2023 equivalent past it. */
  static String amiTypeFor(String blueAmiType, String targetVersion) {
    if (blueAmiType == null
        || !KubernetesVersion.isValid(targetVersion)
        || KubernetesVersion.parse(targetVersion).compareTo(NO_AL2_FROM) < 0) {
      return blueAmiType;
    }
    return switch (blueAmiType) {
      case "AL2_x86_64" -> "AL2023_x86_64_STANDARD";
      case "AL2_ARM_64" -> "AL2023_ARM_64_STANDARD";
      case "AL2_x86_64_GPU" -> "AL2023_x86_64_NVIDIA";
      default -> blueAmiType;
    };
  }
}
