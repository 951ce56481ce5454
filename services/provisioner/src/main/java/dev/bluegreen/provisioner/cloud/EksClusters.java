package dev.bluegreen.provisioner.cloud;

import dev.bluegreen.cloud.SharedSnapshot;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.provisioner.config.ProvisionerConfig;
import dev.bluegreen.provisioner.core.GreenPlan;
import dev.bluegreen.provisioner.core.Observed;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessScope;
import software.amazon.awssdk.services.eks.model.AddonInfo;
import software.amazon.awssdk.services.eks.model.AddonVersionInfo;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.Category;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.Compatibility;
import software.amazon.awssdk.services.eks.model.DeprecationDetail;
import software.amazon.awssdk.services.eks.model.InsightSummary;
import software.amazon.awssdk.services.eks.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.eks.model.LogSetup;
import software.amazon.awssdk.services.eks.model.LogType;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupUpdateConfig;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.Taint;

/**
 * The EKS API, translated to and from the core's records. Every call goes through the SDK client
 * configured by libs/cloud, so throttling and transient errors are retried by the SDK's standard
 * retry strategy; anything else escapes as the SDK's exception (with the AWS error code).
 */
@ApplicationScoped
public class EksClusters {

  private final EksClient eks;
  private final ProvisionerConfig settings;
  private final SharedSnapshot<Integer> clusterCount;
  private final Waiting waiting;

  /** Over a client configured by libs/cloud; waits for resources with {@code waiting}. */
  public EksClusters(EksClient eks, ProvisionerConfig settings, Waiting waiting) {
    this.eks = eks;
    this.settings = settings;
    this.waiting = waiting;
    this.clusterCount =
        new SharedSnapshot<>(
            this::countClusters, settings.quotas().clusterCountMaxAge(), Clock.systemUTC());
  }

  // ------------------------------------------------------------------ reads

  /** {@code DescribeCluster}, empty when there is no such cluster. */
  public Optional<Observed.Cluster> cluster(String name) {
    return absentIfNotFound(() -> toCluster(eks.describeCluster(r -> r.name(name)).cluster()));
  }

  /**
   * Clusters in the region ({@code ListClusters}, every page), as counted at most {@code
   * quotas.cluster-count-max-age} ago: concurrent pre-flights share one count.
   *
   * <p>Why shared: the count is one {@code ListClusters} page per 100 clusters, and every
   * pre-flight needs it, so N upgrades at once cost N counts of a region that grows with N. At the
   * bench's 1,000 upgrades (3,003 clusters) that was 31 pages per pre-flight, 31,000 in all, and
   * the provisioner's largest own cost. Shared, it is one count per max age whatever N is.
   *
   * <p>Why not stop paging at the quota (the check only needs to know whether green fits): a region
   * that has room is still read to its end, which is every region the check passes, and one whose
   * quota is raised to its size (the bench's) gains nothing; the check's data would no longer say
   * how many clusters there are. A count some seconds old changes nothing the check can promise:
   * concurrent pre-flights already all see the region before any of their greens exists (a cluster
   * takes ~10 minutes to create), and {@code CreateCluster} itself refuses one over the quota
   * ({@code ResourceLimitExceededException}, reported as {@code PhaseFailed}).
   */
  public int clusterCount() {
    return clusterCount.get();
  }

  private int countClusters() {
    int n = 0;
    for (String ignored : eks.listClustersPaginator(r -> {}).clusters()) {
      n++;
    }
    return n;
  }

  /** Every managed node group of a cluster, described. */
  public List<Observed.Nodegroup> nodegroups(String cluster) {
    List<Observed.Nodegroup> out = new ArrayList<>();
    for (String name : eks.listNodegroupsPaginator(r -> r.clusterName(cluster)).nodegroups()) {
      nodegroup(cluster, name).ifPresent(out::add);
    }
    return out;
  }

  /** {@code DescribeNodegroup}, empty when there is none. */
  public Optional<Observed.Nodegroup> nodegroup(String cluster, String name) {
    return absentIfNotFound(
        () ->
            toNodegroup(
                eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name))
                    .nodegroup()));
  }

  /** Every add-on of a cluster, described. */
  public List<Observed.Addon> addons(String cluster) {
    List<Observed.Addon> out = new ArrayList<>();
    for (String name : eks.listAddonsPaginator(r -> r.clusterName(cluster)).addons()) {
      addon(cluster, name).ifPresent(out::add);
    }
    return out;
  }

  /** {@code DescribeAddon}, empty when there is none. */
  public Optional<Observed.Addon> addon(String cluster, String name) {
    return absentIfNotFound(
        () -> {
          var a = eks.describeAddon(r -> r.clusterName(cluster).addonName(name)).addon();
          return new Observed.Addon(
              a.addonName(),
              a.addonVersion(),
              a.statusAsString(),
              a.serviceAccountRoleArn(),
              a.configurationValues(),
              a.tags());
        });
  }

  /**
   * Every access entry of a cluster, described, with its associated access policies (not for the
   * node and Fargate entries EKS makes itself: they have none).
   */
  public List<Observed.AccessEntry> accessEntries(String cluster) {
    List<Observed.AccessEntry> out = new ArrayList<>();
    for (String arn : eks.listAccessEntriesPaginator(r -> r.clusterName(cluster)).accessEntries()) {
      accessEntry(cluster, arn)
          .map(
              e ->
                  GreenPlan.isCreatedByEks(e.type())
                      ? e
                      : new Observed.AccessEntry(
                          e.principalArn(),
                          e.kubernetesGroups(),
                          e.username(),
                          e.type(),
                          e.tags(),
                          associatedAccessPolicies(cluster, arn)))
          .ifPresent(out::add);
    }
    return out;
  }

  /** The principals of a cluster's access entries ({@code ListAccessEntries}, every page). */
  public java.util.Set<String> accessEntryPrincipals(String cluster) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    eks.listAccessEntriesPaginator(r -> r.clusterName(cluster)).accessEntries().forEach(out::add);
    return out;
  }

  /** {@code DescribeAccessEntry} (without its policies), empty when there is none. */
  public Optional<Observed.AccessEntry> accessEntry(String cluster, String principalArn) {
    return absentIfNotFound(
        () -> {
          var e =
              eks.describeAccessEntry(r -> r.clusterName(cluster).principalArn(principalArn))
                  .accessEntry();
          return new Observed.AccessEntry(
              e.principalArn(), e.kubernetesGroups(), e.username(), e.type(), e.tags(), List.of());
        });
  }

  /** {@code ListAssociatedAccessPolicies}, every page. */
  public List<Observed.AccessPolicy> associatedAccessPolicies(String cluster, String principalArn) {
    List<Observed.AccessPolicy> out = new ArrayList<>();
    for (AssociatedAccessPolicy p :
        eks.listAssociatedAccessPoliciesPaginator(
                r -> r.clusterName(cluster).principalArn(principalArn))
            .associatedAccessPolicies()) {
      AccessScope scope = p.accessScope();
      out.add(
          new Observed.AccessPolicy(
              p.policyArn(),
              scope == null ? "cluster" : scope.typeAsString(),
              scope == null ? List.of() : scope.namespaces()));
    }
    return out;
  }

  /**
   * Per add-on, the versions compatible with a Kubernetes version ({@code DescribeAddonVersions}),
   * newest first.
   */
  public Map<String, Observed.AddonVersions> addonVersions(
      Collection<String> addonNames, String kubernetesVersion) {
    Map<String, Observed.AddonVersions> out = new LinkedHashMap<>();
    for (String name : addonNames) {
      List<String> compatible = new ArrayList<>();
      Optional<String> defaultVersion = Optional.empty();
      for (AddonInfo info :
          eks.describeAddonVersionsPaginator(
                  r -> r.addonName(name).kubernetesVersion(kubernetesVersion))
              .addons()) {
        if (!name.equals(info.addonName())) {
          continue;
        }
        for (AddonVersionInfo v : info.addonVersions()) {
          for (Compatibility c : v.compatibilities()) {
            if (kubernetesVersion.equals(c.clusterVersion())) {
              compatible.add(v.addonVersion());
              if (Boolean.TRUE.equals(c.defaultVersion())) {
                defaultVersion = Optional.of(v.addonVersion());
              }
            }
          }
        }
      }
      compatible.sort(NEWEST_FIRST);
      out.put(name, new Observed.AddonVersions(name, compatible, defaultVersion));
    }
    return out;
  }

  /** What EKS says about one Kubernetes version ({@code DescribeClusterVersions}). */
  public Observed.VersionSupport versionSupport(String version) {
    for (ClusterVersionInformation v :
        eks.describeClusterVersionsPaginator(r -> r.clusterVersions(version).includeAll(true))
            .clusterVersions()) {
      if (version.equals(v.clusterVersion())) {
        String status =
            v.versionStatusAsString() != null ? v.versionStatusAsString() : v.statusAsString();
        return new Observed.VersionSupport(
            version,
            true,
            status,
            date(v.endOfStandardSupportDate()),
            date(v.endOfExtendedSupportDate()));
      }
    }
    return Observed.VersionSupport.unknown(version);
  }

  /** Blue's upgrade-readiness insights, each described for its deprecation details. */
  public List<Observed.Insight> upgradeInsights(String cluster) {
    List<Observed.Insight> out = new ArrayList<>();
    for (InsightSummary s :
        eks.listInsightsPaginator(
                r -> r.clusterName(cluster).filter(f -> f.categories(Category.UPGRADE_READINESS)))
            .insights()) {
      var insight = eks.describeInsight(r -> r.clusterName(cluster).id(s.id())).insight();
      List<Observed.DeprecatedApiUse> apis = new ArrayList<>();
      if (insight.categorySpecificSummary() != null) {
        for (DeprecationDetail d : insight.categorySpecificSummary().deprecationDetails()) {
          apis.add(
              new Observed.DeprecatedApiUse(
                  d.usage(),
                  d.replacedWith(),
                  d.stopServingVersion(),
                  d.clientStats().stream().map(c -> c.userAgent()).toList()));
        }
      }
      out.add(
          new Observed.Insight(
              insight.id(),
              insight.name(),
              insight.kubernetesVersion(),
              insight.insightStatus() == null
                  ? "UNKNOWN"
                  : insight.insightStatus().statusAsString(),
              insight.insightStatus() == null ? null : insight.insightStatus().reason(),
              apis));
    }
    return out;
  }

  // ------------------------------------------------------------------ creates

  /** {@code CreateCluster} with a request token (EKS creates at most once per token). */
  public void createCluster(GreenPlan.ClusterPlan p, String token) {
    eks.createCluster(
        r -> {
          r.name(p.name())
              .version(p.version())
              .roleArn(p.roleArn())
              .resourcesVpcConfig(
                  v ->
                      v.subnetIds(p.subnetIds())
                          .securityGroupIds(p.securityGroupIds())
                          .endpointPublicAccess(p.endpointPublicAccess())
                          .endpointPrivateAccess(p.endpointPrivateAccess())
                          .publicAccessCidrs(
                              p.endpointPublicAccess() && !p.publicAccessCidrs().isEmpty()
                                  ? p.publicAccessCidrs()
                                  : null))
              .accessConfig(a -> a.authenticationMode(p.authenticationMode()))
              .tags(p.tags())
              .clientRequestToken(token);
          if (!p.enabledLogTypes().isEmpty()) {
            r.logging(
                l ->
                    l.clusterLogging(
                        LogSetup.builder()
                            .enabled(true)
                            .types(p.enabledLogTypes().stream().map(LogType::fromValue).toList())
                            .build()));
          }
          if (!p.encryption().isEmpty()) {
            r.encryptionConfig(
                p.encryption().stream()
                    .map(
                        e ->
                            software.amazon.awssdk.services.eks.model.EncryptionConfig.builder()
                                .provider(pr -> pr.keyArn(e.keyArn()))
                                .resources(e.resources())
                                .build())
                    .toList());
          }
          if (p.serviceIpv4Cidr() != null || p.ipFamily() != null) {
            r.kubernetesNetworkConfig(
                k -> k.serviceIpv4Cidr(p.serviceIpv4Cidr()).ipFamily(p.ipFamily()));
          }
        });
  }

  /**
   * {@code CreateNodegroup} with a request token; {@code launchTemplate} is the copy green's node
   * group uses (id and version), null when blue's uses none.
   */
  public void createNodegroup(
      String cluster,
      GreenPlan.NodegroupPlan p,
      Observed.LaunchTemplateCopy launchTemplate,
      String token) {
    eks.createNodegroup(
        r ->
            r.clusterName(cluster)
                .nodegroupName(p.name())
                .version(p.version())
                // With a launch template that sets the instance type, EKS refuses instanceTypes.
                .instanceTypes(
                    launchTemplate != null && p.instanceTypes().isEmpty()
                        ? null
                        : p.instanceTypes())
                .launchTemplate(
                    launchTemplate == null
                        ? null
                        : LaunchTemplateSpecification.builder()
                            .id(launchTemplate.id())
                            .version(String.valueOf(launchTemplate.defaultVersion()))
                            .build())
                .scalingConfig(
                    s -> s.minSize(p.minSize()).maxSize(p.maxSize()).desiredSize(p.desiredSize()))
                .labels(p.labels())
                .taints(
                    p.taints().stream()
                        .map(
                            t ->
                                Taint.builder()
                                    .key(t.key())
                                    .value(t.value())
                                    .effect(t.effect())
                                    .build())
                        .toList())
                .subnets(p.subnets())
                .nodeRole(p.nodeRole())
                .amiType(p.amiType())
                .capacityType(p.capacityType())
                .diskSize(p.diskSize())
                .updateConfig(
                    p.updateConfig() == null
                        ? null
                        : NodegroupUpdateConfig.builder()
                            .maxUnavailable(p.updateConfig().maxUnavailable())
                            .maxUnavailablePercentage(p.updateConfig().maxUnavailablePercentage())
                            .updateStrategy(p.updateConfig().updateStrategy())
                            .build())
                .tags(p.tags())
                .clientRequestToken(token));
  }

  /** {@code CreateAddon} with a request token. */
  public void createAddon(String cluster, GreenPlan.AddonPlan p, String token) {
    eks.createAddon(
        r ->
            r.clusterName(cluster)
                .addonName(p.name())
                .addonVersion(p.version())
                .serviceAccountRoleArn(p.serviceAccountRoleArn())
                .configurationValues(p.configurationValues())
                .tags(p.tags())
                .clientRequestToken(token));
  }

  /** {@code CreateAccessEntry} with a request token. */
  public void createAccessEntry(String cluster, GreenPlan.AccessEntryPlan p, String token) {
    eks.createAccessEntry(
        r ->
            r.clusterName(cluster)
                .principalArn(p.principalArn())
                .kubernetesGroups(p.kubernetesGroups().isEmpty() ? null : p.kubernetesGroups())
                .username(p.username())
                .type(p.type())
                .tags(p.tags())
                .clientRequestToken(token));
  }

  /**
   * {@code AssociateAccessPolicy}. The API has no request token; associating a policy the entry
   * already has only sets its scope, so a repeat is harmless, and callers list first anyway.
   */
  public void associateAccessPolicy(
      String cluster, String principalArn, Observed.AccessPolicy policy) {
    eks.associateAccessPolicy(
        r ->
            r.clusterName(cluster)
                .principalArn(principalArn)
                .policyArn(policy.policyArn())
                .accessScope(
                    s ->
                        s.type(policy.scopeType())
                            .namespaces(
                                policy.namespaces().isEmpty() ? null : policy.namespaces())));
  }

  // ------------------------------------------------------------------ deletes

  /** {@code DeleteNodegroup}; nothing when it is already gone. */
  public void deleteNodegroup(String cluster, String name) {
    absentIfNotFound(() -> eks.deleteNodegroup(r -> r.clusterName(cluster).nodegroupName(name)));
  }

  /** {@code DeleteAddon}; nothing when it is already gone. */
  public void deleteAddon(String cluster, String name) {
    absentIfNotFound(() -> eks.deleteAddon(r -> r.clusterName(cluster).addonName(name)));
  }

  /** {@code DeleteCluster}; nothing when it is already gone. */
  /** A cluster's security group (EKS's {@code clusterSecurityGroupId}); empty when it is gone. */
  public Optional<String> clusterSecurityGroup(String name) {
    return absentIfNotFound(
            () -> eks.describeCluster(r -> r.name(name)).cluster().resourcesVpcConfig())
        .map(v -> v.clusterSecurityGroupId());
  }

  public void deleteCluster(String name) {
    absentIfNotFound(() -> eks.deleteCluster(r -> r.name(name)));
  }

  // ------------------------------------------------------------------ waits

  /** Waits (backoff, deadline) until the cluster is ACTIVE. */
  public Observed.Cluster awaitClusterActive(String name) {
    return await(
            "cluster " + name,
            ACTIVE,
            Set.of("DELETING", "FAILED"),
            settings.waits().cluster(),
            () -> cluster(name),
            Observed.Cluster::status,
            c -> List.of())
        .orElseThrow();
  }

  /** Waits (backoff, deadline) until a node group is ACTIVE. */
  public Observed.Nodegroup awaitNodegroupActive(String cluster, String name) {
    return await(
            "node group " + name,
            ACTIVE,
            Set.of("CREATE_FAILED"),
            settings.waits().nodegroup(),
            () -> nodegroup(cluster, name),
            Observed.Nodegroup::status,
            Observed.Nodegroup::healthIssues)
        .orElseThrow();
  }

  /** Waits (backoff, deadline) until an add-on is ACTIVE. */
  public void awaitAddonActive(String cluster, String name) {
    await(
        "add-on " + name,
        ACTIVE,
        Set.of("CREATE_FAILED", "DEGRADED"),
        settings.waits().addon(),
        () -> addon(cluster, name),
        Observed.Addon::status,
        a -> List.of());
  }

  /** Waits (backoff, deadline) until a node group is gone. */
  public void awaitNodegroupDeleted(String cluster, String name) {
    await(
        "node group " + name,
        DELETED,
        Set.of("DELETE_FAILED"),
        settings.waits().deletion(),
        () -> nodegroup(cluster, name),
        Observed.Nodegroup::status,
        Observed.Nodegroup::healthIssues);
  }

  /** Waits (backoff, deadline) until an add-on is gone. */
  public void awaitAddonDeleted(String cluster, String name) {
    await(
        "add-on " + name,
        DELETED,
        Set.of("DELETE_FAILED"),
        settings.waits().deletion(),
        () -> addon(cluster, name),
        Observed.Addon::status,
        a -> List.of());
  }

  /** Waits (backoff, deadline) until the cluster is gone. */
  public void awaitClusterDeleted(String name) {
    await(
        "cluster " + name,
        DELETED,
        Set.of("ACTIVE", "CREATING", "PENDING"),
        settings.waits().deletion(),
        () -> cluster(name),
        Observed.Cluster::status,
        c -> List.of());
  }

  private static final String ACTIVE = "ACTIVE";
  private static final String DELETED = "deleted";

  /**
   * Describes the resource (backoff between looks) until it is {@code wanted} (ACTIVE, or deleted:
   * gone), or it reaches one of the {@code failed} states (EKS's own waiters' failure states), or
   * the deadline passes. Returns the resource as last described (empty once deleted).
   */
  private <T> Optional<T> await(
      String what,
      String wanted,
      Set<String> failed,
      Duration timeout,
      Supplier<Optional<T>> describe,
      Function<T, String> status,
      Function<T, List<String>> healthIssues) {
    List<Optional<T>> last = new ArrayList<>(List.of(Optional.empty()));
    Optional<Optional<T>> reached =
        waiting.poll(
            backoff(),
            timeout,
            () -> {
              Optional<T> now = describe.get();
              last.set(0, now);
              if (now.isEmpty()) {
                if (DELETED.equals(wanted)) {
                  return Optional.of(now);
                }
                throw new GreenFailure(
                    "ResourceNotFoundException",
                    what + " is gone while waiting for it to become " + wanted,
                    false,
                    Map.of("resource", what, "wanted", wanted));
              }
              String s = status.apply(now.get());
              if (failed.contains(s)) {
                throw failure(what, Optional.of(s), healthIssues.apply(now.get()), wanted, s);
              }
              return wanted.equals(s) ? Optional.of(now) : Optional.empty();
            });
    return reached.orElseThrow(
        () ->
            failure(
                what,
                last.get(0).map(status),
                last.get(0).map(healthIssues).orElse(List.of()),
                wanted,
                "deadline " + timeout + " passed"));
  }

  /** Exponential backoff with jitter between polls; the deadline, not a count, ends the wait. */
  private Waiting.Backoff backoff() {
    return Waiting.Backoff.exponential(settings.waits().initialPoll(), settings.waits().maxPoll());
  }

  /**
   * Why a wait ended without success: the resource reached a failure state (not retryable: it has
   * to be cleaned up), or the deadline passed while it was still on its way (retryable).
   */
  private static RuntimeException failure(
      String what, Optional<String> status, List<String> healthIssues, String wanted, String end) {
    String s = status.orElse("absent");
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("resource", what);
    evidence.put("status", s);
    evidence.put("wanted", wanted);
    if (!healthIssues.isEmpty()) {
      evidence.put("healthIssues", healthIssues);
    }
    evidence.put("waitEnded", end);
    boolean onItsWay =
        "deleted".equals(wanted)
            ? s.equals("DELETING")
            : s.equals("CREATING") || s.equals("UPDATING") || s.equals("PENDING");
    if (onItsWay) {
      return new GreenFailure(
          "WaitDeadlineExceeded",
          what + " did not become " + wanted + " before the deadline (still " + s + ")",
          true,
          evidence);
    }
    String detail = healthIssues.isEmpty() ? "" : ": " + String.join("; ", healthIssues);
    // EKS's own health issue code (e.g. InsufficientFreeAddresses) says more than ours.
    String code = healthIssues.isEmpty() ? "ResourceFailed" : healthIssues.get(0).split(":", 2)[0];
    return new GreenFailure(
        code, what + " is " + s + " instead of " + wanted + detail, false, evidence);
  }

  // ------------------------------------------------------------------ translation

  private static Observed.Cluster toCluster(Cluster c) {
    var vpc = c.resourcesVpcConfig();
    List<String> logTypes = new ArrayList<>();
    if (c.logging() != null) {
      for (LogSetup s : c.logging().clusterLogging()) {
        if (Boolean.TRUE.equals(s.enabled())) {
          s.typesAsStrings().forEach(logTypes::add);
        }
      }
    }
    List<Observed.Encryption> encryption =
        c.encryptionConfig().stream()
            .map(
                e ->
                    new Observed.Encryption(
                        e.provider() == null ? null : e.provider().keyArn(), e.resources()))
            .toList();
    var net = c.kubernetesNetworkConfig();
    return new Observed.Cluster(
        c.name(),
        c.version(),
        c.statusAsString(),
        c.roleArn(),
        vpc == null ? null : vpc.vpcId(),
        vpc == null ? List.of() : vpc.subnetIds(),
        vpc == null ? List.of() : vpc.securityGroupIds(),
        vpc != null && Boolean.TRUE.equals(vpc.endpointPublicAccess()),
        vpc != null && Boolean.TRUE.equals(vpc.endpointPrivateAccess()),
        vpc == null ? List.of() : vpc.publicAccessCidrs(),
        logTypes,
        encryption,
        net == null ? null : net.serviceIpv4Cidr(),
        net == null ? null : net.ipFamilyAsString(),
        c.accessConfig() == null ? null : c.accessConfig().authenticationModeAsString(),
        c.tags());
  }

  private static Observed.Nodegroup toNodegroup(Nodegroup ng) {
    var sc = ng.scalingConfig();
    return new Observed.Nodegroup(
        ng.nodegroupName(),
        ng.statusAsString(),
        ng.instanceTypes(),
        sc == null || sc.minSize() == null ? 0 : sc.minSize(),
        sc == null || sc.maxSize() == null ? 0 : sc.maxSize(),
        sc == null || sc.desiredSize() == null ? 0 : sc.desiredSize(),
        ng.labels(),
        ng.taints().stream()
            .map(t -> new Observed.Taint(t.key(), t.value(), t.effectAsString()))
            .toList(),
        ng.subnets(),
        ng.nodeRole(),
        ng.amiTypeAsString(),
        ng.capacityTypeAsString(),
        ng.diskSize(),
        ng.tags(),
        ng.health() == null
            ? List.of()
            : ng.health().issues().stream()
                .map(i -> i.codeAsString() + ": " + i.message())
                .toList(),
        ng.updateConfig() == null
            ? null
            : new Observed.UpdateConfig(
                ng.updateConfig().maxUnavailable(),
                ng.updateConfig().maxUnavailablePercentage(),
                ng.updateConfig().updateStrategyAsString()),
        ng.launchTemplate() == null
            ? null
            : new Observed.LaunchTemplateRef(
                ng.launchTemplate().id(),
                ng.launchTemplate().name(),
                ng.launchTemplate().version()));
  }

  private static String date(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static <T> Optional<T> absentIfNotFound(Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private static final Pattern NUMBER = Pattern.compile("\\d+");

  /** Add-on versions ({@code v1.19.2-eksbuild.1}) compared number by number, newest first. */
  static final Comparator<String> NEWEST_FIRST =
      ((Comparator<String>)
              (a, b) -> {
                Matcher x = NUMBER.matcher(a);
                Matcher y = NUMBER.matcher(b);
                while (true) {
                  boolean hx = x.find();
                  boolean hy = y.find();
                  if (!hx || !hy) {
                    return Boolean.compare(hx, hy);
                  }
                  int c =
                      new java.math.BigInteger(x.group())
                          .compareTo(new java.math.BigInteger(y.group()));
                  if (c != 0) {
                    return c;
                  }
                }
              })
          .reversed();
}
