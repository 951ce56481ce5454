package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** EKS clusters: CreateCluster, DescribeCluster, ListClusters, DeleteCluster and fleet seeding. */
public final class EksClusters {
  private final World world;
  private final EksControlPlane eks;
  private final Map<String, Cluster> clusters = new TreeMap<>();
  private int quota = 10_000;

  /** What CreateCluster asks for; {@code config} null means EKS's defaults. */
  public record ClusterSpec(
      String name,
      String version,
      String roleArn,
      List<String> subnetIds,
      List<String> securityGroupIds,
      Map<String, String> tags,
      String team,
      ClusterConfig config) {}

  EksClusters(World world, EksControlPlane eks) {
    this.world = world;
    this.eks = eks;
  }

  /** Sets the per-region cluster quota (ResourceLimitExceededException beyond it). */
  public void setQuota(int quota) {
    this.quota = quota;
  }

  public Cluster create(ClusterSpec spec, String token) {
    EksControlPlane.requireName(spec.name(), "name");
    Optional<Cluster> replay =
        eks.replay("CreateCluster", "", spec.name(), token, spec.name(), clusters::get);
    if (replay.isPresent()) {
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
    if (clusters.size() >= quota) {
      throw new SimError(
          ErrorKind.LIMIT_EXCEEDED,
          "Cluster limit exceeded for account " + world.accountId() + ": " + quota);
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
    eks.remember("CreateCluster", "", token, c.name);
    eks.record("CreateCluster", c.name, token, "created", null);
    return c;
  }

  /** Adds an ACTIVE cluster directly (fleet seeding); no journal entry. */
  public Cluster seed(ClusterSpec spec) {
    Cluster c = newCluster(spec, null);
    c.status = Cluster.Status.ACTIVE;
    return c;
  }

  private Cluster newCluster(ClusterSpec spec, String token) {
    Cluster c = new Cluster();
    c.name = spec.name();
    c.arn = eks.arn("cluster/" + spec.name());
    String version = spec.version() != null ? spec.version() : defaultVersion();
    c.version = version;
    c.platformVersion =
        world.catalog().version(version).map(Catalog.VersionInfo::platformVersion).orElse("eks.1");
    c.roleArn = spec.roleArn();
    c.createdAt = world.now();
    c.subnetIds = new ArrayList<>(spec.subnetIds() == null ? List.of() : spec.subnetIds());
    SubnetIps subnets = eks.subnets();
    c.subnetIds.forEach(subnets::findOrDeclare);
    c.vpcId =
        c.subnetIds.isEmpty() ? "vpc-undeclared" : subnets.findOrDeclare(c.subnetIds.get(0)).vpcId;
    c.securityGroupIds =
        new ArrayList<>(spec.securityGroupIds() == null ? List.of() : spec.securityGroupIds());
    c.clusterSecurityGroupId = "sg-" + SimIds.shortId(c.name, 17);
    c.tags = new LinkedHashMap<>(spec.tags() == null ? Map.of() : spec.tags());
    c.team = spec.team() != null ? spec.team() : c.tags.get("team");
    c.clientRequestToken = token;
    if (spec.config() != null) {
      spec.config().applyTo(c);
    }
    clusters.put(c.name, c);
    world.securityGroups().createClusterGroup(c);
    world.kubeStore(c.name).setKubernetesVersion(version);
    return c;
  }

  private String defaultVersion() {
    List<Catalog.VersionInfo> versions = world.catalog().versions();
    return versions.stream()
        .filter(Catalog.VersionInfo::isDefault)
        .map(Catalog.VersionInfo::version)
        .findFirst()
        .orElse(versions.get(versions.size() - 1).version());
  }

  public Cluster describe(String name) {
    Cluster c = clusters.get(name);
    if (c == null) {
      throw SimError.notFound("No cluster found for name: " + name + ".");
    }
    return c;
  }

  public Optional<Cluster> find(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public List<Cluster> list() {
    return List.copyOf(clusters.values());
  }

  public Cluster delete(String name) {
    Cluster c = describe(name);
    if (!c.nodeGroups.isEmpty()) {
      throw SimError.inUse("Cluster has nodegroups attached");
    }
    if (c.status == Cluster.Status.CREATING) {
      throw SimError.inUse("Cannot delete because cluster " + name + " currently has an update");
    }
    String note = eks.violationIfWeighted(name);
    if (c.status != Cluster.Status.DELETING) {
      c.status = Cluster.Status.DELETING;
      world.scheduleUnlessStuck(
          world.lifecycles().clusterDelete(),
          c.name,
          () -> {
            clusters.remove(c.name);
            world.dropKubeStore(c.name);
            world.securityGroups().deleteClusterGroup(c);
          });
    }
    eks.record("DeleteCluster", name, null, "ok", note);
    return c;
  }
}
