package dev.bluegreen.decommissioner.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guards checked right before every destructive step, against a fresh {@link GuardObservation}:
 * no rule sends blue any weight, green is ACTIVE and serving, and blue's CronJobs are all
 * suspended. The first guard that fails is reported with its evidence.
 */
public final class Guards {

  /** A listener rule still sends blue's target group weight. */
  public static final String BLUE_RECEIVES_TRAFFIC = "BLUE_RECEIVES_TRAFFIC";

  /** Green's cluster is missing or not ACTIVE. */
  public static final String GREEN_NOT_ACTIVE = "GREEN_NOT_ACTIVE";

  /** Green's target group is missing or has no healthy target. */
  public static final String GREEN_NOT_SERVING = "GREEN_NOT_SERVING";

  /** A CronJob on blue is not suspended. */
  public static final String BLUE_CRONJOBS_ACTIVE = "BLUE_CRONJOBS_ACTIVE";

  /** Blue's Kubernetes API could not be read, so its CronJobs cannot be checked. */
  public static final String BLUE_API_UNREACHABLE = "BLUE_API_UNREACHABLE";

  private Guards() {}

  /** The first failing guard, or empty when every guard holds. */
  public static Optional<Failure> check(Blue blue, GuardObservation seen) {
    return noTrafficToBlue(seen)
        .or(() -> greenActive(blue, seen))
        .or(() -> greenServing(blue, seen))
        .or(() -> blueCronJobsSuspended(blue, seen));
  }

  static Optional<Failure> noTrafficToBlue(GuardObservation seen) {
    if (seen.blueTargetGroupArn().isEmpty()) {
      return Optional.empty();
    }
    String blueTg = seen.blueTargetGroupArn().get();
    for (Observed.Rule rule : seen.rules()) {
      int weight = rule.weightOf(blueTg);
      if (weight > 0) {
        int total = rule.forward().stream().mapToInt(Observed.WeightedTarget::weight).sum();
        Map<String, Object> weights = new LinkedHashMap<>();
        rule.forward().forEach(t -> weights.put(t.targetGroupArn(), t.weight()));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("ruleArn", rule.ruleArn());
        evidence.put("listenerArn", rule.listenerArn());
        evidence.put("blueTargetGroupArn", blueTg);
        evidence.put("blueWeight", weight);
        evidence.put("weights", weights);
        return Optional.of(
            new Failure(
                "listener rule "
                    + rule.ruleArn()
                    + " still sends blue's target group weight "
                    + weight
                    + " of "
                    + total,
                BLUE_RECEIVES_TRAFFIC,
                false,
                evidence));
      }
    }
    return Optional.empty();
  }

  static Optional<Failure> greenActive(Blue blue, GuardObservation seen) {
    if (seen.green().isEmpty()) {
      return Optional.of(
          new Failure(
              "green cluster " + blue.greenCluster() + " does not exist",
              GREEN_NOT_ACTIVE,
              false,
              Map.of("greenCluster", blue.greenCluster())));
    }
    Observed.Cluster green = seen.green().get();
    if (!"ACTIVE".equals(green.status())) {
      // A green that is updating or being created may become ACTIVE again: worth retrying.
      boolean transitional = "UPDATING".equals(green.status()) || "CREATING".equals(green.status());
      return Optional.of(
          new Failure(
              "green cluster " + green.name() + " is " + green.status() + ", not ACTIVE",
              GREEN_NOT_ACTIVE,
              transitional,
              Map.of("greenCluster", green.arn(), "status", green.status())));
    }
    return Optional.empty();
  }

  static Optional<Failure> greenServing(Blue blue, GuardObservation seen) {
    if (seen.greenTargetGroup().isEmpty()) {
      return Optional.of(
          new Failure(
              "green's target group " + blue.greenTargetGroupName() + " does not exist",
              GREEN_NOT_SERVING,
              false,
              Map.of("greenTargetGroupName", blue.greenTargetGroupName())));
    }
    Observed.TargetGroup greenTg = seen.greenTargetGroup().get();
    String tagged = greenTg.tags().get(blue.conventions().clusterTagKey());
    if (!blue.greenCluster().equals(tagged)) {
      // Health of a target group that is not green's says nothing about green.
      return Optional.of(
          new Failure(
              "target group " + greenTg.arn() + " is not tagged as green's",
              GREEN_NOT_SERVING,
              false,
              Map.of(
                  "greenTargetGroupArn",
                  greenTg.arn(),
                  "tag",
                  blue.conventions().clusterTagKey() + "=" + tagged)));
    }
    if (seen.greenHealthyTargets() < 1) {
      String arn = seen.greenTargetGroup().get().arn();
      return Optional.of(
          new Failure(
              "green's target group " + arn + " has no healthy target",
              GREEN_NOT_SERVING,
              true,
              Map.of(
                  "greenTargetGroupArn",
                  arn,
                  "healthyTargets",
                  seen.greenHealthyTargets(),
                  "targets",
                  seen.greenTargets())));
    }
    return Optional.empty();
  }

  static Optional<Failure> blueCronJobsSuspended(Blue blue, GuardObservation seen) {
    GuardObservation.CronJobs cronJobs = seen.blueCronJobs();
    if (cronJobs instanceof GuardObservation.Unreachable u) {
      return Optional.of(
          new Failure(
              "cannot check blue's CronJobs: " + u.error(),
              BLUE_API_UNREACHABLE,
              true,
              Map.of("blueCluster", blue.cluster(), "error", u.error())));
    }
    if (cronJobs instanceof GuardObservation.Listed listed) {
      List<String> running = new ArrayList<>();
      for (Observed.CronJob cj : listed.cronJobs()) {
        if (!cj.suspended()) {
          running.add(cj.namespace() + "/" + cj.name());
        }
      }
      if (!running.isEmpty()) {
        return Optional.of(
            new Failure(
                "CronJobs on blue are not suspended: " + String.join(", ", running),
                BLUE_CRONJOBS_ACTIVE,
                false,
                Map.of("blueCluster", blue.cluster(), "unsuspended", running)));
      }
    }
    // ClusterGone: nothing can run on a cluster that no longer exists.
    return Optional.empty();
  }
}
