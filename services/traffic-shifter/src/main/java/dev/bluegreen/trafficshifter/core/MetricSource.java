package dev.bluegreen.trafficshifter.core;

/** Where a metric's numbers come from and what they mean. */
public enum MetricSource {
  /**
   * CloudWatch {@code AWS/ApplicationELB}: {@code HTTPCode_Target_5XX_Count} sum divided by {@code
   * RequestCount} sum over the window, per target group. Lower is better.
   */
  ERROR_RATE(Provider.CLOUDWATCH),
  /**
   * CloudWatch {@code AWS/ApplicationELB}: mean {@code TargetResponseTime} in seconds over the
   * window ({@code Sum / SampleCount}), per target group. Lower is better.
   */
  RESPONSE_TIME(Provider.CLOUDWATCH),
  /** ELBv2 DescribeTargetHealth at the end of the window: healthy share 0..1. Higher is better. */
  HEALTHY_TARGETS(Provider.TARGET_HEALTH);

  /** The API a metric is read from. */
  public enum Provider {
    /** CloudWatch GetMetricData over the ALB's target-group metrics. */
    CLOUDWATCH,
    /** ELBv2 DescribeTargetHealth. */
    TARGET_HEALTH
  }

  private final Provider provider;

  MetricSource(Provider provider) {
    this.provider = provider;
  }

  /** The API this metric is read from. */
  public Provider provider() {
    return provider;
  }

  /** Whether the metric says nothing when green served too few requests. */
  public boolean needsRequests() {
    return provider == Provider.CLOUDWATCH;
  }
}
