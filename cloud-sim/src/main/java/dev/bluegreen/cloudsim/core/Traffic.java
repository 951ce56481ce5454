package dev.bluegreen.cloudsim.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Simulated client traffic. Each listener rule receives a steady request rate, split between its
 * target groups by weight; a cluster whose workloads are unhealthy answers a share of its requests
 * with 5xx and slower. Both weights and health are kept as histories so metrics for any past window
 * can be integrated exactly.
 */
public final class Traffic {
  /** Median target response time of healthy workloads. */
  public static final double HEALTHY_LATENCY_SECONDS = 0.040;

  private final World world;
  private final Map<String, List<WeightChange>> weightHistory = new HashMap<>();
  private final Map<String, List<HealthChange>> healthHistory = new HashMap<>();

  private record WeightChange(Instant at, List<TargetWeight> forward, double rps) {}

  private record HealthChange(Instant at, double errorRate) {}

  /**
   * Traffic one target group served in a window.
   *
   * @param requests request count
   * @param errors requests answered with 5xx by the targets
   * @param latencySeconds mean target response time (0 when there were no requests)
   */
  public record Sample(double requests, double errors, double latencySeconds) {}

  Traffic(World world) {
    this.world = world;
  }

  void weightsChanged(ListenerRule rule) {
    weightHistory
        .computeIfAbsent(rule.arn, k -> new ArrayList<>())
        .add(new WeightChange(world.now(), List.copyOf(rule.forward), rule.requestsPerSecond));
  }

  /** Sets the request rate a rule receives from now on. */
  public void setRequestRate(String ruleArn, double rps) {
    ListenerRule r = world.loadBalancing().rule(ruleArn);
    r.requestsPerSecond = rps;
    weightsChanged(r);
  }

  /** Sets the share of requests a cluster's workloads answer with 5xx from now on. */
  public void setErrorRate(String cluster, double errorRate) {
    healthHistory
        .computeIfAbsent(cluster, k -> new ArrayList<>())
        .add(new HealthChange(world.now(), Math.max(0, Math.min(1, errorRate))));
    if (world.hasKubeApi(cluster)) {
      world.kubeStore(cluster).refreshDeployments();
    }
  }

  /** The cluster's current 5xx share. */
  public double errorRate(String cluster) {
    return errorRateAt(cluster, world.now());
  }

  /** Integrates a target group's traffic over [from, to). */
  public Sample sample(String targetGroupArn, Instant from, Instant to) {
    TargetGroup tg = world.loadBalancing().targetGroup(targetGroupArn);
    TreeSet<Instant> cuts = new TreeSet<>();
    cuts.add(from);
    cuts.add(to);
    for (List<WeightChange> h : weightHistory.values()) {
      h.forEach(c -> addIfInside(cuts, c.at(), from, to));
    }
    healthHistory
        .getOrDefault(tg.cluster, List.of())
        .forEach(c -> addIfInside(cuts, c.at(), from, to));
    double requests = 0;
    double errors = 0;
    Instant previous = null;
    for (Instant cut : cuts) {
      if (previous != null) {
        double seconds = Duration.between(previous, cut).toMillis() / 1000.0;
        double rps = rateAt(tg.arn, previous);
        double segmentRequests = rps * seconds;
        requests += segmentRequests;
        errors += segmentRequests * errorRateAt(tg.cluster, previous);
      }
      previous = cut;
    }
    double errorShare = requests == 0 ? 0 : errors / requests;
    double latency = requests == 0 ? 0 : HEALTHY_LATENCY_SECONDS + 0.5 * errorShare;
    return new Sample(requests, errors, latency);
  }

  private static void addIfInside(TreeSet<Instant> cuts, Instant at, Instant from, Instant to) {
    if (at.isAfter(from) && at.isBefore(to)) {
      cuts.add(at);
    }
  }

  /** Requests per second reaching a target group at an instant, summed over all rules. */
  private double rateAt(String targetGroupArn, Instant at) {
    double rps = 0;
    for (List<WeightChange> history : weightHistory.values()) {
      WeightChange current = null;
      for (WeightChange c : history) {
        if (!c.at().isAfter(at)) {
          current = c;
        }
      }
      if (current == null) {
        continue;
      }
      int total = current.forward().stream().mapToInt(TargetWeight::weight).sum();
      for (TargetWeight tw : current.forward()) {
        if (tw.targetGroupArn().equals(targetGroupArn) && total > 0) {
          rps += current.rps() * tw.weight() / total;
        }
      }
    }
    return rps;
  }

  private double errorRateAt(String cluster, Instant at) {
    double rate = 0;
    for (HealthChange c : healthHistory.getOrDefault(cluster, List.of())) {
      if (!c.at().isAfter(at)) {
        rate = c.errorRate();
      }
    }
    return rate;
  }
}
