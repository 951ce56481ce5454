package dev.bluegreen.trafficshifter.core;

import java.util.List;

/**
 * A listener rule as read back from ELBv2: its weighted forward action. It is the only truth about
 * where traffic goes; the service keeps no copy of it between commands.
 *
 * @param ruleArn the rule
 * @param listenerArn the listener it belongs to (names the load balancer, for metric dimensions)
 * @param forward the target groups it forwards to, with their weights
 */
public record TrafficRule(String ruleArn, String listenerArn, List<ForwardTarget> forward) {

  public TrafficRule {
    forward = List.copyOf(forward);
  }

  /** The weight the rule gives a target group; 0 when the group is not in the forward action. */
  public int weightOf(String targetGroupArn) {
    return forward.stream()
        .filter(t -> t.targetGroupArn().equals(targetGroupArn))
        .mapToInt(ForwardTarget::weight)
        .sum();
  }

  /** Whether the rule forwards to the target group at all (with any weight, 0 included). */
  public boolean includes(String targetGroupArn) {
    return forward.stream().anyMatch(t -> t.targetGroupArn().equals(targetGroupArn));
  }

  /** Target groups other than blue's and green's that receive traffic. */
  public List<ForwardTarget> othersWithTraffic(String blueArn, String greenArnOrNull) {
    return forward.stream()
        .filter(t -> !t.targetGroupArn().equals(blueArn))
        .filter(t -> greenArnOrNull == null || !t.targetGroupArn().equals(greenArnOrNull))
        .filter(t -> t.weight() > 0)
        .toList();
  }

  /**
   * Whether the rule splits traffic between blue and green exactly in the proportion of {@code
   * desired} and sends nothing anywhere else. Proportions, not raw numbers: {@code blue=900,
   * green=100} is the same split as {@code 90/10}.
   */
  public boolean splits(String blueArn, String greenArnOrNull, Weights desired) {
    if (!othersWithTraffic(blueArn, greenArnOrNull).isEmpty()) {
      return false;
    }
    long blue = weightOf(blueArn);
    long green = greenArnOrNull == null ? 0 : weightOf(greenArnOrNull);
    if (blue + green == 0) {
      return false;
    }
    return blue * desired.green() == green * desired.blue();
  }

  /** The split between blue and green in percent (rounded; 0/0 when neither gets traffic). */
  public Weights observed(String blueArn, String greenArnOrNull) {
    int total = forward.stream().mapToInt(ForwardTarget::weight).sum();
    if (total == 0) {
      return new Weights(0, 0);
    }
    int blue = (int) Math.round(100.0 * weightOf(blueArn) / total);
    int green =
        greenArnOrNull == null ? 0 : (int) Math.round(100.0 * weightOf(greenArnOrNull) / total);
    return new Weights(blue, green);
  }
}
