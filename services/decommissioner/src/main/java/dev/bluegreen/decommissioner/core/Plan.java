package dev.bluegreen.decommissioner.core;

import dev.bluegreen.contracts.naming.SharedRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The step plan: from what exists of blue now, the one thing to do next. Because it reads only the
 * present state of the cloud, a restart or a redelivered command continues where the last run
 * stopped, and nothing already deleted is deleted again ("already gone" is done).
 *
 * <p>Order: scale node groups to 0 → delete node groups → delete add-ons → revoke the shared
 * resources' rules that admit blue and were mirrored for green → delete the cluster → delete the
 * launch templates the platform copied for blue's node groups → take blue's target group out of the
 * rules → delete it → deregister blue from Argo CD.
 */
public final class Plan {

  /** Error code when blue is in a state the plan cannot move on from. */
  public static final String CODE_BLOCKED = "BLUE_STATE_BLOCKS_PLAN";

  /** Add-on selection meaning every add-on of blue. */
  public static final String ALL_ADDONS = "*";

  private static final Set<String> SCALABLE = Set.of("ACTIVE", "DEGRADED");
  private static final Set<String> DELETABLE =
      Set.of("ACTIVE", "DEGRADED", "DELETE_FAILED", "CREATE_FAILED");
  private static final Set<String> IN_FLIGHT = Set.of("CREATING", "UPDATING");

  private Plan() {}

  /**
   * The next step.
   *
   * @param blue whose estate it is
   * @param estate what exists of blue now
   * @param addonsToDelete names of the add-ons to delete before the cluster, {@code *} for all
   */
  public static Step next(Blue blue, BlueEstate estate, Set<String> addonsToDelete) {
    if (estate.cluster().isPresent()) {
      Observed.Cluster cluster = estate.cluster().get();
      if ("DELETING".equals(cluster.status())) {
        return new Step.Await(Stage.DELETE_CLUSTER, "cluster " + cluster.name() + " is DELETING");
      }
      Optional<Step> nodegroupStep = nodegroups(estate.nodegroups());
      if (nodegroupStep.isPresent()) {
        return nodegroupStep.get();
      }
      Optional<Step> addonStep = addons(estate.addons(), addonsToDelete);
      if (addonStep.isPresent()) {
        return addonStep.get();
      }
      for (SharedRules.IngressRule r : estate.sharedRules()) {
        return Step.Act.of(
            Stage.REVOKE_SHARED_RULES,
            Step.Action.REVOKE_SHARED_RULE,
            r.groupId() + "/" + r.ruleId());
      }
      if (IN_FLIGHT.contains(cluster.status()) || "PENDING".equals(cluster.status())) {
        return new Step.Await(
            Stage.DELETE_CLUSTER, "cluster " + cluster.name() + " is " + cluster.status());
      }
      return Step.Act.of(Stage.DELETE_CLUSTER, Step.Action.DELETE_CLUSTER, cluster.name());
    }
    for (Observed.LaunchTemplate t : estate.launchTemplates()) {
      return Step.Act.of(Stage.DELETE_LAUNCH_TEMPLATES, Step.Action.DELETE_LAUNCH_TEMPLATE, t.id());
    }
    if (estate.targetGroup().isPresent()) {
      String blueTg = estate.targetGroup().get().arn();
      for (Observed.Rule rule : estate.rulesReferencingBlue()) {
        return detach(rule, blueTg);
      }
      return Step.Act.of(Stage.DELETE_TARGET_GROUP, Step.Action.DELETE_TARGET_GROUP, blueTg);
    }
    if (estate.argoSecret().isPresent()) {
      Observed.ArgoClusterSecret s = estate.argoSecret().get();
      return Step.Act.of(
          Stage.DEREGISTER_ARGOCD,
          Step.Action.DELETE_ARGOCD_SECRET,
          s.namespace() + "/" + s.name());
    }
    return new Step.Done();
  }

  /**
   * What of blue's estate the plan can need after a step, decided on the cluster read just now:
   * {@link #next} waits on a DELETING cluster without looking further, and while the cluster exists
   * it decides on the cluster, node groups and add-ons alone.
   *
   * @param cluster blue's cluster as DescribeCluster returned it now (empty: gone)
   */
  public static EstateScope scopeFor(Optional<Observed.Cluster> cluster) {
    if (cluster.isEmpty()) {
      return EstateScope.ALL;
    }
    return "DELETING".equals(cluster.get().status()) ? EstateScope.CLUSTER : EstateScope.EKS;
  }

  /**
   * Whether the plan can need blue's add-ons, given its node groups read just now: while any node
   * group is left, {@link #next} decides on the node groups alone (add-ons go after them).
   */
  public static boolean needsAddons(List<Observed.Nodegroup> nodegroups) {
    return nodegroups.isEmpty();
  }

  /**
   * What a full run would delete (or change), for the dry run and for {@code BlueRetired}. Items
   * are {@code kind:identifier}.
   */
  public static List<String> inventory(BlueEstate estate, Set<String> addonsToDelete) {
    List<String> out = new ArrayList<>();
    estate.nodegroups().forEach(n -> out.add("nodegroup:" + n.arn()));
    estate.addons().stream()
        .filter(a -> selected(a, addonsToDelete))
        .forEach(a -> out.add("addon:" + a.arn()));
    estate
        .sharedRules()
        .forEach(r -> out.add("security-group-rule:" + r.groupId() + "/" + r.ruleId()));
    estate.cluster().ifPresent(c -> out.add("cluster:" + c.arn()));
    estate.launchTemplates().forEach(t -> out.add("launch-template:" + t.id()));
    estate
        .targetGroup()
        .ifPresent(
            tg -> {
              estate
                  .rulesReferencingBlue()
                  .forEach(r -> out.add("rule-target:" + r.ruleArn() + "#" + tg.arn()));
              out.add("targetgroup:" + tg.arn());
            });
    estate.argoSecret().ifPresent(s -> out.add("argocd-secret:" + s.namespace() + "/" + s.name()));
    return out;
  }

  private static Optional<Step> nodegroups(List<Observed.Nodegroup> nodegroups) {
    // Scale every node group down first, then wait, then delete: node groups drain in parallel.
    for (Observed.Nodegroup n : nodegroups) {
      if (SCALABLE.contains(n.status()) && (n.desiredSize() > 0 || n.minSize() > 0)) {
        return Optional.of(
            Step.Act.of(
                Stage.SCALE_DOWN_NODEGROUPS, Step.Action.SCALE_NODEGROUP_TO_ZERO, n.name()));
      }
    }
    for (Observed.Nodegroup n : nodegroups) {
      if (IN_FLIGHT.contains(n.status())) {
        return Optional.of(
            new Step.Await(
                Stage.SCALE_DOWN_NODEGROUPS, "node group " + n.name() + " is " + n.status()));
      }
    }
    for (Observed.Nodegroup n : nodegroups) {
      if (DELETABLE.contains(n.status())) {
        return Optional.of(
            Step.Act.of(Stage.DELETE_NODEGROUPS, Step.Action.DELETE_NODEGROUP, n.name()));
      }
    }
    for (Observed.Nodegroup n : nodegroups) {
      return Optional.of(
          new Step.Await(Stage.DELETE_NODEGROUPS, "node group " + n.name() + " is " + n.status()));
    }
    return Optional.empty();
  }

  private static Optional<Step> addons(List<Observed.Addon> addons, Set<String> addonsToDelete) {
    for (Observed.Addon a : addons) {
      if (selected(a, addonsToDelete) && !"DELETING".equals(a.status())) {
        return Optional.of(Step.Act.of(Stage.DELETE_ADDONS, Step.Action.DELETE_ADDON, a.name()));
      }
    }
    for (Observed.Addon a : addons) {
      if (selected(a, addonsToDelete)) {
        return Optional.of(
            new Step.Await(Stage.DELETE_ADDONS, "add-on " + a.name() + " is " + a.status()));
      }
    }
    return Optional.empty();
  }

  private static boolean selected(Observed.Addon a, Set<String> addonsToDelete) {
    return addonsToDelete.contains(ALL_ADDONS) || addonsToDelete.contains(a.name());
  }

  private static Step detach(Observed.Rule rule, String blueTg) {
    Map<String, Integer> keep = new LinkedHashMap<>();
    rule.forward().stream()
        .filter(t -> !t.targetGroupArn().equals(blueTg))
        .forEach(t -> keep.put(t.targetGroupArn(), t.weight()));
    int blueWeight = rule.weightOf(blueTg);
    int kept = keep.values().stream().mapToInt(Integer::intValue).sum();
    if (blueWeight > 0 || kept == 0) {
      // The guards stop a rule that sends blue weight before we get here; this is the last line.
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("ruleArn", rule.ruleArn());
      evidence.put("blueTargetGroupArn", blueTg);
      evidence.put("blueWeight", blueWeight);
      evidence.put("otherWeights", new LinkedHashMap<String, Object>(keep));
      return new Step.Blocked(
          new Failure(
              "cannot take blue's target group out of rule "
                  + rule.ruleArn()
                  + ": nothing else would carry its traffic",
              CODE_BLOCKED,
              false,
              evidence));
    }
    return new Step.Act(
        Stage.DETACH_TARGET_GROUP, Step.Action.DETACH_TARGET_GROUP, rule.ruleArn(), keep);
  }
}
