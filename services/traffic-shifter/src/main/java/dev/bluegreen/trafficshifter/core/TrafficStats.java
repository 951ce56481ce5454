package dev.bluegreen.trafficshifter.core;

/**
 * What one target group served over one window, from the ALB's CloudWatch metrics.
 *
 * @param requests RequestCount sum
 * @param errors HTTPCode_Target_5XX_Count sum
 * @param responseTimeSum TargetResponseTime sum (seconds, over all requests)
 * @param responseTimeSamples TargetResponseTime sample count
 */
public record TrafficStats(
    long requests, long errors, double responseTimeSum, double responseTimeSamples) {

  /** No traffic at all. */
  public static final TrafficStats NONE = new TrafficStats(0, 0, 0, 0);

  /** 5xx share of requests; null without requests (no evidence, not a perfect score). */
  public Double errorRate() {
    return requests == 0 ? null : (double) errors / requests;
  }

  /** Mean target response time in seconds; null without samples. */
  public Double meanResponseTime() {
    return responseTimeSamples == 0 ? null : responseTimeSum / responseTimeSamples;
  }
}
