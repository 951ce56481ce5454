package dev.bluegreen.decommissioner.core;

import java.util.List;
import java.util.Optional;

/**
 * What exists of blue right now, as observed just before a decision. Absent means gone.
 *
 * @param cluster blue's EKS cluster
 * @param nodegroups its managed node groups
 * @param addons its add-ons
 * @param targetGroup blue's target group
 * @param rulesReferencingBlue listener rules whose forward action still names blue's target group
 * @param argoSecret blue's Argo CD cluster secret on the management cluster
 */
public record BlueEstate(
    Optional<Observed.Cluster> cluster,
    List<Observed.Nodegroup> nodegroups,
    List<Observed.Addon> addons,
    Optional<Observed.TargetGroup> targetGroup,
    List<Observed.Rule> rulesReferencingBlue,
    Optional<Observed.ArgoClusterSecret> argoSecret) {
  public BlueEstate {
    nodegroups = List.copyOf(nodegroups);
    addons = List.copyOf(addons);
    rulesReferencingBlue = List.copyOf(rulesReferencingBlue);
  }

  /** Nothing of blue is left. */
  public boolean isEmpty() {
    return cluster.isEmpty()
        && nodegroups.isEmpty()
        && addons.isEmpty()
        && targetGroup.isEmpty()
        && rulesReferencingBlue.isEmpty()
        && argoSecret.isEmpty();
  }
}
