package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** EKS access policies of an access entry: AssociateAccessPolicy, ListAssociatedAccessPolicies. */
public final class EksAccessPolicies {
  /** EKS's managed access policies: {@code arn:aws:eks::aws:cluster-access-policy/<Name>}. */
  private static final Pattern ACCESS_POLICY_ARN =
      Pattern.compile("^arn:aws[a-z-]*:eks::aws:cluster-access-policy/[A-Za-z0-9]+$");

  /** A Kubernetes namespace name (RFC 1123 label), or a prefix ending in {@code *}. */
  private static final Pattern NAMESPACE =
      Pattern.compile("^(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?|[a-z0-9][-a-z0-9]*\\*)$");

  private final World world;
  private final EksControlPlane eks;

  /**
   * The scope AssociateAccessPolicy asks for.
   *
   * @param type {@code cluster} or {@code namespace}
   * @param namespaces required for {@code namespace}, refused for {@code cluster}
   */
  public record AccessScope(String type, List<String> namespaces) {}

  EksAccessPolicies(World world, EksControlPlane eks) {
    this.world = world;
    this.eks = eks;
  }

  /**
   * AssociateAccessPolicy. EKS associates each policy at most once per access entry: the same
   * policy and scope again changes nothing (journaled {@code replayed}), the same policy with
   * another scope replaces the scope ({@code ok}), a new policy is {@code created}. The API has no
   * clientRequestToken; the association itself is the natural key.
   */
  public AccessPolicyAssociation associate(
      String clusterName, String principalArn, String policyArn, AccessScope scope) {
    AccessEntry e = eks.accessEntries().describe(clusterName, principalArn);
    AccessPolicyAssociation before = e.accessPolicies.get(policyArn);
    AccessPolicyAssociation after = associate(e, policyArn, scope);
    String outcome = before == null ? "created" : before.equals(after) ? "replayed" : "ok";
    eks.record(
        "AssociateAccessPolicy",
        clusterName + "/" + principalArn,
        null,
        outcome,
        policyArn + " " + describe(after));
    return after;
  }

  /** Validates and stores the association (also for fleet seeding), unchanged if the same. */
  AccessPolicyAssociation associate(AccessEntry e, String policyArn, AccessScope scope) {
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
    validate(scope.type(), namespaces);
    AccessPolicyAssociation before = e.accessPolicies.get(policyArn);
    if (before != null && before.sameScopeAs(scope.type(), namespaces)) {
      return before;
    }
    AccessPolicyAssociation after =
        new AccessPolicyAssociation(
            policyArn,
            scope.type(),
            new ArrayList<>(new LinkedHashSet<>(namespaces)),
            before == null ? world.now() : before.associatedAt(),
            world.now());
    e.accessPolicies.put(policyArn, after);
    e.modifiedAt = world.now();
    return after;
  }

  private static void validate(String type, List<String> namespaces) {
    switch (type) {
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
          throw SimError.invalid("accessScope.type must be cluster or namespace, got " + type);
    }
  }

  private static String describe(AccessPolicyAssociation a) {
    return a.scopeType().equals("namespace") ? "namespace" + a.namespaces() : a.scopeType();
  }

  /** ListAssociatedAccessPolicies: an entry's policies in the order they were associated. */
  public List<AccessPolicyAssociation> list(String clusterName, String principalArn) {
    return List.copyOf(
        eks.accessEntries().describe(clusterName, principalArn).accessPolicies.values());
  }
}
