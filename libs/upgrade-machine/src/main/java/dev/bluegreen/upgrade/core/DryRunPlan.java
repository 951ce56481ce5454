package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeState;
import java.util.ArrayList;
import java.util.List;

/**
 * What an upgrade would do, phase by phase, without doing it: the answer to a dry run.
 *
 * @param upgradeId the dry run's id
 * @param cluster the blue cluster
 * @param greenCluster the green cluster that would be created
 * @param currentVersion blue's version, if known
 * @param targetVersion the version green would get
 * @param phases the phases in order
 */
public record DryRunPlan(
    String upgradeId,
    String cluster,
    String greenCluster,
    String currentVersion,
    String targetVersion,
    List<PlannedPhase> phases) {

  /**
   * One phase of the plan.
   *
   * @param state the state the upgrade would be in
   * @param actions what would happen, in order
   * @param creates what would be created
   * @param changes what would be changed
   * @param deletes what would be deleted
   */
  public record PlannedPhase(
      UpgradeState state,
      List<String> actions,
      List<String> creates,
      List<String> changes,
      List<String> deletes) {}

  /** The plan for a request. */
  public static DryRunPlan of(UpgradeRequested r) {
    String green = UpgradeDecider.greenClusterName(r.logicalCluster(), r.upgradeId());
    String blue = r.cluster();
    List<PlannedPhase> phases = new ArrayList<>();
    phases.add(
        phase(
            UpgradeState.PREFLIGHT,
            List.of(
                "check version skew and add-on versions for " + r.targetVersion(),
                "check free subnet IPs and quotas for green's node groups"),
            List.of(),
            List.of(),
            List.of()));
    phases.add(
        phase(
            UpgradeState.PROVISIONING,
            List.of("create EKS cluster " + green + " at " + r.targetVersion()),
            List.of(
                "EKS cluster " + green,
                "managed node groups of " + green + " mirroring " + blue,
                "add-ons of " + green,
                "access entries of " + green),
            List.of(),
            List.of()));
    phases.add(
        phase(
            UpgradeState.DEPLOYING,
            List.of("register " + green + " with Argo CD", "wait for Synced/Healthy"),
            List.of("Argo CD cluster secret for " + green, "applications on " + green),
            List.of(),
            List.of()));
    phases.add(
        phase(
            UpgradeState.VERIFYING,
            List.of("run connectivity smoke tests on " + green),
            List.of(),
            List.of(),
            List.of()));
    if (r.plan().approvalGates().beforeShift()) {
      phases.add(
          phase(
              UpgradeState.AWAITING_SHIFT_APPROVAL,
              List.of("wait for a person to approve the first traffic shift"),
              List.of(),
              List.of(),
              List.of()));
    }
    List<String> shiftActions = new ArrayList<>();
    for (int i = 0; i < r.plan().steps().size(); i++) {
      TrafficStep s = r.plan().steps().get(i);
      shiftActions.add(
          "step "
              + i
              + ": "
              + switch (s.type()) {
                case SET_WEIGHT ->
                    "send " + s.weight() + "% to green, " + (100 - s.weight()) + "% to blue";
                case ANALYSIS -> "run analysis '" + s.analysis() + "' comparing green with blue";
                case PAUSE ->
                    s.duration() == null ? "pause until promoted" : "pause for " + s.duration();
              });
    }
    phases.add(
        phase(
            UpgradeState.SHIFTING,
            shiftActions,
            List.of(),
            List.of("weights of the ALB listener rule forwarding to " + blue + " and " + green),
            List.of()));
    phases.add(
        phase(
            UpgradeState.HANDOVER,
            List.of("suspend CronJobs on " + blue, "resume CronJobs on " + green),
            List.of(),
            List.of("CronJobs of " + blue + " and " + green),
            List.of()));
    phases.add(
        phase(
            UpgradeState.SOAKING,
            List.of("keep " + blue + " for " + r.plan().retention() + " in case of rollback"),
            List.of(),
            List.of(),
            List.of()));
    if (r.plan().approvalGates().beforeDecommission()) {
      phases.add(
          phase(
              UpgradeState.AWAITING_DECOMMISSION_APPROVAL,
              List.of("wait for a person to approve deleting " + blue),
              List.of(),
              List.of(),
              List.of()));
    }
    phases.add(
        phase(
            UpgradeState.DECOMMISSIONING,
            List.of("drain and delete " + blue),
            List.of(),
            List.of(),
            List.of(
                "node groups of " + blue,
                "EKS cluster " + blue,
                "target group of " + blue,
                "Argo CD registration of " + blue)));
    return new DryRunPlan(
        r.upgradeId(), blue, green, r.currentVersion(), r.targetVersion(), List.copyOf(phases));
  }

  private static PlannedPhase phase(
      UpgradeState state,
      List<String> actions,
      List<String> creates,
      List<String> changes,
      List<String> deletes) {
    return new PlannedPhase(state, actions, creates, changes, deletes);
  }
}
