package dev.bluegreen.trafficshifter.core;

import java.time.Instant;

/**
 * One metric read for blue and green over the same window.
 *
 * @param metric the metric
 * @param windowIndex 1-based index of the window in the analysis
 * @param from window start (inclusive)
 * @param to window end (exclusive)
 * @param blueValue blue's value; null when there was no data
 * @param greenValue green's value; null when there was no data
 * @param blueRequests requests blue served in the window
 * @param greenRequests requests green served in the window
 */
public record Observation(
    MetricSpec metric,
    int windowIndex,
    Instant from,
    Instant to,
    Double blueValue,
    Double greenValue,
    long blueRequests,
    long greenRequests) {}
