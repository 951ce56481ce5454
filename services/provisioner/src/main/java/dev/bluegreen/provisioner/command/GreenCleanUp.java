package dev.bluegreen.provisioner.command;

import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.messaging.PhaseReport;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.GreenFailure;
import dev.bluegreen.provisioner.cloud.GreenTargetGroups;
import dev.bluegreen.provisioner.cloud.LaunchTemplates;
import dev.bluegreen.provisioner.core.CleanupPlan;
import dev.bluegreen.provisioner.core.GreenTags;
import dev.bluegreen.provisioner.core.LaunchTemplateCopies;
import dev.bluegreen.provisioner.core.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CleanUpGreen}: deletes what this upgrade created of green (target group first, then the
 * shared-resource rules mirrored for green, then node groups and the launch templates copied for
 * them, add-ons and the cluster, as the pure {@link CleanupPlan} says), and nothing that is not its
 * own; resumes an earlier clean-up that died while the cluster was being deleted.
 */
public final class GreenCleanUp {

  private final EksClusters eks;
  private final LaunchTemplates templates;
  private final GreenTargetGroups targetGroups;
  private final SharedResourceAccess shared;

  public GreenCleanUp(
      EksClusters eks,
      LaunchTemplates templates,
      GreenTargetGroups targetGroups,
      SharedResourceAccess shared) {
    this.eks = eks;
    this.templates = templates;
    this.targetGroups = targetGroups;
    this.shared = shared;
  }

  /** Carries out the command; every outcome is a fact, or a {@link GreenFailure} thrown. */
  public void carryOut(CleanUpGreen c, PhaseReport report) {
    String green = c.greenCluster();
    // The target group goes first: if a rule still sends green traffic this stops before anything
    // of green is deleted.
    report.step("deleting target group " + targetGroups.nameOf(green));
    List<String> deleted = new ArrayList<>();
    targetGroups.delete(green, c.upgradeId()).ifPresent(deleted::add);
    // Green's mirrored shared-resource rules go before green's cluster: they reference its
    // security group, which EC2 would not let EKS delete (DependencyViolation).
    deleted.addAll(shared.revokeGreenMirrors(c.upgradeId(), green, report));
    report.step("describing green " + green);
    Optional<Observed.Cluster> cluster = eks.cluster(green);
    boolean ours = cluster.isPresent() && GreenTags.isOurs(cluster.get().tags(), c.upgradeId());
    if (ours && isMoving(cluster.get().status())) {
      report.step("waiting for cluster " + green + " to settle before deleting it");
      settle(() -> eks.awaitClusterActive(green));
    }
    if (ours && "DELETING".equals(cluster.get().status())) {
      // An earlier clean-up got as far as deleting the cluster (then died or timed out): resume.
      report.step("waiting for cluster " + green + " to be deleted");
      report.progress(
          "cleanup-resumed", null, null, "Green cluster " + green + " is already being deleted");
      eks.awaitClusterDeleted(green);
      report.progress("cluster-deleted", null, null, "Green cluster " + green + " deleted");
      deleted.add("cluster/" + green);
      deleteLaunchTemplateCopies(c.upgradeId(), green, deleted, report);
      report
          .facts()
          .publish(new GreenCleanedUp(c.commandId(), c.upgradeId(), c.cluster(), green, deleted));
      return;
    }
    List<Observed.Nodegroup> nodegroups = ours ? eks.nodegroups(green) : List.of();
    List<Observed.Addon> addons = ours ? eks.addons(green) : List.of();
    CleanupPlan plan = CleanupPlan.of(c.upgradeId(), cluster, nodegroups, addons);
    if (plan.leftAlone().isPresent()) {
      report.progress(
          "left-alone",
          null,
          null,
          "A cluster named "
              + green
              + " exists but was not created for this upgrade: left untouched");
    }
    if (plan.nothingToDelete()) {
      // Copies made before green's node groups (or green) existed, by a run that died: by tag.
      deleteLaunchTemplateCopies(c.upgradeId(), green, deleted, report);
      report
          .facts()
          .publish(new GreenCleanedUp(c.commandId(), c.upgradeId(), c.cluster(), green, deleted));
      return;
    }

    deleteNodegroups(green, nodegroups, plan, deleted, report);
    // Only once the node groups that used them are gone.
    deleteLaunchTemplateCopies(c.upgradeId(), green, deleted, report);
    if (!plan.foreignNodegroups().isEmpty()) {
      throw new GreenFailure(
          "ForeignNodegroups",
          "Green has node groups this upgrade did not create ("
              + String.join(", ", plan.foreignNodegroups())
              + "): the cluster is left for a person",
          false,
          Map.of("nodegroups", plan.foreignNodegroups(), "deleted", List.copyOf(deleted)));
    }
    for (String addon : plan.addons()) {
      report.step("deleting add-on " + addon);
      eks.deleteAddon(green, addon);
    }
    for (String addon : plan.addons()) {
      eks.awaitAddonDeleted(green, addon);
      deleted.add("addon/" + addon);
    }
    report.step("deleting cluster " + green);
    eks.deleteCluster(green);
    eks.awaitClusterDeleted(green);
    deleted.add("cluster/" + green);
    report.progress("cluster-deleted", null, null, "Green cluster " + green + " deleted");
    report
        .facts()
        .publish(new GreenCleanedUp(c.commandId(), c.upgradeId(), c.cluster(), green, deleted));
  }

  /**
   * Deletes the launch templates copied for green's node groups by this upgrade (found by their
   * tags; blue's, the team's, never carry them); gone already is done.
   */
  private void deleteLaunchTemplateCopies(
      String upgradeId, String green, List<String> deleted, PhaseReport report) {
    List<Observed.LaunchTemplateCopy> copies =
        templates.taggedFor(upgradeId, green).stream()
            .filter(t -> LaunchTemplateCopies.isOurs(t, upgradeId, green))
            .toList();
    for (Observed.LaunchTemplateCopy t : copies) {
      report.step("deleting launch template " + t.name());
      templates.delete(t.id());
      deleted.add("launch-template/" + t.name());
    }
    if (!copies.isEmpty()) {
      report.progress(
          "launch-templates-deleted",
          copies.size(),
          copies.size(),
          "Deleted green's launch templates: "
              + String.join(", ", copies.stream().map(Observed.LaunchTemplateCopy::name).toList()));
    }
  }

  private static boolean isMoving(String status) {
    return "CREATING".equals(status) || "UPDATING".equals(status) || "PENDING".equals(status);
  }

  /** Waits for a resource to leave CREATING/UPDATING; a failed one is still deletable. */
  private static void settle(Runnable await) {
    try {
      await.run();
    } catch (GreenFailure e) {
      if (e.retryable()) {
        throw e;
      }
    }
  }

  /** Lets moving node groups settle, deletes this upgrade's, and waits for each to be gone. */
  private void deleteNodegroups(
      String green,
      List<Observed.Nodegroup> nodegroups,
      CleanupPlan plan,
      List<String> deleted,
      PhaseReport report) {
    for (Observed.Nodegroup ng : nodegroups) {
      if (plan.nodegroups().contains(ng.name())
          && isMoving(ng.status())
          && !"DELETING".equals(ng.status())) {
        report.step("waiting for node group " + ng.name() + " to settle before deleting it");
        settle(() -> eks.awaitNodegroupActive(green, ng.name()));
      }
    }
    for (Observed.Nodegroup ng : nodegroups) {
      if (plan.nodegroups().contains(ng.name()) && !"DELETING".equals(ng.status())) {
        report.step("deleting node group " + ng.name());
        eks.deleteNodegroup(green, ng.name());
      }
    }
    int done = 0;
    for (String ng : plan.nodegroups()) {
      report.step("waiting for node group " + ng + " to be deleted");
      eks.awaitNodegroupDeleted(green, ng);
      deleted.add("nodegroup/" + ng);
      done++;
      report.progress(
          "nodegroup-deleted", done, plan.nodegroups().size(), "Node group " + ng + " deleted");
    }
  }
}
