package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EC2 security groups and their ingress rules, and the shared endpoints (databases, caches) they
 * guard. Each EKS cluster gets its cluster security group here when it is created, and loses it
 * when it is deleted, unless another group's rule still references it: EC2 refuses that with {@code
 * DependencyViolation}, which the journal records as a violation (the group is left behind).
 */
public final class SecurityGroups {
  /** Tag EKS puts on the cluster security group it creates. */
  public static final String EKS_CLUSTER_TAG = "aws:eks:cluster-name";

  private final World world;
  private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  private final List<SharedEndpoint> endpoints = new ArrayList<>();
  private long ruleSeq;

  SecurityGroups(World world) {
    this.world = world;
  }

  /** Adds a group (fleet seeding and test set-up); no journal entry. */
  public SecurityGroup declare(
      String id, String name, String description, String vpcId, Map<String, String> tags) {
    if (groups.containsKey(id)) {
      throw SimError.explicit(
          "InvalidGroup.Duplicate", 400, "The security group '" + id + "' already exists");
    }
    SecurityGroup g = new SecurityGroup();
    g.id = id;
    g.name = name != null ? name : id;
    g.description = description != null ? description : g.name;
    g.vpcId = vpcId;
    g.tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    groups.put(id, g);
    return g;
  }

  /** The cluster security group EKS creates with a cluster (what DescribeCluster names). */
  void createClusterGroup(Cluster c) {
    if (groups.containsKey(c.clusterSecurityGroupId)) {
      return;
    }
    declare(
        c.clusterSecurityGroupId,
        "eks-cluster-sg-" + c.name,
        "EKS created security group applied to ENI that is attached to EKS Control Plane master"
            + " nodes, as well as any managed workloads.",
        c.vpcId,
        Map.of(EKS_CLUSTER_TAG, c.name, "kubernetes.io/cluster/" + c.name, "owned"));
  }

  /**
   * Deletes a deleted cluster's group, as EKS does at the end of DeleteCluster. A group still
   * referenced by another group's rule stays, journaled as a violation: real EC2 refuses with
   * DependencyViolation, and the group (with the rules that reference it) is orphaned.
   */
  void deleteClusterGroup(Cluster c) {
    String id = c.clusterSecurityGroupId;
    if (!groups.containsKey(id)) {
      return;
    }
    List<String> referencing = referencing(id);
    if (!referencing.isEmpty()) {
      world
          .journal()
          .record(
              "ec2",
              "DeleteSecurityGroup",
              id,
              null,
              "error:DependencyViolation",
              "VIOLATION: cluster "
                  + c.name
                  + "'s security group is still referenced by "
                  + String.join(", ", referencing));
      return;
    }
    groups.remove(id);
    world.journal().record("ec2", "DeleteSecurityGroup", id, null, "ok", null);
  }

  /** Ids of the rules of other groups that reference {@code groupId}. */
  public List<String> referencing(String groupId) {
    List<String> out = new ArrayList<>();
    for (SecurityGroup g : groups.values()) {
      if (g.id.equals(groupId)) {
        continue;
      }
      for (SecurityGroupRule r : g.ingress.values()) {
        if (groupId.equals(r.referencedGroupId)) {
          out.add(r.id);
        }
      }
    }
    return out;
  }

  public Optional<SecurityGroup> find(String id) {
    return Optional.ofNullable(groups.get(id));
  }

  /** The group, or EC2's {@code InvalidGroup.NotFound}. */
  public SecurityGroup describe(String id) {
    SecurityGroup g = groups.get(id);
    if (g == null) {
      throw SimError.explicit(
          "InvalidGroup.NotFound", 400, "The security group '" + id + "' does not exist");
    }
    return g;
  }

  public List<SecurityGroup> list() {
    return List.copyOf(groups.values());
  }

  /** Every ingress rule of every group, in group order. */
  public List<SecurityGroupRule> rules() {
    return groups.values().stream().flatMap(g -> g.ingress.values().stream()).toList();
  }

  /** What AuthorizeSecurityGroupIngress asks for: one permission from a group or a CIDR. */
  public record Permission(
      String protocol,
      int fromPort,
      int toPort,
      String referencedGroupId,
      String cidrIpv4,
      String description) {}

  /**
   * AuthorizeSecurityGroupIngress: adds every permission or none. A permission the group already
   * has is {@code InvalidPermission.Duplicate}, a referenced group that does not exist {@code
   * InvalidGroup.NotFound}, as in EC2.
   */
  public List<SecurityGroupRule> authorize(
      String groupId, List<Permission> permissions, Map<String, String> tags) {
    SecurityGroup g = describe(groupId);
    if (permissions.isEmpty()) {
      throw SimError.explicit(
          "MissingParameter", 400, "The request must contain the parameter ipPermissions");
    }
    List<SecurityGroupRule> made = new ArrayList<>();
    for (Permission p : permissions) {
      if (p.referencedGroupId() != null) {
        describe(p.referencedGroupId());
      }
      SecurityGroupRule r = rule(g, p, tags);
      for (SecurityGroupRule existing : g.ingress.values()) {
        if (existing.samePermission(r)) {
          world
              .journal()
              .record(
                  "ec2",
                  "AuthorizeSecurityGroupIngress",
                  groupId,
                  null,
                  "error:InvalidPermission.Duplicate",
                  existing.id);
          throw SimError.explicit(
              "InvalidPermission.Duplicate",
              400,
              "the specified rule \"peer: "
                  + (r.referencedGroupId != null ? r.referencedGroupId : r.cidrIpv4)
                  + ", "
                  + r.protocol.toUpperCase()
                  + ", from port: "
                  + r.fromPort
                  + ", to port: "
                  + r.toPort
                  + ", ALLOW\" already exists");
        }
      }
      made.add(r);
    }
    for (SecurityGroupRule r : made) {
      r.id = "sgr-" + SimIds.shortId(groupId + "/" + (++ruleSeq), 17);
      g.ingress.put(r.id, r);
    }
    world
        .journal()
        .record(
            "ec2",
            "AuthorizeSecurityGroupIngress",
            groupId,
            null,
            "created",
            String.join(",", made.stream().map(r -> r.id).toList()));
    return made;
  }

  /** Adds a rule directly (fleet seeding and test set-up); no journal entry. */
  public SecurityGroupRule seedRule(String groupId, Permission p, Map<String, String> tags) {
    SecurityGroup g = describe(groupId);
    SecurityGroupRule r = rule(g, p, tags);
    r.id = "sgr-" + SimIds.shortId(groupId + "/" + (++ruleSeq), 17);
    g.ingress.put(r.id, r);
    return r;
  }

  private static SecurityGroupRule rule(SecurityGroup g, Permission p, Map<String, String> tags) {
    if (p.protocol() == null) {
      throw SimError.explicit(
          "MissingParameter", 400, "The request must contain the parameter ipProtocol");
    }
    if ((p.referencedGroupId() == null) == (p.cidrIpv4() == null)) {
      throw SimError.explicit(
          "InvalidParameterValue", 400, "a rule has exactly one source: a group or a CIDR block");
    }
    SecurityGroupRule r = new SecurityGroupRule();
    r.groupId = g.id;
    r.protocol = p.protocol().equals("all") ? "-1" : p.protocol().toLowerCase();
    r.fromPort = "-1".equals(r.protocol) ? -1 : p.fromPort();
    r.toPort = "-1".equals(r.protocol) ? -1 : p.toPort();
    r.referencedGroupId = p.referencedGroupId();
    r.cidrIpv4 = p.cidrIpv4();
    r.description = p.description();
    r.tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    return r;
  }

  /**
   * RevokeSecurityGroupIngress by rule ids: removes all or none; an id the group does not have is
   * {@code InvalidSecurityGroupRuleId.NotFound}.
   */
  public void revoke(String groupId, List<String> ruleIds) {
    SecurityGroup g = describe(groupId);
    for (String id : ruleIds) {
      if (!g.ingress.containsKey(id)) {
        world
            .journal()
            .record(
                "ec2",
                "RevokeSecurityGroupIngress",
                groupId,
                null,
                "error:InvalidSecurityGroupRuleId.NotFound",
                id);
        throw SimError.explicit(
            "InvalidSecurityGroupRuleId.NotFound",
            400,
            "The security group rule ID '" + id + "' does not exist");
      }
    }
    ruleIds.forEach(g.ingress::remove);
    world
        .journal()
        .record(
            "ec2", "RevokeSecurityGroupIngress", groupId, null, "ok", String.join(",", ruleIds));
  }

  /** CreateTags on rules: adds or overwrites the tags of each. */
  public void tagRule(String ruleId, Map<String, String> tags) {
    SecurityGroupRule r =
        rules().stream()
            .filter(x -> x.id.equals(ruleId))
            .findFirst()
            .orElseThrow(
                () ->
                    SimError.explicit(
                        "InvalidSecurityGroupRuleId.NotFound",
                        400,
                        "The security group rule ID '" + ruleId + "' does not exist"));
    r.tags.putAll(tags);
    world.journal().record("ec2", "CreateTags", ruleId, null, "ok", null);
  }

  // ---------------------------------------------------------------- reachability

  /** Declares a shared endpoint guarded by an existing group. */
  public void addEndpoint(SharedEndpoint e) {
    describe(e.securityGroupId());
    endpoints.removeIf(x -> x.host().equals(e.host()) && x.port() == e.port());
    endpoints.add(e);
  }

  public List<SharedEndpoint> endpoints() {
    return List.copyOf(endpoints);
  }

  /**
   * Why a pod on {@code cluster} cannot open a TCP connection to {@code host:port}, or empty when
   * it can: the endpoint must exist and its group must admit the cluster's security group or a
   * security group of its nodes (those its node groups' launch templates name: EKS gives such nodes
   * the template's groups, not the cluster group).
   */
  public Optional<String> connectFailure(Cluster cluster, String host, int port) {
    Optional<SharedEndpoint> endpoint =
        endpoints.stream().filter(e -> e.host().equals(host) && e.port() == port).findFirst();
    if (endpoint.isEmpty()) {
      boolean known = endpoints.stream().anyMatch(e -> e.host().equals(host));
      return Optional.of(
          known
              ? "nc: " + host + " (" + port + "): Connection refused"
              : "nc: bad address '" + host + "'");
    }
    SecurityGroup g = groups.get(endpoint.get().securityGroupId());
    List<String> sources = new ArrayList<>();
    sources.add(cluster.clusterSecurityGroupId);
    cluster.nodeGroups.values().stream()
        .flatMap(ng -> world.launchTemplates().nodeSecurityGroups(ng).stream())
        .forEach(sources::add);
    boolean admitted =
        g != null
            && g.ingress.values().stream()
                .anyMatch(r -> sources.stream().anyMatch(sg -> r.admits(sg, port)));
    return admitted
        ? Optional.empty()
        : Optional.of("nc: " + host + " (" + port + "): Connection timed out");
  }
}
