package dev.bluegreen.trafficshifter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficDecisionsTest {

  static final String BLUE = "arn:tg/blue";
  static final String GREEN = "arn:tg/green";
  static final TargetHealthSummary HEALTHY = new TargetHealthSummary(2, 2);
  static final TargetHealthSummary NONE_HEALTHY = new TargetHealthSummary(0, 2);

  static TrafficRule rule(ForwardTarget... forward) {
    return new TrafficRule("arn:rule", "arn:listener/app/alb/1/2", List.of(forward));
  }

  static TrafficSituation situation(TrafficRule rule, TargetHealthSummary green) {
    return new TrafficSituation(BLUE, GREEN, rule, HEALTHY, green);
  }

  @Test
  void setWeight_writesAbsoluteWeights_notAddedToWhatIsThere() {
    var s = situation(rule(new ForwardTarget(BLUE, 90), new ForwardTarget(GREEN, 10)), HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Modify.class, TrafficDecisions.setWeight(50, s));

    assertEquals(new Weights(50, 50), d.target());
    assertEquals(List.of(new ForwardTarget(BLUE, 50), new ForwardTarget(GREEN, 50)), d.forward());
  }

  @Test
  void setWeight_whenTheRuleAlreadySplitsThatWay_doesNotModifyAgain() {
    var s = situation(rule(new ForwardTarget(BLUE, 900), new ForwardTarget(GREEN, 100)), HEALTHY);

    assertInstanceOf(ShiftDecision.AlreadyInPlace.class, TrafficDecisions.setWeight(10, s));
  }

  @Test
  void setWeight_onGreenWithoutHealthyTargets_isRefused_andRetryable() {
    var s = situation(rule(new ForwardTarget(BLUE, 100)), NONE_HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(10, s));

    assertEquals(TrafficDecisions.NO_HEALTHY_TARGETS, d.errorCode());
    assertTrue(d.retryable());
  }

  @Test
  void setWeight_whenGreenTargetGroupIsMissing_isRefused() {
    var s = new TrafficSituation(BLUE, null, rule(new ForwardTarget(BLUE, 100)), HEALTHY, null);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(10, s));

    assertEquals(TrafficDecisions.GREEN_TARGET_GROUP_MISSING, d.errorCode());
  }

  @Test
  void setWeight_outOfRange_isRefused() {
    var s = situation(rule(new ForwardTarget(BLUE, 100)), HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(101, s));

    assertEquals(TrafficDecisions.INVALID_WEIGHT, d.errorCode());
  }

  @Test
  void setWeight_thatKeepsTrafficOnAnUnhealthyBlue_isRefused() {
    var s =
        new TrafficSituation(
            BLUE, GREEN, rule(new ForwardTarget(BLUE, 100)), NONE_HEALTHY, HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(50, s));

    assertEquals(TrafficDecisions.NO_HEALTHY_TARGETS, d.errorCode());
  }

  @Test
  void setWeight_whenTheRuleSendsTrafficElsewhere_isRefused() {
    var s =
        situation(
            rule(new ForwardTarget(BLUE, 50), new ForwardTarget("arn:tg/other", 50)), HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(10, s));

    assertEquals(TrafficDecisions.FOREIGN_TARGET_GROUP, d.errorCode());
  }

  @Test
  void rollBack_fromFullGreen_restoresAllBlue_evenWithUnhealthyGreen() {
    var s =
        situation(rule(new ForwardTarget(BLUE, 0), new ForwardTarget(GREEN, 100)), NONE_HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Modify.class, TrafficDecisions.rollBack(s));

    assertEquals(List.of(new ForwardTarget(BLUE, 100), new ForwardTarget(GREEN, 0)), d.forward());
  }

  @Test
  void rollBack_whenGreenTargetGroupIsGone_restoresBlueAlone() {
    var s = new TrafficSituation(BLUE, null, rule(new ForwardTarget(BLUE, 50)), null, null);

    var d = TrafficDecisions.rollBack(s);

    assertInstanceOf(ShiftDecision.AlreadyInPlace.class, d);
  }

  @Test
  void rollBack_whenGreenGoneButRuleStillNamesAnotherGroup_writesBlueAlone() {
    var s =
        new TrafficSituation(
            BLUE,
            null,
            rule(new ForwardTarget(BLUE, 50), new ForwardTarget("arn:tg/stale", 50)),
            null,
            null);

    var d = assertInstanceOf(ShiftDecision.Modify.class, TrafficDecisions.rollBack(s));

    assertEquals(List.of(new ForwardTarget(BLUE, 100)), d.forward());
  }

  @Test
  void observed_normalisesAbsoluteWeightsToPercent() {
    var r = rule(new ForwardTarget(BLUE, 450), new ForwardTarget(GREEN, 50));

    assertEquals(new Weights(90, 10), r.observed(BLUE, GREEN));
  }
}
