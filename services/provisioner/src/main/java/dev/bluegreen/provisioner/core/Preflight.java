package dev.bluegreen.provisioner.core;

import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.contracts.naming.PhysicalNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pre-flight checks: pure functions of what was observed. Each check has a stable name (the
 * constants below, relied on by people reading the audit log), a verdict, a reason a person can act
 * on, and the data it looked at.
 */
public final class Preflight {

  /** Blue exists, is ACTIVE and nothing on it is being changed. */
  public static final String BLUE_ACTIVE = "blue-active";

  /** EKS offers the target version (standard support passes, extended support warns). */
  public static final String TARGET_VERSION_SUPPORTED = "target-version-supported";

  /** The target version is newer than blue's. */
  public static final String TARGET_VERSION_NEWER = "target-version-newer";

  /** Every add-on blue runs has a version compatible with the target. */
  public static final String ADDONS_COMPATIBLE = "addons-compatible";

  /** Blue's upgrade insights show no use of APIs removed up to the target. */
  public static final String NO_REMOVED_APIS_IN_USE = "no-removed-apis-in-use";

  /** The subnets green's nodes use have free IPs for green next to blue. */
  public static final String SUBNET_FREE_IPS = "subnet-free-ips";

  /** The account has room for one more cluster and blue's node groups. */
  public static final String ACCOUNT_LIMITS = "account-limits";

  /** Green's name is free, or already taken by this very upgrade. */
  public static final String GREEN_NAME_AVAILABLE = "green-name-available";

  /** Every name the upgrade will create is valid for AWS and Kubernetes. */
  public static final String NAMES_VALID = "names-valid";

  /** Blue's aws-auth identities can all become access entries on green (mode API). */
  public static final String AWS_AUTH_TRANSLATABLE = "aws-auth-translatable";

  /**
   * Every launch template blue's node groups use can be copied for green: no custom AMI, nothing
   * the platform does not copy, no user data for an AMI family the target no longer has.
   */
  public static final String LAUNCH_TEMPLATES_COPYABLE = "launch-templates-copyable";

  private static final Set<String> BUSY_NODEGROUP = Set.of("CREATING", "UPDATING", "DELETING");

  private Preflight() {}

  /** Runs every check, in a stable order. */
  public static List<Check> run(PreflightInput in) {
    List<Check> checks = new ArrayList<>();
    checks.add(blueActive(in.blue(), in.blueNodegroups()));
    checks.add(targetVersionSupported(in.targetSupport()));
    checks.add(targetVersionNewer(in.blue().version(), in.targetVersion()));
    checks.add(addonsCompatible(in.blueAddons(), in.addonVersionsForTarget(), in.targetVersion()));
    checks.add(noRemovedApisInUse(in.blue().version(), in.targetVersion(), in.insights()));
    checks.add(subnetFreeIps(in.blueNodegroups(), in.blue(), in.subnetFreeIps(), in.ipsPerNode()));
    checks.add(accountLimits(in.limits(), in.blueNodegroups().size(), in.green().isPresent()));
    checks.add(greenNameAvailable(in.green(), in.upgradeId()));
    checks.add(awsAuthTranslatable(in.blue().authenticationMode(), in.awsAuth()));
    checks.add(
        launchTemplatesCopyable(in.blueNodegroups(), in.blueLaunchTemplates(), in.targetVersion()));
    return checks;
  }

  /**
   * Whether every name the upgrade will create (green cluster, both target groups, the label that
   * names green on its Argo CD secret) is valid, checked before anything is created.
   */
  public static Check namesValid(
      Observed.Cluster blue, String greenCluster, String targetGroupPattern) {
    String logical = ClusterTags.logicalCluster(blue.name(), blue.tags());
    List<String> problems =
        PhysicalNames.problems(logical, blue.name(), greenCluster, targetGroupPattern);
    Map<String, Object> data =
        data(
            "logicalCluster",
            logical,
            "greenCluster",
            greenCluster,
            "greenTargetGroup",
            PhysicalNames.targetGroup(targetGroupPattern, greenCluster));
    if (problems.isEmpty()) {
      return new Check(NAMES_VALID, CheckResult.PASS, "Every name green needs is valid", data);
    }
    data.put("problems", problems);
    return new Check(NAMES_VALID, CheckResult.FAIL, String.join("; ", problems), data);
  }

  /** True when no check failed. */
  public static boolean passed(List<Check> checks) {
    return checks.stream().noneMatch(c -> c.result() == CheckResult.FAIL);
  }

  /** The single check reported when blue does not exist at all. */
  public static Check blueMissing(String blueName) {
    return new Check(
        BLUE_ACTIVE,
        CheckResult.FAIL,
        "Blue cluster " + blueName + " does not exist",
        data("cluster", blueName, "found", false));
  }

  static Check blueActive(Observed.Cluster blue, List<Observed.Nodegroup> nodegroups) {
    Map<String, Object> ngStatus = new LinkedHashMap<>();
    nodegroups.forEach(ng -> ngStatus.put(ng.name(), ng.status()));
    Map<String, Object> data =
        data("cluster", blue.name(), "status", blue.status(), "nodegroups", ngStatus);
    if (!"ACTIVE".equals(blue.status())) {
      return new Check(
          BLUE_ACTIVE,
          CheckResult.FAIL,
          "Blue is " + blue.status() + ", not ACTIVE: wait until its current change ends",
          data);
    }
    List<String> busy =
        nodegroups.stream()
            .filter(ng -> BUSY_NODEGROUP.contains(ng.status()))
            .map(ng -> ng.name() + " " + ng.status())
            .toList();
    if (!busy.isEmpty()) {
      return new Check(
          BLUE_ACTIVE,
          CheckResult.FAIL,
          "Blue's node groups are being changed: " + String.join(", ", busy),
          data);
    }
    List<String> unwell =
        nodegroups.stream()
            .filter(ng -> !"ACTIVE".equals(ng.status()))
            .map(ng -> ng.name() + " " + ng.status())
            .toList();
    if (!unwell.isEmpty()) {
      return new Check(
          BLUE_ACTIVE,
          CheckResult.WARN,
          "Blue is ACTIVE but some node groups are not: " + String.join(", ", unwell),
          data);
    }
    return new Check(BLUE_ACTIVE, CheckResult.PASS, "Blue is ACTIVE and not being changed", data);
  }

  static Check targetVersionSupported(Observed.VersionSupport s) {
    Map<String, Object> data =
        data(
            "version", s.version(),
            "listedByEks", s.known(),
            "status", s.status(),
            "endOfStandardSupport", s.endOfStandardSupport(),
            "endOfExtendedSupport", s.endOfExtendedSupport());
    if (!s.known()) {
      return new Check(
          TARGET_VERSION_SUPPORTED,
          CheckResult.FAIL,
          "EKS does not offer Kubernetes " + s.version(),
          data);
    }
    return switch (String.valueOf(s.status())) {
      case "STANDARD_SUPPORT" ->
          new Check(
              TARGET_VERSION_SUPPORTED,
              CheckResult.PASS,
              "Kubernetes " + s.version() + " is in standard support",
              data);
      case "EXTENDED_SUPPORT" ->
          new Check(
              TARGET_VERSION_SUPPORTED,
              CheckResult.WARN,
              "Kubernetes "
                  + s.version()
                  + " is only in extended support, which costs more; prefer a newer version",
              data);
      case "UNSUPPORTED" ->
          new Check(
              TARGET_VERSION_SUPPORTED,
              CheckResult.FAIL,
              "Kubernetes " + s.version() + " is no longer supported by EKS",
              data);
      default ->
          new Check(
              TARGET_VERSION_SUPPORTED,
              CheckResult.WARN,
              "EKS lists Kubernetes " + s.version() + " with an unknown status " + s.status(),
              data);
    };
  }

  static Check targetVersionNewer(String blueVersion, String targetVersion) {
    Map<String, Object> data = data("blueVersion", blueVersion, "targetVersion", targetVersion);
    if (!KubernetesVersion.isValid(targetVersion) || !KubernetesVersion.isValid(blueVersion)) {
      return new Check(
          TARGET_VERSION_NEWER,
          CheckResult.FAIL,
          "Cannot compare versions " + blueVersion + " and " + targetVersion,
          data);
    }
    KubernetesVersion blue = KubernetesVersion.parse(blueVersion);
    KubernetesVersion target = KubernetesVersion.parse(targetVersion);
    if (target.compareTo(blue) <= 0) {
      return new Check(
          TARGET_VERSION_NEWER,
          CheckResult.FAIL,
          "Target " + target + " is not newer than blue's " + blue,
          data);
    }
    return new Check(
        TARGET_VERSION_NEWER,
        CheckResult.PASS,
        "Target " + target + " is " + blue.minorsTo(target) + " minor version(s) newer than blue's",
        data);
  }

  static Check addonsCompatible(
      List<Observed.Addon> addons,
      Map<String, Observed.AddonVersions> versions,
      String targetVersion) {
    Map<String, Object> chosen = new LinkedHashMap<>();
    List<String> incompatible = new ArrayList<>();
    for (Observed.Addon addon : addons) {
      Optional<String> pick = AddonVersionChoice.forTarget(versions.get(addon.name()));
      if (pick.isPresent()) {
        chosen.put(addon.name(), data("installed", addon.version(), "green", pick.get()));
      } else {
        incompatible.add(addon.name());
        chosen.put(addon.name(), data("installed", addon.version(), "green", null));
      }
    }
    Map<String, Object> data =
        data("targetVersion", targetVersion, "addons", chosen, "incompatible", incompatible);
    if (!incompatible.isEmpty()) {
      return new Check(
          ADDONS_COMPATIBLE,
          CheckResult.FAIL,
          "No version compatible with Kubernetes "
              + targetVersion
              + " for add-on(s): "
              + String.join(", ", incompatible),
          data);
    }
    return new Check(
        ADDONS_COMPATIBLE,
        CheckResult.PASS,
        addons.size() + " add-on(s) have versions compatible with Kubernetes " + targetVersion,
        data);
  }

  static Check noRemovedApisInUse(
      String blueVersion, String targetVersion, List<Observed.Insight> insights) {
    KubernetesVersion blue =
        KubernetesVersion.isValid(blueVersion) ? KubernetesVersion.parse(blueVersion) : null;
    KubernetesVersion target =
        KubernetesVersion.isValid(targetVersion) ? KubernetesVersion.parse(targetVersion) : null;
    List<Object> blocking = new ArrayList<>();
    List<Object> warnings = new ArrayList<>();
    for (Observed.Insight i : insights) {
      if (!inRange(i.kubernetesVersion(), blue, target)) {
        continue;
      }
      Map<String, Object> seen =
          data(
              "insight", i.name(),
              "kubernetesVersion", i.kubernetesVersion(),
              "status", i.status(),
              "apis",
                  i.deprecations().stream()
                      .map(
                          d ->
                              (Object)
                                  data(
                                      "usage", d.usage(),
                                      "replacedWith", d.replacedWith(),
                                      "stopServingVersion", d.stopServingVersion(),
                                      "clients", d.clients()))
                      .toList());
      boolean removesUsedApis = !i.deprecations().isEmpty() && !"PASSING".equals(i.status());
      if ("ERROR".equals(i.status()) || removesUsedApis) {
        blocking.add(seen);
      } else if ("WARNING".equals(i.status()) || "UNKNOWN".equals(i.status())) {
        warnings.add(seen);
      }
    }
    Map<String, Object> data =
        data(
            "fromVersion", blueVersion,
            "toVersion", targetVersion,
            "insightsRead", insights.size(),
            "blocking", blocking,
            "warnings", warnings);
    if (!blocking.isEmpty()) {
      return new Check(
          NO_REMOVED_APIS_IN_USE,
          CheckResult.FAIL,
          "Blue still uses APIs removed by Kubernetes "
              + targetVersion
              + ": move the workloads to the replacement APIs first",
          data);
    }
    if (!warnings.isEmpty()) {
      return new Check(
          NO_REMOVED_APIS_IN_USE,
          CheckResult.WARN,
          "EKS upgrade insights have warnings up to Kubernetes " + targetVersion,
          data);
    }
    return new Check(
        NO_REMOVED_APIS_IN_USE,
        CheckResult.PASS,
        "No use of APIs removed up to Kubernetes " + targetVersion,
        data);
  }

  /** Insights about versions after blue's up to and including the target. */
  private static boolean inRange(String version, KubernetesVersion blue, KubernetesVersion target) {
    if (!KubernetesVersion.isValid(version) || blue == null || target == null) {
      return true; // cannot tell: better shown than hidden
    }
    KubernetesVersion v = KubernetesVersion.parse(version);
    return v.compareTo(blue) > 0 && v.compareTo(target) <= 0;
  }

  static Check subnetFreeIps(
      List<Observed.Nodegroup> nodegroups,
      Observed.Cluster blue,
      Observed.SubnetFreeIps free,
      int ipsPerNode) {
    Set<String> subnets = new LinkedHashSet<>();
    nodegroups.forEach(
        ng -> subnets.addAll(ng.subnets().isEmpty() ? blue.subnetIds() : ng.subnets()));
    int desired = nodegroups.stream().mapToInt(Observed.Nodegroup::desiredSize).sum();
    int max = nodegroups.stream().mapToInt(Observed.Nodegroup::maxSize).sum();
    // Blue keeps its IPs (already not free) but can still grow to its max in the same subnets.
    int blueHeadroom =
        nodegroups.stream().mapToInt(ng -> Math.max(0, ng.maxSize() - ng.desiredSize())).sum();
    int needNow = desired * ipsPerNode;
    int needAtMax = (max + blueHeadroom) * ipsPerNode;
    Map<String, Object> data =
        data(
            "subnets", List.copyOf(subnets),
            "ipsPerNode", ipsPerNode,
            "greenDesiredNodes", desired,
            "greenMaxNodes", max,
            "blueHeadroomNodes", blueHeadroom,
            "needAtDesired", needNow,
            "needAtMax", needAtMax);
    if (free.unavailableReason() != null) {
      data.put("unavailable", free.unavailableReason());
      return new Check(
          SUBNET_FREE_IPS,
          CheckResult.WARN,
          "Could not read the subnets' free IPs (" + free.unavailableReason() + "); check by hand",
          data);
    }
    Map<String, Object> perSubnet = new LinkedHashMap<>();
    int total = 0;
    List<String> unknown = new ArrayList<>();
    for (String s : subnets) {
      Integer n = free.freeIps().get(s);
      if (n == null) {
        unknown.add(s);
      } else {
        perSubnet.put(s, n);
        total += n;
      }
    }
    data.put("freeIps", perSubnet);
    data.put("totalFree", total);
    if (total < needNow) {
      return new Check(
          SUBNET_FREE_IPS,
          CheckResult.FAIL,
          "Green's nodes and pods need "
              + needNow
              + " IPs at desired size but the subnets have "
              + total
              + " free (blue and green share them)",
          data);
    }
    if (!unknown.isEmpty()) {
      data.put("unknownSubnets", unknown);
      return new Check(
          SUBNET_FREE_IPS,
          CheckResult.WARN,
          "Free IPs unknown for subnet(s) " + String.join(", ", unknown),
          data);
    }
    if (total < needAtMax) {
      return new Check(
          SUBNET_FREE_IPS,
          CheckResult.WARN,
          "Enough IPs for green at desired size ("
              + needNow
              + ") but not if blue and green both scale to max ("
              + needAtMax
              + " needed, "
              + total
              + " free)",
          data);
    }
    return new Check(
        SUBNET_FREE_IPS,
        CheckResult.PASS,
        total + " free IPs cover green at max size next to blue (" + needAtMax + " needed)",
        data);
  }

  static Check accountLimits(Observed.AccountLimits l, int blueNodegroups, boolean greenExists) {
    int after = l.clustersInRegion() + (greenExists ? 0 : 1);
    Map<String, Object> data =
        data(
            "clustersInRegion", l.clustersInRegion(),
            "clusterQuota", l.clusterQuota(),
            "clustersAfterGreen", after,
            "nodegroupsPerCluster", blueNodegroups,
            "nodegroupQuotaPerCluster", l.nodegroupQuotaPerCluster(),
            "quotaSource", l.quotaSource());
    if (after > l.clusterQuota()) {
      return new Check(
          ACCOUNT_LIMITS,
          CheckResult.FAIL,
          "Green would make "
              + after
              + " clusters, over the quota of "
              + l.clusterQuota()
              + ": raise the EKS clusters quota first",
          data);
    }
    if (blueNodegroups > l.nodegroupQuotaPerCluster()) {
      return new Check(
          ACCOUNT_LIMITS,
          CheckResult.FAIL,
          "Green needs "
              + blueNodegroups
              + " node groups, over the quota of "
              + l.nodegroupQuotaPerCluster()
              + " per cluster",
          data);
    }
    return new Check(
        ACCOUNT_LIMITS,
        CheckResult.PASS,
        "Room for green: " + after + " of " + l.clusterQuota() + " clusters",
        data);
  }

  static Check greenNameAvailable(Optional<Observed.Cluster> green, String upgradeId) {
    if (green.isEmpty()) {
      return new Check(GREEN_NAME_AVAILABLE, CheckResult.PASS, "Green's name is free", data());
    }
    Observed.Cluster g = green.get();
    Map<String, Object> data = data("cluster", g.name(), "status", g.status(), "tags", g.tags());
    if (GreenTags.isOurs(g.tags(), upgradeId)) {
      return new Check(
          GREEN_NAME_AVAILABLE,
          CheckResult.PASS,
          "Green already exists for this upgrade; provisioning will resume it",
          data);
    }
    return new Check(
        GREEN_NAME_AVAILABLE,
        CheckResult.FAIL,
        "A cluster named " + g.name() + " exists and was not created for this upgrade",
        data);
  }

  static Check launchTemplatesCopyable(
      List<Observed.Nodegroup> nodegroups,
      Map<String, Observed.LaunchTemplateVersion> templates,
      String targetVersion) {
    Map<String, Object> used = new LinkedHashMap<>();
    for (Observed.Nodegroup ng : nodegroups) {
      if (ng.launchTemplate() == null) {
        continue;
      }
      Observed.LaunchTemplateVersion t = templates.get(ng.name());
      used.put(
          ng.name(),
          data(
              "launchTemplate",
              ng.launchTemplate().describe(),
              "imageId",
              t == null ? null : t.imageId(),
              "nodeSecurityGroups",
              t == null ? null : t.securityGroupIds()));
    }
    List<String> problems = LaunchTemplateCopies.problems(nodegroups, templates, targetVersion);
    Map<String, Object> data = data("nodegroups", used);
    if (used.isEmpty()) {
      return new Check(
          LAUNCH_TEMPLATES_COPYABLE,
          CheckResult.PASS,
          "No node group of blue's uses a launch template",
          data);
    }
    if (!problems.isEmpty()) {
      data.put("problems", problems);
      return new Check(
          LAUNCH_TEMPLATES_COPYABLE,
          CheckResult.FAIL,
          "Green's node groups cannot copy blue's launch templates: " + String.join("; ", problems),
          data);
    }
    return new Check(
        LAUNCH_TEMPLATES_COPYABLE,
        CheckResult.PASS,
        "Green's node groups will use copies of blue's launch templates ("
            + String.join(", ", used.keySet())
            + "), with blue's node security groups",
        data);
  }

  static Check awsAuthTranslatable(String authenticationMode, AwsAuthTranslation t) {
    Map<String, Object> data =
        data(
            "authenticationMode", authenticationMode,
            "awsAuth", t.state().name().toLowerCase(java.util.Locale.ROOT),
            "detail", t.detail(),
            "carried",
                t.carried().stream()
                    .map(
                        c ->
                            (Object)
                                data(
                                    "from", c.from(),
                                    "arn", c.mappedArn(),
                                    "principalArn", c.principalArn(),
                                    "username", c.username(),
                                    "kubernetesGroups", c.kubernetesGroups(),
                                    "accessPolicies",
                                        c.accessPolicies().stream()
                                            .map(p -> p.policyArn() + " " + p.scopeType())
                                            .toList(),
                                    "changes", c.changes()))
                    .toList(),
            "skipped", left(t.skipped()),
            "notCarried", left(t.notCarried()));
    return switch (t.state()) {
      case NOT_USED ->
          new Check(
              AWS_AUTH_TRANSLATABLE,
              CheckResult.PASS,
              "Blue authenticates through access entries only: nothing in aws-auth to carry",
              data);
      case ABSENT ->
          new Check(
              AWS_AUTH_TRANSLATABLE,
              CheckResult.PASS,
              "Blue has no aws-auth ConfigMap: nothing to carry",
              data);
      case UNREADABLE ->
          new Check(
              AWS_AUTH_TRANSLATABLE,
              CheckResult.FAIL,
              "Could not read blue's aws-auth ConfigMap ("
                  + t.detail()
                  + "): who would lose access to green cannot be told, and provisioning would"
                  + " stop at it",
              data);
      case READ -> {
        String counts =
            t.carried().size()
                + " aws-auth mapping(s) become access entries on green, "
                + t.skipped().size()
                + " skipped";
        if (t.complete()) {
          yield new Check(AWS_AUTH_TRANSLATABLE, CheckResult.PASS, counts, data);
        }
        List<String> issues = new ArrayList<>();
        t.notCarried().forEach(l -> issues.add(l.from() + " " + l.arn() + ": " + l.reason()));
        t.carried().stream()
            .filter(c -> !c.changes().isEmpty())
            .forEach(c -> issues.add(c.mappedArn() + ": " + String.join("; ", c.changes())));
        yield new Check(
            AWS_AUTH_TRANSLATABLE,
            CheckResult.WARN,
            counts + "; not carried as on blue: " + String.join(" | ", issues),
            data);
      }
    };
  }

  private static List<Object> left(List<AwsAuthTranslation.Left> left) {
    return left.stream()
        .map(l -> (Object) data("from", l.from(), "arn", l.arn(), "reason", l.reason()))
        .toList();
  }

  /** An insertion-ordered map from alternating keys and values (nulls kept out). */
  static Map<String, Object> data(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }
}
