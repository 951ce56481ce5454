package dev.bluegreen.trafficshifter.config;

import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.contracts.naming.PhysicalNames;
import dev.bluegreen.trafficshifter.core.Condition;
import dev.bluegreen.trafficshifter.core.MetricSource;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The traffic shifter's configuration. Prefix {@code bluegreen.traffic-shifter}. */
@ConfigMapping(prefix = "bluegreen.traffic-shifter")
public interface TrafficShifterConfig {

  /** How a cluster's target group and the blue/green listener rule are found. */
  Discovery discovery();

  /** How a rule change is verified by reading it back. */
  Verification verification();

  /** How CloudWatch metrics are queried. */
  Metrics metrics();

  /** The analysis run when a RunAnalysis command names none. */
  @WithDefault("default")
  String defaultAnalysis();

  /** Named analyses, declared here and referred to by name from a plan's analysis steps. */
  Map<String, Analysis> analyses();

  /** Discovery convention. */
  interface Discovery {
    /**
     * Tag on a target group whose value is the EKS cluster it reaches. Each cluster has exactly
     * one; the blue/green rule is the one listener rule whose forward action includes blue's.
     */
    @WithDefault(ClusterTags.CLUSTER)
    String clusterTagKey();

    /**
     * The name a cluster's target group usually has ({@code {cluster}} is replaced; the provisioner
     * names green's so): looked up first, and taken when its tag names the cluster, so discovery
     * costs two calls instead of a scan of every target group in the region.
     */
    @WithDefault(PhysicalNames.DEFAULT_TARGET_GROUP_PATTERN)
    String targetGroupName();
  }

  /** Read-back verification of rule changes. */
  interface Verification {
    /** How long the new weights must keep being read back before a step counts as done. */
    @WithDefault("PT15S")
    Duration settleTime();

    /** Give up verifying (and report a retryable failure) after this long. */
    @WithDefault("PT5M")
    Duration deadline();

    /** Pause between two reads of the rule. */
    @WithDefault("PT1S")
    Duration readInterval();
  }

  /** CloudWatch queries. */
  interface Metrics {
    /** GetMetricData period; ALB metrics have 1-minute resolution in real CloudWatch. */
    @WithDefault("PT1M")
    Duration period();

    /**
     * How long after a window ends its metrics are read: CloudWatch publishes ALB metrics with a
     * delay, so reading at once would undercount green's requests.
     */
    @WithDefault("PT2M")
    Duration lag();
  }

  /** A named analysis. */
  interface Analysis {
    /** Length of one measurement window. */
    @WithDefault("PT1M")
    Duration interval();

    /** Number of windows measured. */
    @WithDefault("5")
    int count();

    /** Failed measurements tolerated; one more fails the analysis. */
    @WithDefault("0")
    int failureLimit();

    /** Inconclusive measurements tolerated; one more makes the analysis inconclusive. */
    @WithDefault("1")
    int inconclusiveLimit();

    /** Requests green must serve in a window for a traffic metric to judge it. */
    @WithDefault("100")
    long minRequests();

    /** The metrics measured in every window, by name. */
    Map<String, Metric> metrics();
  }

  /** One metric of an analysis: green compared with blue over the same window. */
  interface Metric {
    /** What is measured: error-rate, response-time or healthy-targets. */
    MetricSource source();

    /** at-most (lower is better) or at-least; defaults by source. */
    Optional<Condition.Direction> direction();

    /** Success: green within blue's value times this factor ... */
    @WithDefault("1.0")
    double factor();

    /** ... or within this absolute bound, whichever is looser. */
    @WithDefault("0")
    double floor();

    /** Failure: factor of the failure condition; the success factor when absent. */
    Optional<Double> failureFactor();

    /** Failure: absolute bound of the failure condition; the success floor when absent. */
    Optional<Double> failureFloor();
  }
}
