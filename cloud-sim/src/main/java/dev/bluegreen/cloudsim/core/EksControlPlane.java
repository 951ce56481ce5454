package dev.bluegreen.cloudsim.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The simulated EKS control plane: clusters, managed node groups, add-ons, access entries and
 * upgrade insights, with asynchronous lifecycles and clientRequestToken idempotency.
 */
public final class EksControlPlane {
  /** VPC CNI reserves roughly this many IPs per node (one ENI's worth of warm pod IPs). */
  public static final int IPS_PER_NODE = 30;

  /** Free IPs assumed for a subnet the fleet file did not declare. */
  public static final int UNDECLARED_SUBNET_FREE_IPS = 8187;

  private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$");
  private static final int NODEGROUPS_PER_CLUSTER = 30;
  private static final int NODES_MATERIALISED_PER_GROUP = 10;

  private final World world;
  private final Map<String, Cluster> clusters = new TreeMap<>();
  private final Map<String, Subnet> subnets = new LinkedHashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private int clusterQuota = 10_000;

  /** What CreateCluster asks for; {@code config} null means EKS's defaults. */
  public record ClusterSpec(
      String name,
      String version,
      String roleArn,
      List<String> subnetIds,
      List<String> securityGroupIds,
      Map<String, String> tags,
      String team,
      ClusterConfig config) {

    /** A cluster with EKS's default control-plane configuration. */
    public ClusterSpec(
        String name,
        String version,
        String roleArn,
        List<String> subnetIds,
        List<String> securityGroupIds,
        Map<String, String> tags,
        String team) {
      this(name, version, roleArn, subnetIds, securityGroupIds, tags, team, null);
    }
  }

  /**
   * The control-plane configuration CreateCluster may set; a null field takes EKS's default (public
   * endpoint only, open to 0.0.0.0/0, no control-plane logs, no secrets encryption, services in
   * 172.20.0.0/16 over IPv4, authentication mode API_AND_CONFIG_MAP).
   */
  public record ClusterConfig(
      Boolean endpointPublicAccess,
      Boolean endpointPrivateAccess,
      List<String> publicAccessCidrs,
      List<String> enabledLogTypes,
      List<Encryption> encryption,
      String serviceIpv4Cidr,
      String ipFamily,
      String authenticationMode) {}

  /** Envelope encryption of cluster resources (EKS allows only {@code secrets}) with a KMS key. */
  public record Encryption(String keyArn, List<String> resources) {}

  /**
   * A node group's updateConfig: how many nodes an update may take down at once, as a count or a
   * percentage (never both), and the update strategy (DEFAULT or MINIMAL). Null fields are unset.
   */
  public record UpdateConfig(
      Integer maxUnavailable, Integer maxUnavailablePercentage, String updateStrategy) {}

  /** What CreateNodegroup asks for. */
  public record NodegroupSpec(
      String name,
      List<String> instanceTypes,
      List<String> subnets,
      Integer minSize,
      Integer maxSize,
      Integer desiredSize,
      Map<String, String> labels,
      List<NodeGroup.Taint> taints,
      String nodeRole,
      String amiType,
      String capacityType,
      Integer diskSize,
      String version,
      String releaseVersion,
      Map<String, String> tags,
      UpdateConfig updateConfig) {

    /** A node group with EKS's default updateConfig (one node unavailable at a time). */
    public NodegroupSpec(
        String name,
        List<String> instanceTypes,
        List<String> subnets,
        Integer minSize,
        Integer maxSize,
        Integer desiredSize,
        Map<String, String> labels,
        List<NodeGroup.Taint> taints,
        String nodeRole,
        String amiType,
        String capacityType,
        Integer diskSize,
        String version,
        String releaseVersion,
        Map<String, String> tags) {
      this(
          name,
          instanceTypes,
          subnets,
          minSize,
          maxSize,
          desiredSize,
          labels,
          taints,
          nodeRole,
          amiType,
          capacityType,
          diskSize,
          version,
          releaseVersion,
          tags,
          null);
    }
  }

  /** What UpdateNodegroupConfig asks for; null fields are left unchanged. */
  public record NodegroupConfigChange(
      Integer minSize,
      Integer maxSize,
      Integer desiredSize,
      Map<String, String> addOrUpdateLabels,
      List<String> removeLabels,
      List<NodeGroup.Taint> addOrUpdateTaints,
      List<NodeGroup.Taint> removeTaints,
      UpdateConfig updateConfig) {

    /** A change that leaves the updateConfig alone. */
    public NodegroupConfigChange(
        Integer minSize,
        Integer maxSize,
        Integer desiredSize,
        Map<String, String> addOrUpdateLabels,
        List<String> removeLabels,
        List<NodeGroup.Taint> addOrUpdateTaints,
        List<NodeGroup.Taint> removeTaints) {
      this(
          minSize,
          maxSize,
          desiredSize,
          addOrUpdateLabels,
          removeLabels,
          addOrUpdateTaints,
          removeTaints,
          null);
    }
  }

  /**
   * The scope AssociateAccessPolicy asks for.
   *
   * @param type {@code cluster} or {@code namespace}
   * @param namespaces required for {@code namespace}, refused for {@code cluster}
   */
  public record AccessScope(String type, List<String> namespaces) {}

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

  EksControlPlane(World world) {
    this.world = world;
  }

  /** Sets the per-region cluster quota (ResourceLimitExceededException beyond it). */
  public void setClusterQuota(int quota) {
    this.clusterQuota = quota;
  }

  // ---------------------------------------------------------------- subnets

  public Subnet declareSubnet(String id, String vpcId, String az, int freeIps) {
    Subnet s = new Subnet();
    s.id = id;
    s.vpcId = vpcId;
    s.availabilityZone = az;
    s.freeIps = freeIps;
    subnets.put(id, s);
    return s;
  }

  public Optional<Subnet> subnet(String id) {
    return Optional.ofNullable(subnets.get(id));
  }

  public List<Subnet> subnets() {
    return List.copyOf(subnets.values());
  }

  private Subnet subnetOrDeclare(String id) {
    return subnets.computeIfAbsent(
        id,
        k -> {
          Subnet s = new Subnet();
          s.id = k;
          s.vpcId = "vpc-undeclared";
          s.availabilityZone = world.region() + "a";
          s.freeIps = UNDECLARED_SUBNET_FREE_IPS;
          return s;
        });
  }

  // ---------------------------------------------------------------- clusters

  public Cluster createCluster(ClusterSpec spec, String token) {
    requireName(spec.name(), "name");
    Optional<Cluster> replay = replay("CreateCluster", "", token, spec.name(), clusters::get);
    if (replay.isPresent()) {
      record("CreateCluster", spec.name(), token, "replayed", null);
      return replay.get();
    }
    if (spec.version() != null && world.catalog().version(spec.version()).isEmpty()) {
      throw SimError.invalid("unsupported Kubernetes version " + spec.version());
    }
    if (spec.roleArn() == null || spec.roleArn().isBlank()) {
      throw SimError.invalid("roleArn is required");
    }
    if (spec.subnetIds() == null || spec.subnetIds().size() < 2) {
      throw SimError.invalid(
          "Subnets specified must be in at least two different AZs (give at least 2 subnets)");
    }
    if (clusters.containsKey(spec.name())) {
      throw SimError.inUse("Cluster already exists with name: " + spec.name());
    }
    if (clusters.size() >= clusterQuota) {
      throw new SimError(
          ErrorKind.LIMIT_EXCEEDED,
          "Cluster limit exceeded for account " + world.accountId() + ": " + clusterQuota);
    }
    Cluster c = newCluster(spec, token);
    c.status = Cluster.Status.CREATING;
    world.scheduleUnlessStuck(
        world.lifecycles().clusterCreate(),
        c.name,
        () -> {
          if (c.status == Cluster.Status.CREATING) {
            c.status = Cluster.Status.ACTIVE;
          }
        });
    rememberToken("CreateCluster", "", token, c.name);
    record("CreateCluster", c.name, token, "created", null);
    return c;
  }

  /** Adds an ACTIVE cluster directly (fleet seeding); no journal entry. */
  public Cluster seedCluster(ClusterSpec spec) {
    Cluster c = newCluster(spec, null);
    c.status = Cluster.Status.ACTIVE;
    return c;
  }

  private Cluster newCluster(ClusterSpec spec, String token) {
    Cluster c = new Cluster();
    c.name = spec.name();
    c.arn = arn("cluster/" + spec.name());
    String version = spec.version() != null ? spec.version() : defaultVersion();
    c.version = version;
    c.platformVersion =
        world.catalog().version(version).map(Catalog.VersionInfo::platformVersion).orElse("eks.1");
    c.roleArn = spec.roleArn();
    c.createdAt = world.now();
    c.subnetIds = new ArrayList<>(spec.subnetIds() == null ? List.of() : spec.subnetIds());
    c.subnetIds.forEach(this::subnetOrDeclare);
    c.vpcId = c.subnetIds.isEmpty() ? "vpc-undeclared" : subnets.get(c.subnetIds.get(0)).vpcId;
    c.securityGroupIds =
        new ArrayList<>(spec.securityGroupIds() == null ? List.of() : spec.securityGroupIds());
    c.clusterSecurityGroupId = "sg-" + shortId(c.name, 17);
    c.tags = new LinkedHashMap<>(spec.tags() == null ? Map.of() : spec.tags());
    c.team = spec.team() != null ? spec.team() : c.tags.get("team");
    c.clientRequestToken = token;
    applyConfig(c, spec.config());
    clusters.put(c.name, c);
    KubeStore store = world.kubeStore(c.name);
    store.setKubernetesVersion(version);
    return c;
  }

  private static final List<String> LOG_TYPES =
      List.of("api", "audit", "authenticator", "controllerManager", "scheduler");
  private static final Pattern IPV4_CIDR =
      Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");

  /** Validates CreateCluster's control-plane configuration as EKS does, and stores it. */
  private static void applyConfig(Cluster c, ClusterConfig cfg) {
    if (cfg == null) {
      return;
    }
    boolean publicAccess =
        cfg.endpointPublicAccess() == null ? c.endpointPublicAccess : cfg.endpointPublicAccess();
    boolean privateAccess =
        cfg.endpointPrivateAccess() == null ? c.endpointPrivateAccess : cfg.endpointPrivateAccess();
    if (!publicAccess && !privateAccess) {
      throw SimError.invalid(
          "Cluster must have either public or private endpoint access enabled (or both)");
    }
    List<String> cidrs = cfg.publicAccessCidrs();
    if (cidrs != null && !cidrs.isEmpty()) {
      for (String cidr : cidrs) {
        if (!isIpv4Cidr(cidr)) {
          throw SimError.invalid("The public access CIDR " + cidr + " is not a valid IPv4 CIDR");
        }
      }
      c.publicAccessCidrs = new ArrayList<>(cidrs);
    }
    List<String> logTypes = cfg.enabledLogTypes() == null ? List.of() : cfg.enabledLogTypes();
    for (String t : logTypes) {
      if (!LOG_TYPES.contains(t)) {
        throw SimError.invalid("Unknown log type " + t + "; valid types are " + LOG_TYPES);
      }
    }
    List<Encryption> encryption = cfg.encryption() == null ? List.of() : cfg.encryption();
    if (encryption.size() > 1) {
      throw SimError.invalid("Only one encryption configuration is allowed");
    }
    for (Encryption e : encryption) {
      if (e.keyArn() == null || !e.keyArn().startsWith("arn:aws:kms:")) {
        throw SimError.invalid("Encryption provider keyArn must be a KMS key ARN: " + e.keyArn());
      }
      if (!List.of("secrets").equals(e.resources())) {
        throw SimError.invalid("Encryption resources must be [secrets], got " + e.resources());
      }
    }
    if (cfg.ipFamily() != null && !List.of("ipv4", "ipv6").contains(cfg.ipFamily())) {
      throw SimError.invalid("ipFamily must be ipv4 or ipv6");
    }
    if (cfg.serviceIpv4Cidr() != null && !isServiceCidr(cfg.serviceIpv4Cidr())) {
      throw SimError.invalid(
          "serviceIpv4Cidr "
              + cfg.serviceIpv4Cidr()
              + " must be within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, between /12 and"
              + " /24");
    }
    if (cfg.authenticationMode() != null
        && !List.of("API", "API_AND_CONFIG_MAP", "CONFIG_MAP").contains(cfg.authenticationMode())) {
      throw SimError.invalid("Unknown authenticationMode " + cfg.authenticationMode());
    }
    c.endpointPublicAccess = publicAccess;
    c.endpointPrivateAccess = privateAccess;
    c.enabledLogTypes = new ArrayList<>(logTypes);
    c.encryption = new ArrayList<>(encryption);
    if (cfg.serviceIpv4Cidr() != null) {
      c.serviceIpv4Cidr = cfg.serviceIpv4Cidr();
    }
    if (cfg.ipFamily() != null) {
      c.ipFamily = cfg.ipFamily();
    }
    if (cfg.authenticationMode() != null) {
      c.authenticationMode = cfg.authenticationMode();
    }
  }

  private static int[] cidr(String s) {
    var m = IPV4_CIDR.matcher(s == null ? "" : s);
    if (!m.matches()) {
      return null;
    }
    int[] parts = new int[5];
    for (int i = 0; i < 5; i++) {
      parts[i] = Integer.parseInt(m.group(i + 1));
    }
    for (int i = 0; i < 4; i++) {
      if (parts[i] > 255) {
        return null;
      }
    }
    return parts[4] > 32 ? null : parts;
  }

  private static boolean isIpv4Cidr(String s) {
    return cidr(s) != null;
  }

  private static boolean isServiceCidr(String s) {
    int[] p = cidr(s);
    if (p == null || p[4] < 12 || p[4] > 24) {
      return false;
    }
    return p[0] == 10
        || (p[0] == 172 && p[1] >= 16 && p[1] <= 31 && p[4] >= 12)
        || (p[0] == 192 && p[1] == 168 && p[4] >= 16);
  }

  private String defaultVersion() {
    return world.catalog().versions().stream()
        .filter(Catalog.VersionInfo::isDefault)
        .map(Catalog.VersionInfo::version)
        .findFirst()
        .orElse(world.catalog().versions().get(world.catalog().versions().size() - 1).version());
  }

  public Cluster describeCluster(String name) {
    Cluster c = clusters.get(name);
    if (c == null) {
      throw SimError.notFound("No cluster found for name: " + name + ".");
    }
    return c;
  }

  public Optional<Cluster> findCluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public List<Cluster> clusters() {
    return List.copyOf(clusters.values());
  }

  public Cluster deleteCluster(String name) {
    Cluster c = describeCluster(name);
    if (!c.nodeGroups.isEmpty()) {
      throw SimError.inUse("Cluster has nodegroups attached");
    }
    if (c.status == Cluster.Status.CREATING) {
      throw SimError.inUse("Cannot delete because cluster " + name + " currently has an update");
    }
    String note = world.loadBalancing().weightSentTo(name).map(w -> "VIOLATION: " + w).orElse(null);
    if (c.status != Cluster.Status.DELETING) {
      c.status = Cluster.Status.DELETING;
      world.scheduleUnlessStuck(
          world.lifecycles().clusterDelete(),
          c.name,
          () -> {
            clusters.remove(c.name);
            world.dropKubeStore(c.name);
          });
    }
    record("DeleteCluster", name, null, "ok", note);
    return c;
  }

  // ---------------------------------------------------------------- node groups

  public NodeGroup createNodegroup(String clusterName, NodegroupSpec spec, String token) {
    Cluster c = describeCluster(clusterName);
    requireName(spec.name(), "nodegroupName");
    Optional<NodeGroup> replay =
        replay("CreateNodegroup", clusterName, token, spec.name(), c.nodeGroups::get);
    if (replay.isPresent()) {
      record("CreateNodegroup", clusterName + "/" + spec.name(), token, "replayed", null);
      return replay.get();
    }
    if (c.status != Cluster.Status.ACTIVE) {
      throw SimError.inUse("Cluster '" + clusterName + "' is not in ACTIVE status");
    }
    if (c.nodeGroups.containsKey(spec.name())) {
      throw SimError.inUse("NodeGroup already exists with name " + spec.name());
    }
    if (c.nodeGroups.size() >= NODEGROUPS_PER_CLUSTER) {
      throw new SimError(ErrorKind.LIMIT_EXCEEDED, "Nodegroups limit exceeded");
    }
    if (spec.nodeRole() == null || spec.nodeRole().isBlank()) {
      throw SimError.invalid("nodeRole is required");
    }
    if (spec.subnets() == null || spec.subnets().isEmpty()) {
      throw SimError.invalid("subnets is required");
    }
    NodeGroup ng = newNodegroup(c, spec, token);
    ng.status = NodeGroup.Status.CREATING;
    int needed = ng.desiredSize * IPS_PER_NODE;
    int free = ng.subnets.stream().mapToInt(s -> subnetOrDeclare(s).freeIps).sum();
    world.scheduleUnlessStuck(
        world.lifecycles().nodegroupCreate(),
        c.name + "/" + ng.name,
        () -> {
          if (ng.status != NodeGroup.Status.CREATING) {
            return;
          }
          if (free < needed) {
            ng.status = NodeGroup.Status.CREATE_FAILED;
            ng.healthIssues.add(
                new NodeGroup.HealthIssue(
                    "InsufficientFreeAddresses",
                    "One or more of the subnets associated with your node group does not have"
                        + " enough available IP addresses for new nodes."));
            return;
          }
          reserveIps(ng, needed);
          ng.status = NodeGroup.Status.ACTIVE;
          materialiseNodes(c, ng);
        });
    rememberToken("CreateNodegroup", clusterName, token, ng.name);
    record("CreateNodegroup", clusterName + "/" + ng.name, token, "created", null);
    return ng;
  }

  /** Adds an ACTIVE node group directly (fleet seeding); reserves IPs, creates nodes. */
  public NodeGroup seedNodegroup(String clusterName, NodegroupSpec spec) {
    Cluster c = describeCluster(clusterName);
    NodeGroup ng = newNodegroup(c, spec, null);
    ng.status = NodeGroup.Status.ACTIVE;
    reserveIps(ng, ng.desiredSize * IPS_PER_NODE);
    materialiseNodes(c, ng);
    return ng;
  }

  private NodeGroup newNodegroup(Cluster c, NodegroupSpec spec, String token) {
    NodeGroup ng = new NodeGroup();
    ng.name = spec.name();
    ng.clusterName = c.name;
    ng.arn = arn("nodegroup/" + c.name + "/" + ng.name + "/" + uuid(c.name + ng.name));
    ng.version = spec.version() != null ? spec.version() : c.version;
    ng.releaseVersion =
        spec.releaseVersion() != null ? spec.releaseVersion() : ng.version + ".0-20251101";
    ng.createdAt = world.now();
    ng.modifiedAt = ng.createdAt;
    ng.instanceTypes =
        new ArrayList<>(
            spec.instanceTypes() == null || spec.instanceTypes().isEmpty()
                ? List.of("t3.medium")
                : spec.instanceTypes());
    ng.subnets = new ArrayList<>(spec.subnets() == null ? c.subnetIds : spec.subnets());
    ng.minSize = spec.minSize() == null ? 1 : spec.minSize();
    ng.maxSize = spec.maxSize() == null ? 2 : spec.maxSize();
    ng.desiredSize = spec.desiredSize() == null ? ng.minSize : spec.desiredSize();
    if (ng.minSize > ng.desiredSize || ng.desiredSize > ng.maxSize || ng.maxSize < 1) {
      throw SimError.invalid(
          "scalingConfig requires minSize <= desiredSize <= maxSize, maxSize >= 1");
    }
    ng.labels = new LinkedHashMap<>(spec.labels() == null ? Map.of() : spec.labels());
    ng.taints = new ArrayList<>(spec.taints() == null ? List.of() : spec.taints());
    ng.nodeRole = spec.nodeRole();
    if (spec.amiType() != null) {
      ng.amiType = spec.amiType();
    }
    if (spec.capacityType() != null) {
      ng.capacityType = spec.capacityType();
    }
    ng.diskSize = spec.diskSize();
    if (spec.updateConfig() != null) {
      validateUpdateConfig(spec.updateConfig());
      applyUpdateConfig(ng, spec.updateConfig());
    }
    ng.tags = new LinkedHashMap<>(spec.tags() == null ? Map.of() : spec.tags());
    ng.clientRequestToken = token;
    c.nodeGroups.put(ng.name, ng);
    return ng;
  }

  /** EKS: one of maxUnavailable (1-100 nodes) or maxUnavailablePercentage (1-100), not both. */
  private static void validateUpdateConfig(UpdateConfig u) {
    if (u.maxUnavailable() != null && u.maxUnavailablePercentage() != null) {
      throw SimError.invalid(
          "Only one of maxUnavailable or maxUnavailablePercentage can be specified in"
              + " updateConfig");
    }
    if (u.maxUnavailable() != null && (u.maxUnavailable() < 1 || u.maxUnavailable() > 100)) {
      throw SimError.invalid("updateConfig.maxUnavailable must be between 1 and 100");
    }
    if (u.maxUnavailablePercentage() != null
        && (u.maxUnavailablePercentage() < 1 || u.maxUnavailablePercentage() > 100)) {
      throw SimError.invalid("updateConfig.maxUnavailablePercentage must be between 1 and 100");
    }
    if (u.updateStrategy() != null && !List.of("DEFAULT", "MINIMAL").contains(u.updateStrategy())) {
      throw SimError.invalid("updateConfig.updateStrategy must be DEFAULT or MINIMAL");
    }
  }

  /** A count replaces a percentage and the other way round; the strategy is kept unless given. */
  private static void applyUpdateConfig(NodeGroup ng, UpdateConfig u) {
    if (u.maxUnavailable() != null) {
      ng.maxUnavailable = u.maxUnavailable();
      ng.maxUnavailablePercentage = null;
    } else if (u.maxUnavailablePercentage() != null) {
      ng.maxUnavailablePercentage = u.maxUnavailablePercentage();
      ng.maxUnavailable = null;
    }
    if (u.updateStrategy() != null) {
      ng.updateStrategy = u.updateStrategy();
    }
  }

  private void reserveIps(NodeGroup ng, int needed) {
    int left = needed;
    for (String id : ng.subnets) {
      Subnet s = subnetOrDeclare(id);
      int take = Math.min(left, s.freeIps);
      s.freeIps -= take;
      left -= take;
      ng.reservedIps += take;
    }
  }

  private void releaseIps(NodeGroup ng) {
    if (!ng.subnets.isEmpty()) {
      subnetOrDeclare(ng.subnets.get(0)).freeIps += ng.reservedIps;
    }
    ng.reservedIps = 0;
  }

  private void materialiseNodes(Cluster c, NodeGroup ng) {
    KubeStore store = world.kubeStore(c.name);
    store.removeNodesOf(ng.name);
    int count = Math.min(ng.desiredSize, NODES_MATERIALISED_PER_GROUP);
    for (int i = 0; i < count; i++) {
      store.putNode(ng, i);
    }
  }

  public NodeGroup describeNodegroup(String clusterName, String name) {
    Cluster c = describeCluster(clusterName);
    NodeGroup ng = c.nodeGroups.get(name);
    if (ng == null) {
      throw SimError.notFound("No node group found for name: " + name + ".");
    }
    return ng;
  }

  public List<String> listNodegroups(String clusterName) {
    return List.copyOf(describeCluster(clusterName).nodeGroups.keySet());
  }

  public NodeGroup deleteNodegroup(String clusterName, String name) {
    Cluster c = describeCluster(clusterName);
    NodeGroup ng = describeNodegroup(clusterName, name);
    if (ng.status == NodeGroup.Status.CREATING || ng.status == NodeGroup.Status.UPDATING) {
      throw SimError.inUse("Nodegroup " + name + " is currently " + ng.status);
    }
    String note =
        world.loadBalancing().weightSentTo(clusterName).map(w -> "VIOLATION: " + w).orElse(null);
    if (ng.status != NodeGroup.Status.DELETING) {
      ng.status = NodeGroup.Status.DELETING;
      world.scheduleUnlessStuck(
          world.lifecycles().nodegroupDelete(),
          c.name + "/" + ng.name,
          () -> {
            c.nodeGroups.remove(ng.name);
            releaseIps(ng);
            if (world.hasKubeApi(c.name)) {
              world.kubeStore(c.name).removeNodesOf(ng.name);
            }
          });
    }
    record("DeleteNodegroup", clusterName + "/" + name, null, "ok", note);
    return ng;
  }

  public Update updateNodegroupConfig(
      String clusterName, String name, NodegroupConfigChange change, String token) {
    NodeGroup ng = describeNodegroup(clusterName, name);
    Cluster c = describeCluster(clusterName);
    Optional<Update> replay =
        replay(
            "UpdateNodegroupConfig",
            clusterName + "/" + name,
            token,
            null,
            id -> c.updates.get(id));
    if (replay.isPresent()) {
      record("UpdateNodegroupConfig", clusterName + "/" + name, token, "replayed", null);
      return replay.get();
    }
    if (ng.status != NodeGroup.Status.ACTIVE) {
      throw SimError.inUse("Nodegroup " + name + " is not ACTIVE (" + ng.status + ")");
    }
    int min = change.minSize() != null ? change.minSize() : ng.minSize;
    int max = change.maxSize() != null ? change.maxSize() : ng.maxSize;
    int desired = change.desiredSize() != null ? change.desiredSize() : ng.desiredSize;
    if (min > desired || desired > max || max < 1) {
      throw SimError.invalid("scalingConfig requires minSize <= desiredSize <= maxSize");
    }
    if (change.updateConfig() != null) {
      validateUpdateConfig(change.updateConfig());
    }
    Update u = new Update();
    u.id = uuid(clusterName + name + world.now() + c.updates.size());
    u.type = "ConfigUpdate";
    u.status = "InProgress";
    u.createdAt = world.now();
    u.nodegroupName = name;
    if (change.desiredSize() != null) {
      u.params.put("DesiredSize", String.valueOf(desired));
    }
    if (change.minSize() != null) {
      u.params.put("MinSize", String.valueOf(min));
    }
    if (change.maxSize() != null) {
      u.params.put("MaxSize", String.valueOf(max));
    }
    if (change.updateConfig() != null) {
      UpdateConfig uc = change.updateConfig();
      if (uc.maxUnavailable() != null) {
        u.params.put("MaxUnavailable", String.valueOf(uc.maxUnavailable()));
      }
      if (uc.maxUnavailablePercentage() != null) {
        u.params.put("MaxUnavailablePercentage", String.valueOf(uc.maxUnavailablePercentage()));
      }
      if (uc.updateStrategy() != null) {
        u.params.put("UpdateStrategy", uc.updateStrategy());
      }
    }
    c.updates.put(u.id, u);
    ng.status = NodeGroup.Status.UPDATING;
    world.scheduleUnlessStuck(
        world.lifecycles().nodegroupUpdate(),
        c.name + "/" + ng.name,
        () -> {
          int extra = (desired - ng.desiredSize) * IPS_PER_NODE;
          if (extra > 0) {
            reserveIps(ng, extra);
          }
          ng.minSize = min;
          ng.maxSize = max;
          ng.desiredSize = desired;
          if (change.addOrUpdateLabels() != null) {
            ng.labels.putAll(change.addOrUpdateLabels());
          }
          if (change.removeLabels() != null) {
            change.removeLabels().forEach(ng.labels::remove);
          }
          if (change.removeTaints() != null) {
            change.removeTaints().forEach(t -> ng.taints.removeIf(x -> x.key().equals(t.key())));
          }
          if (change.addOrUpdateTaints() != null) {
            for (NodeGroup.Taint t : change.addOrUpdateTaints()) {
              ng.taints.removeIf(x -> x.key().equals(t.key()));
              ng.taints.add(t);
            }
          }
          if (change.updateConfig() != null) {
            applyUpdateConfig(ng, change.updateConfig());
          }
          ng.modifiedAt = world.now();
          ng.status = NodeGroup.Status.ACTIVE;
          u.status = "Successful";
          materialiseNodes(c, ng);
        });
    rememberToken("UpdateNodegroupConfig", clusterName + "/" + name, token, u.id);
    record("UpdateNodegroupConfig", clusterName + "/" + name, token, "ok", u.params.toString());
    return u;
  }

  public Update describeUpdate(String clusterName, String updateId) {
    Update u = describeCluster(clusterName).updates.get(updateId);
    if (u == null) {
      throw SimError.notFound("No update found for ID: " + updateId);
    }
    return u;
  }

  // ---------------------------------------------------------------- add-ons

  public Addon createAddon(
      String clusterName,
      String addonName,
      String version,
      String serviceAccountRoleArn,
      String configurationValues,
      Map<String, String> tags,
      String token) {
    Cluster c = describeCluster(clusterName);
    Optional<Addon> replay = replay("CreateAddon", clusterName, token, addonName, c.addons::get);
    if (replay.isPresent()) {
      record("CreateAddon", clusterName + "/" + addonName, token, "replayed", null);
      return replay.get();
    }
    Catalog.AddonInfo info =
        world
            .catalog()
            .addon(addonName)
            .orElseThrow(
                () -> SimError.invalid("Addon " + addonName + " specified is not supported"));
    String chosen = version != null ? version : defaultAddonVersion(info, c.version);
    boolean compatible =
        info.versions().stream()
            .anyMatch(
                v -> v.version().equals(chosen) && v.kubernetesVersions().contains(c.version));
    if (!compatible) {
      throw SimError.invalid(
          "Addon version " + chosen + " specified is not supported in " + c.version + " cluster");
    }
    if (c.addons.containsKey(addonName)) {
      throw SimError.inUse("Addon already exists.");
    }
    Addon a = newAddon(c, addonName, chosen, serviceAccountRoleArn, configurationValues, tags);
    a.status = Addon.Status.CREATING;
    world.scheduleUnlessStuck(
        world.lifecycles().addonCreate(),
        c.name + "/" + addonName,
        () -> {
          if (a.status == Addon.Status.CREATING) {
            a.status = Addon.Status.ACTIVE;
            world.kubeStore(c.name).putAddonPods(addonName);
          }
        });
    rememberToken("CreateAddon", clusterName, token, addonName);
    record("CreateAddon", clusterName + "/" + addonName, token, "created", chosen);
    return a;
  }

  /** Adds an ACTIVE add-on directly (fleet seeding). */
  public Addon seedAddon(String clusterName, String addonName, String version) {
    Cluster c = describeCluster(clusterName);
    String chosen =
        version != null
            ? version
            : world
                .catalog()
                .addon(addonName)
                .map(i -> defaultAddonVersion(i, c.version))
                .orElse("v1.0.0-eksbuild.1");
    Addon a = newAddon(c, addonName, chosen, null, null, null);
    a.status = Addon.Status.ACTIVE;
    world.kubeStore(c.name).putAddonPods(addonName);
    return a;
  }

  private Addon newAddon(
      Cluster c,
      String addonName,
      String version,
      String role,
      String config,
      Map<String, String> tags) {
    Addon a = new Addon();
    a.name = addonName;
    a.clusterName = c.name;
    a.arn = arn("addon/" + c.name + "/" + addonName + "/" + uuid(c.name + addonName));
    a.version = version;
    a.createdAt = world.now();
    a.modifiedAt = a.createdAt;
    a.serviceAccountRoleArn = role;
    a.configurationValues = config;
    a.tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    c.addons.put(addonName, a);
    return a;
  }

  private static String defaultAddonVersion(Catalog.AddonInfo info, String k8sVersion) {
    List<Catalog.AddonVersion> compatible =
        info.versions().stream().filter(v -> v.kubernetesVersions().contains(k8sVersion)).toList();
    return compatible.stream()
        .filter(Catalog.AddonVersion::isDefault)
        .reduce((a, b) -> b)
        .or(() -> compatible.stream().reduce((a, b) -> b))
        .map(Catalog.AddonVersion::version)
        .orElseThrow(
            () -> SimError.invalid("No version of " + info.name() + " supports " + k8sVersion));
  }

  public Addon describeAddon(String clusterName, String addonName) {
    Addon a = describeCluster(clusterName).addons.get(addonName);
    if (a == null) {
      throw SimError.notFound("No addon: " + addonName + " found in cluster: " + clusterName);
    }
    return a;
  }

  public List<String> listAddons(String clusterName) {
    return List.copyOf(describeCluster(clusterName).addons.keySet());
  }

  public Addon deleteAddon(String clusterName, String addonName) {
    Cluster c = describeCluster(clusterName);
    Addon a = describeAddon(clusterName, addonName);
    if (a.status != Addon.Status.DELETING) {
      a.status = Addon.Status.DELETING;
      world.scheduleUnlessStuck(
          world.lifecycles().addonDelete(),
          c.name + "/" + addonName,
          () -> c.addons.remove(addonName));
    }
    record("DeleteAddon", clusterName + "/" + addonName, null, "ok", null);
    return a;
  }

  /** Add-ons with their versions, optionally filtered by Kubernetes version and name. */
  public List<Catalog.AddonInfo> addonVersions(String kubernetesVersion, String addonName) {
    List<Catalog.AddonInfo> out = new ArrayList<>();
    for (Catalog.AddonInfo info : world.catalog().addons()) {
      if (addonName != null && !addonName.equals(info.name())) {
        continue;
      }
      List<Catalog.AddonVersion> versions =
          info.versions().stream()
              .filter(
                  v ->
                      kubernetesVersion == null
                          || v.kubernetesVersions().contains(kubernetesVersion))
              .sorted(Comparator.comparing(Catalog.AddonVersion::version).reversed())
              .toList();
      out.add(new Catalog.AddonInfo(info.name(), info.type(), versions));
    }
    return out;
  }

  // ---------------------------------------------------------------- access entries

  public AccessEntry createAccessEntry(
      String clusterName,
      String principalArn,
      List<String> groups,
      String username,
      String type,
      Map<String, String> tags,
      String token) {
    Cluster c = describeCluster(clusterName);
    if (principalArn == null || !principalArn.startsWith("arn:")) {
      throw SimError.invalid("principalArn must be an IAM principal ARN");
    }
    Optional<AccessEntry> replay =
        replay("CreateAccessEntry", clusterName, token, principalArn, c.accessEntries::get);
    if (replay.isPresent()) {
      record("CreateAccessEntry", clusterName + "/" + principalArn, token, "replayed", null);
      return replay.get();
    }
    if (c.accessEntries.containsKey(principalArn)) {
      throw SimError.inUse(
          "The specified access entry resource is already in use on this cluster.");
    }
    newAccessEntry(c, principalArn, groups, username, type, tags);
    AccessEntry e = c.accessEntries.get(principalArn);
    rememberToken("CreateAccessEntry", clusterName, token, principalArn);
    record("CreateAccessEntry", clusterName + "/" + principalArn, token, "created", null);
    return e;
  }

  /**
   * Adds an access entry with its access policies directly (fleet seeding); no journal entry. The
   * policies go through the same validation as AssociateAccessPolicy, so a fleet file cannot hold
   * what EKS would refuse.
   */
  public AccessEntry seedAccessEntry(
      String clusterName,
      String principalArn,
      List<String> groups,
      String username,
      String type,
      Map<String, AccessScope> policies) {
    Cluster c = describeCluster(clusterName);
    if (principalArn == null || !principalArn.startsWith("arn:")) {
      throw SimError.invalid("principalArn must be an IAM principal ARN");
    }
    AccessEntry e = newAccessEntry(c, principalArn, groups, username, type, Map.of());
    if (policies != null) {
      policies.forEach((policyArn, scope) -> associate(e, policyArn, scope));
    }
    return e;
  }

  private AccessEntry newAccessEntry(
      Cluster c,
      String principalArn,
      List<String> groups,
      String username,
      String type,
      Map<String, String> tags) {
    AccessEntry e = new AccessEntry();
    e.clusterName = c.name;
    e.principalArn = principalArn;
    e.arn = arn("access-entry/" + c.name + "/role/" + uuid(principalArn));
    e.kubernetesGroups = new ArrayList<>(groups == null ? List.of() : groups);
    e.username = username != null ? username : principalArn;
    if (type != null) {
      e.type = type;
    }
    e.createdAt = world.now();
    e.modifiedAt = e.createdAt;
    e.tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    c.accessEntries.put(principalArn, e);
    return e;
  }

  public AccessEntry describeAccessEntry(String clusterName, String principalArn) {
    AccessEntry e = describeCluster(clusterName).accessEntries.get(principalArn);
    if (e == null) {
      throw SimError.notFound("The specified principalArn could not be found.");
    }
    return e;
  }

  public List<String> listAccessEntries(String clusterName) {
    return describeCluster(clusterName).accessEntries.values().stream()
        .map(e -> e.principalArn)
        .toList();
  }

  public void deleteAccessEntry(String clusterName, String principalArn) {
    describeAccessEntry(clusterName, principalArn);
    describeCluster(clusterName).accessEntries.remove(principalArn);
    record("DeleteAccessEntry", clusterName + "/" + principalArn, null, "ok", null);
  }

  // ---------------------------------------------------------------- access policies

  /** EKS's managed access policies: {@code arn:aws:eks::aws:cluster-access-policy/<Name>}. */
  private static final Pattern ACCESS_POLICY_ARN =
      Pattern.compile("^arn:aws[a-z-]*:eks::aws:cluster-access-policy/[A-Za-z0-9]+$");

  /** A Kubernetes namespace name (RFC 1123 label), or a prefix ending in {@code *}. */
  private static final Pattern NAMESPACE =
      Pattern.compile("^(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?|[a-z0-9][-a-z0-9]*\\*)$");

  /**
   * AssociateAccessPolicy. EKS associates each policy at most once per access entry: the same
   * policy and scope again changes nothing (journaled {@code replayed}), the same policy with
   * another scope replaces the scope ({@code ok}), a new policy is {@code created}. The API has no
   * clientRequestToken; the association itself is the natural key.
   */
  public AccessPolicyAssociation associateAccessPolicy(
      String clusterName, String principalArn, String policyArn, AccessScope scope) {
    AccessEntry e = describeAccessEntry(clusterName, principalArn);
    AccessPolicyAssociation before = e.accessPolicies.get(policyArn);
    AccessPolicyAssociation after = associate(e, policyArn, scope);
    String outcome = before == null ? "created" : before.equals(after) ? "replayed" : "ok";
    record(
        "AssociateAccessPolicy",
        clusterName + "/" + principalArn,
        null,
        outcome,
        policyArn + " " + describe(after));
    return after;
  }

  private AccessPolicyAssociation associate(AccessEntry e, String policyArn, AccessScope scope) {
    if (!"STANDARD".equals(e.type)) {
      // Not a parameter problem but the entry's nature: EKS grants the other types by itself.
      throw new SimError(
          ErrorKind.UNSUPPORTED,
          "Access policies can only be associated with access entries of type STANDARD; "
              + e.principalArn
              + " is "
              + e.type);
    }
    if (policyArn == null || !ACCESS_POLICY_ARN.matcher(policyArn).matches()) {
      throw SimError.invalid("The policyArn " + policyArn + " is not an EKS access policy ARN");
    }
    if (scope == null || scope.type() == null) {
      throw SimError.invalid("accessScope with a type (cluster or namespace) is required");
    }
    List<String> namespaces = scope.namespaces() == null ? List.of() : scope.namespaces();
    switch (scope.type()) {
      case "cluster" -> {
        if (!namespaces.isEmpty()) {
          throw SimError.invalid(
              "namespaces can only be specified for an access scope of type namespace");
        }
      }
      case "namespace" -> {
        if (namespaces.isEmpty()) {
          throw SimError.invalid("namespaces are required for an access scope of type namespace");
        }
        for (String ns : namespaces) {
          if (ns == null || ns.length() > 63 || !NAMESPACE.matcher(ns).matches()) {
            throw SimError.invalid("Invalid namespace " + ns + " in accessScope");
          }
        }
      }
      default ->
          throw SimError.invalid(
              "accessScope.type must be cluster or namespace, got " + scope.type());
    }
    AccessPolicyAssociation before = e.accessPolicies.get(policyArn);
    if (before != null && before.sameScopeAs(scope.type(), namespaces)) {
      return before;
    }
    AccessPolicyAssociation after =
        new AccessPolicyAssociation(
            policyArn,
            scope.type(),
            new ArrayList<>(new java.util.LinkedHashSet<>(namespaces)),
            before == null ? world.now() : before.associatedAt(),
            world.now());
    e.accessPolicies.put(policyArn, after);
    e.modifiedAt = world.now();
    return after;
  }

  private static String describe(AccessPolicyAssociation a) {
    return a.scopeType().equals("namespace") ? "namespace" + a.namespaces() : a.scopeType();
  }

  /** ListAssociatedAccessPolicies: an entry's policies in the order they were associated. */
  public List<AccessPolicyAssociation> listAssociatedAccessPolicies(
      String clusterName, String principalArn) {
    return List.copyOf(describeAccessEntry(clusterName, principalArn).accessPolicies.values());
  }

  // ---------------------------------------------------------------- insights

  /** One insight per Kubernetes version that removes APIs the cluster still uses. */
  public List<Insight> insights(String clusterName) {
    Cluster c = describeCluster(clusterName);
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
              uuid(c.name + "|deprecated|" + v),
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

  public Insight describeInsight(String clusterName, String id) {
    return insights(clusterName).stream()
        .filter(i -> i.id().equals(id))
        .findFirst()
        .orElseThrow(() -> SimError.notFound("No insight found for id: " + id));
  }

  private static boolean isNextMinor(String current, String other) {
    String[] a = current.split("\\.");
    String[] b = other.split("\\.");
    return a[0].equals(b[0]) && Integer.parseInt(b[1]) == Integer.parseInt(a[1]) + 1;
  }

  static int compareVersions(String a, String b) {
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

  // ---------------------------------------------------------------- helpers

  private <T> Optional<T> replay(
      String op,
      String scope,
      String token,
      String name,
      java.util.function.Function<String, T> lookup) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String previous = tokens.get(op + "|" + scope + "|" + token);
    if (previous == null) {
      return Optional.empty();
    }
    if (name != null && !previous.equals(name)) {
      throw SimError.invalid(
          "clientRequestToken " + token + " was already used with different parameters");
    }
    return Optional.ofNullable(lookup.apply(previous));
  }

  private void rememberToken(String op, String scope, String token, String resource) {
    if (token != null && !token.isBlank()) {
      tokens.put(op + "|" + scope + "|" + token, resource);
    }
  }

  private void record(String op, String resource, String token, String outcome, String note) {
    world.journal().record("eks", op, resource, token, outcome, note);
  }

  private static void requireName(String name, String field) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw SimError.invalid(
          field + " must match [0-9A-Za-z][A-Za-z0-9\\-_]* and be at most 100 characters");
    }
  }

  String arn(String resource) {
    return "arn:aws:eks:" + world.region() + ":" + world.accountId() + ":" + resource;
  }

  static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  static String shortId(String seed, int length) {
    return uuid(seed).replace("-", "").substring(0, Math.min(length, 32));
  }

  /** Lifecycle durations may be zero; visible for the adapters' retry hints. */
  Duration clusterCreateDuration() {
    return world.lifecycles().clusterCreate();
  }
}
