package dev.bluegreen.trafficshifter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.Measurement;
import dev.bluegreen.contracts.events.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalysisEvaluationTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final MetricSpec ERROR_RATE =
      new MetricSpec(
          "error-rate",
          MetricSource.ERROR_RATE,
          new Condition(Condition.Direction.AT_MOST, 1.2, 0.001),
          null);
  static final MetricSpec HEALTH =
      new MetricSpec(
          "healthy-targets",
          MetricSource.HEALTHY_TARGETS,
          new Condition(Condition.Direction.AT_LEAST, 1.0, 1.0),
          null);
  static final AnalysisSpec SPEC =
      new AnalysisSpec("default", Duration.ofMinutes(1), 3, 0, 1, 50, List.of(ERROR_RATE, HEALTH));

  static Observation errorRate(Double blue, Double green, long greenRequests) {
    return new Observation(ERROR_RATE, 1, T0, T0.plusSeconds(60), blue, green, 1000, greenRequests);
  }

  @Test
  void greenErrorRateWithinBlueTimes1point2_isSuccessful() {
    Measurement m = AnalysisEvaluation.measure(SPEC, errorRate(0.01, 0.011, 500));

    assertEquals(Verdict.SUCCESSFUL, m.result());
    assertEquals(500L, m.greenRequests());
    assertTrue(m.condition().contains("max(blue × 1.2, 0.001)"), m.condition());
  }

  @Test
  void greenErrorRateAboveTheLimit_isFailed() {
    assertEquals(
        Verdict.FAILED, AnalysisEvaluation.measure(SPEC, errorRate(0.01, 0.2, 500)).result());
  }

  @Test
  void aPerfectBlue_doesNotMakeTinyGreenNoiseAFailure_thanksToTheFloor() {
    assertEquals(
        Verdict.SUCCESSFUL, AnalysisEvaluation.measure(SPEC, errorRate(0.0, 0.0009, 500)).result());
  }

  @Test
  void greenWithTooFewRequests_isInconclusive_notFailed() {
    Measurement m = AnalysisEvaluation.measure(SPEC, errorRate(0.0, 1.0, 3));

    assertEquals(Verdict.INCONCLUSIVE, m.result());
    assertTrue(m.condition().contains("too little traffic"), m.condition());
  }

  @Test
  void betweenSuccessAndFailureConditions_isInconclusive() {
    var metric =
        new MetricSpec(
            "error-rate",
            MetricSource.ERROR_RATE,
            new Condition(Condition.Direction.AT_MOST, 1.2, 0.001),
            new Condition(Condition.Direction.AT_MOST, 2.0, 0.01));
    var o = new Observation(metric, 1, T0, T0.plusSeconds(60), 0.01, 0.015, 1000, 1000);

    assertEquals(Verdict.INCONCLUSIVE, AnalysisEvaluation.measure(SPEC, o).result());
  }

  @Test
  void healthMetric_ignoresRequestCount() {
    var o = new Observation(HEALTH, 1, T0, T0.plusSeconds(60), 1.0, 0.5, 0, 0);

    assertEquals(Verdict.FAILED, AnalysisEvaluation.measure(SPEC, o).result());
  }

  static Measurement m(Verdict v) {
    return new Measurement("x", null, null, null, "c", v);
  }

  @Test
  void oneFailureBeyondTheLimit_failsTheAnalysisEarly() {
    assertEquals(
        Optional.of(Verdict.FAILED),
        AnalysisEvaluation.early(SPEC, List.of(m(Verdict.SUCCESSFUL), m(Verdict.FAILED))));
  }

  @Test
  void inconclusiveWithinTheLimit_stillSucceeds() {
    assertEquals(
        Verdict.SUCCESSFUL,
        AnalysisEvaluation.verdict(SPEC, List.of(m(Verdict.SUCCESSFUL), m(Verdict.INCONCLUSIVE))));
  }

  @Test
  void inconclusiveBeyondTheLimit_isInconclusive() {
    assertEquals(
        Verdict.INCONCLUSIVE,
        AnalysisEvaluation.verdict(
            SPEC, List.of(m(Verdict.INCONCLUSIVE), m(Verdict.INCONCLUSIVE))));
  }

  @Test
  void failuresWinOverInconclusive() {
    assertEquals(
        Verdict.FAILED,
        AnalysisEvaluation.verdict(
            SPEC, List.of(m(Verdict.INCONCLUSIVE), m(Verdict.INCONCLUSIVE), m(Verdict.FAILED))));
  }

  @Test
  void windowsStartOnAWholePeriod() {
    assertEquals(
        Instant.parse("2026-01-01T00:01:00Z"),
        AnalysisEvaluation.alignUp(
            Instant.parse("2026-01-01T00:00:00.001Z"), Duration.ofMinutes(1)));
    assertEquals(T0, AnalysisEvaluation.alignUp(T0, Duration.ofMinutes(1)));
  }
}
