package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EKS access entries: CreateAccessEntry, DescribeAccessEntry, ListAccessEntries, DeleteAccessEntry
 * and fleet seeding (with policies, see {@link EksAccessPolicies}).
 */
public final class EksAccessEntries {
  private final World world;
  private final EksControlPlane eks;

  EksAccessEntries(World world, EksControlPlane eks) {
    this.world = world;
    this.eks = eks;
  }

  public AccessEntry create(
      String clusterName,
      String principalArn,
      List<String> groups,
      String username,
      String type,
      Map<String, String> tags,
      String token) {
    Cluster c = eks.clusters().describe(clusterName);
    requirePrincipal(principalArn);
    String resource = clusterName + "/" + principalArn;
    Optional<AccessEntry> replay =
        eks.replay(
            "CreateAccessEntry", clusterName, resource, token, principalArn, c.accessEntries::get);
    if (replay.isPresent()) {
      return replay.get();
    }
    if (c.accessEntries.containsKey(principalArn)) {
      throw SimError.inUse(
          "The specified access entry resource is already in use on this cluster.");
    }
    AccessEntry e = newAccessEntry(c, principalArn, groups, username, type, tags);
    eks.remember("CreateAccessEntry", clusterName, token, principalArn);
    eks.record("CreateAccessEntry", resource, token, "created", null);
    return e;
  }

  /**
   * Adds an access entry with its access policies directly (fleet seeding); no journal entry. The
   * policies go through the same validation as AssociateAccessPolicy, so a fleet file cannot hold
   * what EKS would refuse.
   */
  public AccessEntry seed(
      String clusterName,
      String principalArn,
      List<String> groups,
      String username,
      String type,
      Map<String, EksAccessPolicies.AccessScope> policies) {
    Cluster c = eks.clusters().describe(clusterName);
    requirePrincipal(principalArn);
    AccessEntry e = newAccessEntry(c, principalArn, groups, username, type, Map.of());
    if (policies != null) {
      policies.forEach((policyArn, scope) -> eks.accessPolicies().associate(e, policyArn, scope));
    }
    return e;
  }

  private static void requirePrincipal(String principalArn) {
    if (principalArn == null || !principalArn.startsWith("arn:")) {
      throw SimError.invalid("principalArn must be an IAM principal ARN");
    }
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
    e.arn = eks.arn("access-entry/" + c.name + "/role/" + SimIds.uuid(principalArn));
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

  public AccessEntry describe(String clusterName, String principalArn) {
    AccessEntry e = eks.clusters().describe(clusterName).accessEntries.get(principalArn);
    if (e == null) {
      throw SimError.notFound("The specified principalArn could not be found.");
    }
    return e;
  }

  public List<String> list(String clusterName) {
    return eks.clusters().describe(clusterName).accessEntries.values().stream()
        .map(e -> e.principalArn)
        .toList();
  }

  public void delete(String clusterName, String principalArn) {
    describe(clusterName, principalArn);
    eks.clusters().describe(clusterName).accessEntries.remove(principalArn);
    eks.record("DeleteAccessEntry", clusterName + "/" + principalArn, null, "ok", null);
  }
}
