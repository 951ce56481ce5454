package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.List;

/**
 * An EKS access policy associated with an access entry, with its scope. An access entry of type
 * STANDARD grants nothing by itself: its Kubernetes permissions come from these associations (or
 * from RBAC bound to its Kubernetes groups).
 *
 * @param policyArn e.g. {@code arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy}
 * @param scopeType {@code cluster} or {@code namespace}
 * @param namespaces the namespaces of a {@code namespace} scope (may end in {@code *}); empty for
 *     {@code cluster}
 * @param associatedAt when it was first associated
 * @param modifiedAt when its scope last changed
 */
public record AccessPolicyAssociation(
    String policyArn,
    String scopeType,
    List<String> namespaces,
    Instant associatedAt,
    Instant modifiedAt) {

  public AccessPolicyAssociation {
    namespaces = List.copyOf(namespaces);
  }

  /** Same policy and scope (namespaces compared as a set, as EKS treats them). */
  public boolean sameScopeAs(String type, List<String> otherNamespaces) {
    return scopeType.equals(type)
        && new java.util.HashSet<>(namespaces).equals(new java.util.HashSet<>(otherNamespaces));
  }
}
