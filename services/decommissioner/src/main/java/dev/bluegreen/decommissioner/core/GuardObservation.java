package dev.bluegreen.decommissioner.core;

import java.util.List;
import java.util.Optional;

/**
 * What the guards need, read from the cloud right before a destructive step.
 *
 * @param blueTargetGroupArn blue's target group, if it still exists
 * @param rules every rule of every listener of the load balancers in front of blue and green
 * @param green green's EKS cluster, if found
 * @param greenTargetGroup green's target group, if found
 * @param greenHealthyTargets targets of green's target group reported healthy
 * @param greenTargets all targets registered in green's target group
 * @param blueCronJobs blue's CronJobs, as its Kubernetes API answered
 */
public record GuardObservation(
    Optional<String> blueTargetGroupArn,
    List<Observed.Rule> rules,
    Optional<Observed.Cluster> green,
    Optional<Observed.TargetGroup> greenTargetGroup,
    int greenHealthyTargets,
    int greenTargets,
    CronJobs blueCronJobs) {
  public GuardObservation {
    rules = List.copyOf(rules);
  }

  /** How blue's Kubernetes API answered the CronJob listing. */
  public sealed interface CronJobs {}

  /** Blue's cluster is gone, so nothing can run there. */
  public record ClusterGone() implements CronJobs {}

  /** The CronJobs of every namespace. */
  public record Listed(List<Observed.CronJob> cronJobs) implements CronJobs {
    public Listed {
      cronJobs = List.copyOf(cronJobs);
    }
  }

  /** Blue's API could not be read. */
  public record Unreachable(String error) implements CronJobs {}
}
