package dev.bluegreen.trafficshifter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.TrafficStep;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanValidationTest {

  @Test
  void theDefaultPlan_isValid() {
    assertEquals(
        List.of(),
        PlanValidation.problems(PlanValidation.defaultSteps("default"), Set.of("default")));
  }

  @Test
  void aWeightOutOfRange_isRejected() {
    var problems =
        PlanValidation.problems(
            List.of(TrafficStep.setWeight(150), TrafficStep.setWeight(100)), Set.of());
    assertTrue(problems.get(0).contains("0..100"), problems.toString());
  }

  @Test
  void aPauseThatCannotResume_andAnUnknownAnalysis_areRejected() {
    var problems =
        PlanValidation.problems(
            List.of(
                TrafficStep.pause(Duration.ZERO),
                TrafficStep.analysis("nope"),
                TrafficStep.setWeight(100)),
            Set.of("default"));
    assertEquals(2, problems.size(), problems.toString());
  }

  @Test
  void aPlanNotEndingAtFullGreen_isRejected() {
    assertEquals(
        List.of("the plan must end with green at 100%"),
        PlanValidation.problems(List.of(TrafficStep.setWeight(50)), Set.of()));
  }
}
