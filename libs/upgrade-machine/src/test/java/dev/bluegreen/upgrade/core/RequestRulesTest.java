package dev.bluegreen.upgrade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.StepType;
import dev.bluegreen.contracts.events.TrafficStep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

  private static final Set<String> SUPPORTED = Set.of("1.29", "1.30", "1.31", "1.32");

  private static RequestRules.Violation only(List<RequestRules.Violation> v) {
    assertEquals(1, v.size(), v.toString());
    return v.get(0);
  }

  @Test
  void nextMinorVersion_isAccepted() {
    assertTrue(RequestRules.checkVersions("1.31", Optional.of("1.30"), SUPPORTED, 1).isEmpty());
  }

  @Test
  void malformedVersion_is400OnTargetVersion() {
    var v = only(RequestRules.checkVersions("v1.31", Optional.empty(), SUPPORTED, 1));
    assertEquals(400, v.status());
    assertEquals("targetVersion", v.field());
  }

  @Test
  void unknownVersion_is422() {
    assertEquals(
        422, only(RequestRules.checkVersions("1.99", Optional.empty(), SUPPORTED, 1)).status());
  }

  @Test
  void downgrade_is422() {
    assertTrue(
        only(RequestRules.checkVersions("1.29", Optional.of("1.30"), SUPPORTED, 1))
            .detail()
            .contains("downgrade"));
  }

  @Test
  void sameVersion_is422() {
    assertTrue(
        only(RequestRules.checkVersions("1.30", Optional.of("1.30"), SUPPORTED, 1))
            .detail()
            .contains("already on"));
  }

  @Test
  void skippingMinorVersions_is422() {
    assertTrue(
        only(RequestRules.checkVersions("1.32", Optional.of("1.30"), SUPPORTED, 1))
            .detail()
            .contains("skips"));
  }

  @Test
  void unknownCurrentVersion_onlyChecksTheTarget() {
    assertTrue(RequestRules.checkVersions("1.32", Optional.empty(), SUPPORTED, 1).isEmpty());
  }

  @Test
  void defaultSteps_areValid() {
    assertTrue(RequestRules.checkSteps(RequestRules.DEFAULT_STEPS).isEmpty());
  }

  @Test
  void stepsNotEndingAt100_areRejected() {
    var v =
        only(
            RequestRules.checkSteps(List.of(TrafficStep.setWeight(10), TrafficStep.setWeight(50))));
    assertEquals("steps", v.field());
  }

  @Test
  void weightOutOfRange_namesTheStep() {
    var v = only(RequestRules.checkSteps(List.of(TrafficStep.setWeight(101))));
    assertEquals("steps[0].weight", v.field());
  }

  @Test
  void negativePause_isRejected() {
    var v =
        only(
            RequestRules.checkSteps(
                List.of(TrafficStep.pause(Duration.ofMinutes(-1)), TrafficStep.setWeight(100))));
    assertEquals("steps[0].duration", v.field());
  }

  @Test
  void pauseWithoutDuration_isFine_itWaitsForPromote() {
    assertTrue(
        RequestRules.checkSteps(List.of(TrafficStep.pause(null), TrafficStep.setWeight(100)))
            .isEmpty());
  }

  @Test
  void analysisWithoutName_isRejected() {
    var v =
        only(
            RequestRules.checkSteps(
                List.of(
                    new TrafficStep(StepType.ANALYSIS, null, null, " "),
                    TrafficStep.setWeight(100))));
    assertEquals("steps[0].analysis", v.field());
  }

  @Test
  void weightOnAPauseStep_isRejected() {
    var v =
        only(
            RequestRules.checkSteps(
                List.of(
                    new TrafficStep(StepType.PAUSE, 5, null, null), TrafficStep.setWeight(100))));
    assertEquals("steps[0].weight", v.field());
  }

  @Test
  void emptySteps_areRejected() {
    assertEquals("steps", only(RequestRules.checkSteps(List.of())).field());
  }

  @Test
  void bakeTime_addsAPauseAfterEachWeightBelow100() {
    var steps = RequestRules.withBakeTime(RequestRules.DEFAULT_STEPS, Duration.ofMinutes(10));
    assertEquals(8, steps.size());
    assertEquals(StepType.PAUSE, steps.get(1).type());
    assertEquals(Duration.ofMinutes(10), steps.get(1).duration());
  }

  @Test
  void negativeRetention_isRejected() {
    assertEquals(
        "retention", only(RequestRules.checkPositive("retention", Duration.ofHours(-1))).field());
  }

  @Test
  void plan_ofAnEmptyRequest_isTheDefaultPlan() {
    RequestRules.Planned p =
        RequestRules.plan(
            new RequestRules.PlanRequest(null, null, null, null, null), Duration.ofHours(24));
    assertTrue(p.violations().isEmpty());
    assertEquals(RequestRules.DEFAULT_STEPS, p.plan().steps());
    assertEquals(Duration.ofHours(24), p.plan().retention());
  }

  @Test
  void plan_namesEveryBrokenRule_andMakesNoPlan() {
    RequestRules.Planned p =
        RequestRules.plan(
            new RequestRules.PlanRequest(
                null,
                Duration.ZERO,
                null,
                null,
                java.util.Map.of("warpdrive", Duration.ofMinutes(5))),
            Duration.ofHours(24));
    assertEquals(null, p.plan());
    assertEquals(
        List.of("bakeTime", "phaseTimeouts.warpdrive"),
        p.violations().stream().map(RequestRules.Violation::field).toList());
  }
}
