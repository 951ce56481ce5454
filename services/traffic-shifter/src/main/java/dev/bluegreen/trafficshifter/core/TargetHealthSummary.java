package dev.bluegreen.trafficshifter.core;

/**
 * What DescribeTargetHealth said about one target group.
 *
 * @param healthy targets in state {@code healthy}
 * @param total registered targets
 */
public record TargetHealthSummary(int healthy, int total) {

  /** Whether at least one target can take traffic. */
  public boolean canTakeTraffic() {
    return healthy > 0;
  }

  /** Healthy share 0..1; 0 when no target is registered. */
  public double healthyRatio() {
    return total == 0 ? 0 : (double) healthy / total;
  }

  @Override
  public String toString() {
    return healthy + "/" + total + " healthy";
  }
}
