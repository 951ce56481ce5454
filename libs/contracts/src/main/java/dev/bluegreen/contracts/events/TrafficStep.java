package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.time.Duration;

/**
 * One traffic step of the plan.
 *
 * @param type the kind of step
 * @param weight green's absolute weight in percent, for setWeight
 * @param duration pause length; absent: wait for a manual promote
 * @param analysis name of the analysis, for analysis steps
 */
public record TrafficStep(
    StepType type,
    @OptionalField Integer weight,
    @OptionalField Duration duration,
    @OptionalField String analysis) {

  /** A step that sets green's absolute weight. */
  public static TrafficStep setWeight(int weight) {
    return new TrafficStep(StepType.SET_WEIGHT, weight, null, null);
  }

  /** A step that waits; a null duration waits for a manual promote. */
  public static TrafficStep pause(Duration duration) {
    return new TrafficStep(StepType.PAUSE, null, duration, null);
  }

  /** A step that runs a named analysis. */
  public static TrafficStep analysis(String name) {
    return new TrafficStep(StepType.ANALYSIS, null, null, name);
  }
}
