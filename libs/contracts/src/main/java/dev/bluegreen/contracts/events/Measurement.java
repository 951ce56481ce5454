package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;

/**
 * One metric measured over one window, green against blue.
 *
 * @param metric metric name
 * @param blueValue blue's value over the window
 * @param greenValue green's value over the window
 * @param greenRequests requests green served in the window
 * @param condition the condition evaluated
 * @param result verdict of this measurement
 */
public record Measurement(
    String metric,
    @OptionalField Double blueValue,
    @OptionalField Double greenValue,
    @OptionalField Long greenRequests,
    String condition,
    Verdict result) {}
