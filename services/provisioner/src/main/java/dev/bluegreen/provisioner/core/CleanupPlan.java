package dev.bluegreen.provisioner.core;

import java.util.List;
import java.util.Optional;

/**
 * What clean-up deletes for one upgrade: only what carries its tags, node groups before the cluster
 * (EKS refuses to delete a cluster that still has node groups). Add-ons and access entries go with
 * the cluster; add-ons are deleted first so that one that blocks is seen by name.
 *
 * @param cluster green's name when it is ours and must be deleted
 * @param nodegroups our node groups to delete
 * @param addons our add-ons to delete
 * @param foreignNodegroups node groups on green that this upgrade did not create: they block the
 *     cluster's deletion and are left for a person
 * @param leftAlone a cluster with green's name that is not ours, left untouched
 */
public record CleanupPlan(
    Optional<String> cluster,
    List<String> nodegroups,
    List<String> addons,
    List<String> foreignNodegroups,
    Optional<String> leftAlone) {

  /** Nothing of this upgrade exists. */
  public boolean nothingToDelete() {
    return cluster.isEmpty();
  }

  /** Plans clean-up from what exists under green's name. */
  public static CleanupPlan of(
      String upgradeId,
      Optional<Observed.Cluster> green,
      List<Observed.Nodegroup> greenNodegroups,
      List<Observed.Addon> greenAddons) {
    if (green.isEmpty()) {
      return new CleanupPlan(Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
    }
    if (!GreenTags.isOurs(green.get().tags(), upgradeId)) {
      return new CleanupPlan(
          Optional.empty(), List.of(), List.of(), List.of(), Optional.of(green.get().name()));
    }
    List<String> ours =
        greenNodegroups.stream()
            .filter(ng -> GreenTags.isOurs(ng.tags(), upgradeId))
            .map(Observed.Nodegroup::name)
            .toList();
    List<String> foreign =
        greenNodegroups.stream()
            .filter(ng -> !GreenTags.isOurs(ng.tags(), upgradeId))
            .map(Observed.Nodegroup::name)
            .toList();
    List<String> addons =
        greenAddons.stream()
            .filter(a -> GreenTags.isOurs(a.tags(), upgradeId))
            .map(Observed.Addon::name)
            .toList();
    return new CleanupPlan(
        Optional.of(green.get().name()), ours, addons, foreign, Optional.empty());
  }
}
