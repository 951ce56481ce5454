package dev.bluegreen.decommissioner.core;

import dev.bluegreen.contracts.naming.SharedRules;
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
 * @param sharedRules shared resources' ingress rules admitting blue's cluster security group that
 *     were mirrored for green ({@link SharedRules#mirroredOriginals}): revoked before blue's
 *     cluster is deleted, so that its group can go with it
 * @param sharedRulesForAPerson shared resources' ingress rules admitting blue's cluster security
 *     group that were not mirrored (their group is not ours to change, by policy): a person revokes
 *     them before blue is retired ({@link SharedRuleCheck})
 * @param launchTemplates launch templates the provisioner copied for blue's node groups when blue
 *     was green: deleted once blue's cluster (and so its node groups) is gone
 */
public record BlueEstate(
    Optional<Observed.Cluster> cluster,
    List<Observed.Nodegroup> nodegroups,
    List<Observed.Addon> addons,
    Optional<Observed.TargetGroup> targetGroup,
    List<Observed.Rule> rulesReferencingBlue,
    Optional<Observed.ArgoClusterSecret> argoSecret,
    List<SharedRules.IngressRule> sharedRules,
    List<SharedRules.IngressRule> sharedRulesForAPerson,
    List<Observed.LaunchTemplate> launchTemplates) {
  public BlueEstate {
    nodegroups = List.copyOf(nodegroups);
    addons = List.copyOf(addons);
    rulesReferencingBlue = List.copyOf(rulesReferencingBlue);
    sharedRules = List.copyOf(sharedRules);
    sharedRulesForAPerson = List.copyOf(sharedRulesForAPerson);
    launchTemplates = List.copyOf(launchTemplates);
  }

  /** An estate without launch templates made for blue. */
  public BlueEstate(
      Optional<Observed.Cluster> cluster,
      List<Observed.Nodegroup> nodegroups,
      List<Observed.Addon> addons,
      Optional<Observed.TargetGroup> targetGroup,
      List<Observed.Rule> rulesReferencingBlue,
      Optional<Observed.ArgoClusterSecret> argoSecret,
      List<SharedRules.IngressRule> sharedRules,
      List<SharedRules.IngressRule> sharedRulesForAPerson) {
    this(
        cluster,
        nodegroups,
        addons,
        targetGroup,
        rulesReferencingBlue,
        argoSecret,
        sharedRules,
        sharedRulesForAPerson,
        List.of());
  }

  /** An estate with no shared-resource rule left for a person. */
  public BlueEstate(
      Optional<Observed.Cluster> cluster,
      List<Observed.Nodegroup> nodegroups,
      List<Observed.Addon> addons,
      Optional<Observed.TargetGroup> targetGroup,
      List<Observed.Rule> rulesReferencingBlue,
      Optional<Observed.ArgoClusterSecret> argoSecret,
      List<SharedRules.IngressRule> sharedRules) {
    this(
        cluster,
        nodegroups,
        addons,
        targetGroup,
        rulesReferencingBlue,
        argoSecret,
        sharedRules,
        List.of());
  }

  /** An estate with no shared-resource rule to revoke. */
  public BlueEstate(
      Optional<Observed.Cluster> cluster,
      List<Observed.Nodegroup> nodegroups,
      List<Observed.Addon> addons,
      Optional<Observed.TargetGroup> targetGroup,
      List<Observed.Rule> rulesReferencingBlue,
      Optional<Observed.ArgoClusterSecret> argoSecret) {
    this(cluster, nodegroups, addons, targetGroup, rulesReferencingBlue, argoSecret, List.of());
  }

  /** Nothing of blue is left. */
  public boolean isEmpty() {
    return cluster.isEmpty()
        && nodegroups.isEmpty()
        && addons.isEmpty()
        && targetGroup.isEmpty()
        && rulesReferencingBlue.isEmpty()
        && argoSecret.isEmpty()
        && sharedRules.isEmpty()
        && launchTemplates.isEmpty();
  }
}
