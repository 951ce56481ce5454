package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EKS managed node groups: CreateNodegroup (failing on subnets without free IPs),
 * DescribeNodegroup, ListNodegroups, DeleteNodegroup and fleet seeding. Their config updates are
 * {@link EksUpdates}.
 */
public final class EksNodegroups {
  private static final int NODEGROUPS_PER_CLUSTER = 30;
  private static final int NODES_MATERIALISED_PER_GROUP = 10;

  private final World world;
  private final EksControlPlane eks;

  /**
   * What CreateNodegroup asks for; {@code updateConfig} null is one node unavailable at a time,
   * {@code launchTemplate} null is none.
   */
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
      UpdateConfig updateConfig,
      LaunchTemplateRef launchTemplate) {}

  /**
   * CreateNodegroup's {@code launchTemplate}: the template by id or by name (not both) and its
   * version (null: the template's default).
   */
  public record LaunchTemplateRef(String id, String name, String version) {}

  EksNodegroups(World world, EksControlPlane eks) {
    this.world = world;
    this.eks = eks;
  }

  public NodeGroup create(String clusterName, NodegroupSpec spec, String token) {
    Cluster c = eks.clusters().describe(clusterName);
    EksControlPlane.requireName(spec.name(), "nodegroupName");
    Optional<NodeGroup> replay =
        eks.replay(
            "CreateNodegroup",
            clusterName,
            clusterName + "/" + spec.name(),
            token,
            spec.name(),
            c.nodeGroups::get);
    if (replay.isPresent()) {
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
    int needed = ng.desiredSize * SubnetIps.IPS_PER_NODE;
    int free = eks.subnets().freeIn(ng);
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
          eks.subnets().reserve(ng, needed);
          ng.status = NodeGroup.Status.ACTIVE;
          materialiseNodes(c, ng);
        });
    eks.remember("CreateNodegroup", clusterName, token, ng.name);
    eks.record("CreateNodegroup", clusterName + "/" + ng.name, token, "created", null);
    return ng;
  }

  /** Adds an ACTIVE node group directly (fleet seeding); reserves IPs, creates nodes. */
  public NodeGroup seed(String clusterName, NodegroupSpec spec) {
    Cluster c = eks.clusters().describe(clusterName);
    NodeGroup ng = newNodegroup(c, spec, null);
    ng.status = NodeGroup.Status.ACTIVE;
    eks.subnets().reserve(ng, ng.desiredSize * SubnetIps.IPS_PER_NODE);
    materialiseNodes(c, ng);
    return ng;
  }

  private NodeGroup newNodegroup(Cluster c, NodegroupSpec spec, String token) {
    NodeGroup ng = new NodeGroup();
    ng.name = spec.name();
    ng.clusterName = c.name;
    ng.arn = eks.arn("nodegroup/" + c.name + "/" + ng.name + "/" + SimIds.uuid(c.name + ng.name));
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
    if (spec.launchTemplate() != null) {
      useLaunchTemplate(ng, spec);
    }
    if (spec.updateConfig() != null) {
      spec.updateConfig().validate();
      spec.updateConfig().applyTo(ng);
    }
    ng.tags = new LinkedHashMap<>(spec.tags() == null ? Map.of() : spec.tags());
    ng.clientRequestToken = token;
    c.nodeGroups.put(ng.name, ng);
    return ng;
  }

  /** EKS's rules for a node group with a launch template: some settings belong in the template. */
  private void useLaunchTemplate(NodeGroup ng, NodegroupSpec spec) {
    LaunchTemplateRef ref = spec.launchTemplate();
    if (ref.id() != null && ref.name() != null) {
      throw SimError.invalid(
          "Either launch template ID or launch template name is required, not both");
    }
    LaunchTemplate lt;
    try {
      lt = world.launchTemplates().describe(ref.id(), ref.name());
    } catch (SimError e) {
      throw SimError.invalid(
          "Launch template " + (ref.id() != null ? ref.id() : ref.name()) + " does not exist");
    }
    long version = lt.resolve(ref.version());
    LaunchTemplateData data = lt.versions.get(version);
    if (spec.diskSize() != null) {
      throw SimError.invalid("Disk size must be specified within the launch template.");
    }
    if (data.instanceType() != null) {
      if (spec.instanceTypes() != null && !spec.instanceTypes().isEmpty()) {
        throw SimError.invalid(
            "Instance type must be specified either in the launch template or in the node group,"
                + " not both.");
      }
      ng.instanceTypes = new ArrayList<>();
    }
    if (data.imageId() != null && spec.version() != null) {
      throw SimError.invalid(
          "You cannot specify a Kubernetes version for a node group whose launch template uses a"
              + " custom AMI.");
    }
    ng.launchTemplateId = lt.id;
    ng.launchTemplateName = lt.name;
    ng.launchTemplateVersion = String.valueOf(version);
    ng.launchTemplateVersionNumber = version;
  }

  /** The node group's nodes as Kubernetes Node objects (at most ten of them). */
  void materialiseNodes(Cluster c, NodeGroup ng) {
    KubeStore store = world.kubeStore(c.name);
    store.removeNodesOf(ng.name);
    int count = Math.min(ng.desiredSize, NODES_MATERIALISED_PER_GROUP);
    for (int i = 0; i < count; i++) {
      store.putNode(ng, i);
    }
  }

  public NodeGroup describe(String clusterName, String name) {
    NodeGroup ng = eks.clusters().describe(clusterName).nodeGroups.get(name);
    if (ng == null) {
      throw SimError.notFound("No node group found for name: " + name + ".");
    }
    return ng;
  }

  public List<String> list(String clusterName) {
    return List.copyOf(eks.clusters().describe(clusterName).nodeGroups.keySet());
  }

  public NodeGroup delete(String clusterName, String name) {
    Cluster c = eks.clusters().describe(clusterName);
    NodeGroup ng = describe(clusterName, name);
    if (ng.status == NodeGroup.Status.CREATING || ng.status == NodeGroup.Status.UPDATING) {
      throw SimError.inUse("Nodegroup " + name + " is currently " + ng.status);
    }
    String note = eks.violationIfWeighted(clusterName);
    if (ng.status != NodeGroup.Status.DELETING) {
      ng.status = NodeGroup.Status.DELETING;
      world.scheduleUnlessStuck(
          world.lifecycles().nodegroupDelete(),
          c.name + "/" + ng.name,
          () -> {
            c.nodeGroups.remove(ng.name);
            eks.subnets().release(ng);
            if (world.hasKubeApi(c.name)) {
              world.kubeStore(c.name).removeNodesOf(ng.name);
            }
          });
    }
    eks.record("DeleteNodegroup", clusterName + "/" + name, null, "ok", note);
    return ng;
  }
}
