package dev.bluegreen.trafficshifter.core;

import dev.bluegreen.contracts.events.TrafficStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a plan's traffic steps before an upgrade starts (the orchestrator may reuse it at request
 * time). Pure.
 */
public final class PlanValidation {

  private PlanValidation() {}

  /** The default plan: 10% → analysis → 50% → analysis → 100% → analysis. */
  public static List<TrafficStep> defaultSteps(String analysis) {
    return List.of(
        TrafficStep.setWeight(10),
        TrafficStep.analysis(analysis),
        TrafficStep.setWeight(50),
        TrafficStep.analysis(analysis),
        TrafficStep.setWeight(100),
        TrafficStep.analysis(analysis));
  }

  /** What is wrong with the steps; empty when they can run. */
  public static List<String> problems(List<TrafficStep> steps, Set<String> knownAnalyses) {
    List<String> out = new ArrayList<>();
    if (steps == null || steps.isEmpty()) {
      out.add("a plan needs at least one step");
      return out;
    }
    Integer lastWeight = null;
    for (int i = 0; i < steps.size(); i++) {
      TrafficStep s = steps.get(i);
      String at = "step " + i + ": ";
      if (s.type() == null) {
        out.add(at + "type is required");
        continue;
      }
      switch (s.type()) {
        case SET_WEIGHT -> {
          if (s.weight() == null) {
            out.add(at + "setWeight needs a weight");
          } else if (s.weight() < 0 || s.weight() > 100) {
            out.add(at + "weight must be 0..100 (absolute, not cumulative), was " + s.weight());
          } else {
            lastWeight = s.weight();
          }
        }
        case PAUSE -> {
          // No duration = wait for a manual promote; a zero or negative one never resumes sensibly.
          if (s.duration() != null && (s.duration().isNegative() || s.duration().isZero())) {
            out.add(at + "a pause needs a positive duration, or none to wait for a promote");
          }
        }
        case ANALYSIS -> {
          if (s.analysis() == null || s.analysis().isBlank()) {
            out.add(at + "analysis needs a name");
          } else if (!knownAnalyses.contains(s.analysis())) {
            out.add(at + "unknown analysis '" + s.analysis() + "', known: " + knownAnalyses);
          }
        }
      }
    }
    if (lastWeight == null || lastWeight != 100) {
      out.add("the plan must end with green at 100%");
    }
    return out;
  }
}
