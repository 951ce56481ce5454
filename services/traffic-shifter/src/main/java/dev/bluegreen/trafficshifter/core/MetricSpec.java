package dev.bluegreen.trafficshifter.core;

/**
 * One metric of an analysis.
 *
 * @param name the metric's name in measurements, e.g. {@code error-rate}
 * @param source where the numbers come from
 * @param success green passes a measurement when this holds
 * @param failure green fails a measurement when this does not hold; between the two the measurement
 *     is inconclusive. Same as {@code success} when not configured.
 */
public record MetricSpec(String name, MetricSource source, Condition success, Condition failure) {

  public MetricSpec {
    if (failure == null) {
      failure = success;
    }
  }
}
