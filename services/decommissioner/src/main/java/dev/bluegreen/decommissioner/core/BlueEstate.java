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

  /** A builder that starts from nothing of blue: every part absent or empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this estate, to change some of its parts. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cluster = cluster;
    b.nodegroups = nodegroups;
    b.addons = addons;
    b.targetGroup = targetGroup;
    b.rulesReferencingBlue = rulesReferencingBlue;
    b.argoSecret = argoSecret;
    b.sharedRules = sharedRules;
    b.sharedRulesForAPerson = sharedRulesForAPerson;
    b.launchTemplates = launchTemplates;
    return b;
  }

  /** Builds an estate part by part; a part not set is absent or empty. */
  public static final class Builder {
    private Optional<Observed.Cluster> cluster = Optional.empty();
    private List<Observed.Nodegroup> nodegroups = List.of();
    private List<Observed.Addon> addons = List.of();
    private Optional<Observed.TargetGroup> targetGroup = Optional.empty();
    private List<Observed.Rule> rulesReferencingBlue = List.of();
    private Optional<Observed.ArgoClusterSecret> argoSecret = Optional.empty();
    private List<SharedRules.IngressRule> sharedRules = List.of();
    private List<SharedRules.IngressRule> sharedRulesForAPerson = List.of();
    private List<Observed.LaunchTemplate> launchTemplates = List.of();

    private Builder() {}

    public Builder cluster(Optional<Observed.Cluster> cluster) {
      this.cluster = cluster;
      return this;
    }

    public Builder nodegroups(List<Observed.Nodegroup> nodegroups) {
      this.nodegroups = nodegroups;
      return this;
    }

    public Builder addons(List<Observed.Addon> addons) {
      this.addons = addons;
      return this;
    }

    public Builder targetGroup(Optional<Observed.TargetGroup> targetGroup) {
      this.targetGroup = targetGroup;
      return this;
    }

    public Builder rulesReferencingBlue(List<Observed.Rule> rulesReferencingBlue) {
      this.rulesReferencingBlue = rulesReferencingBlue;
      return this;
    }

    public Builder argoSecret(Optional<Observed.ArgoClusterSecret> argoSecret) {
      this.argoSecret = argoSecret;
      return this;
    }

    public Builder sharedRules(List<SharedRules.IngressRule> sharedRules) {
      this.sharedRules = sharedRules;
      return this;
    }

    public Builder sharedRulesForAPerson(List<SharedRules.IngressRule> sharedRulesForAPerson) {
      this.sharedRulesForAPerson = sharedRulesForAPerson;
      return this;
    }

    public Builder launchTemplates(List<Observed.LaunchTemplate> launchTemplates) {
      this.launchTemplates = launchTemplates;
      return this;
    }

    public BlueEstate build() {
      return new BlueEstate(
          cluster,
          nodegroups,
          addons,
          targetGroup,
          rulesReferencingBlue,
          argoSecret,
          sharedRules,
          sharedRulesForAPerson,
          launchTemplates);
    }
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
