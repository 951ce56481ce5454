package dev.bluegreen.trafficshifter.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A named analysis, declared in configuration: which metrics to compare, how often and how many
 * times, and how many bad measurements it tolerates.
 *
 * @param name the name a plan's analysis step refers to
 * @param interval length of one measurement window
 * @param count number of windows measured
 * @param failureLimit failed measurements tolerated; one more fails the analysis
 * @param inconclusiveLimit inconclusive measurements tolerated; one more makes it inconclusive
 * @param minRequests green requests in a window below which a traffic metric is inconclusive
 * @param metrics the metrics measured in every window
 */
public record AnalysisSpec(
    String name,
    Duration interval,
    int count,
    int failureLimit,
    int inconclusiveLimit,
    long minRequests,
    List<MetricSpec> metrics) {

  public AnalysisSpec {
    metrics = List.copyOf(metrics);
  }

  /** What is wrong with this declaration; empty when it can run. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (interval == null || interval.isZero() || interval.isNegative()) {
      out.add("analysis " + name + ": interval must be positive");
    }
    if (count < 1) {
      out.add("analysis " + name + ": count must be at least 1");
    }
    if (failureLimit < 0 || inconclusiveLimit < 0 || minRequests < 0) {
      out.add("analysis " + name + ": limits and minimum requests must not be negative");
    }
    if (metrics.isEmpty()) {
      out.add("analysis " + name + ": at least one metric is needed");
    }
    return out;
  }
}
