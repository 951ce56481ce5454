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
  static final TrafficStamp STEP_1 = TrafficStamp.step("u-1", 1);
  static final TrafficStamp ROLLBACK = TrafficStamp.rollback("u-1");

  static TrafficRule rule(ForwardTarget... forward) {
    return new TrafficRule("arn:rule", "arn:listener/app/alb/1/2", List.of(forward));
  }

  static TrafficSituation situation(TrafficRule rule, TargetHealthSummary green) {
    return new TrafficSituation(BLUE, GREEN, rule, HEALTHY, green);
  }

  @Test
  void setWeight_writesAbsoluteWeights_notAddedToWhatIsThere() {
    var s = situation(rule(new ForwardTarget(BLUE, 90), new ForwardTarget(GREEN, 10)), HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Modify.class, TrafficDecisions.setWeight(50, STEP_1, s));

    assertEquals(new Weights(50, 50), d.target());
    assertEquals(List.of(new ForwardTarget(BLUE, 50), new ForwardTarget(GREEN, 50)), d.forward());
  }

  @Test
  void setWeight_whenTheRuleAlreadySplitsThatWay_doesNotModifyAgain() {
    var s = situation(rule(new ForwardTarget(BLUE, 900), new ForwardTarget(GREEN, 100)), HEALTHY);

    assertInstanceOf(ShiftDecision.AlreadyInPlace.class, TrafficDecisions.setWeight(10, STEP_1, s));
  }

  @Test
  void setWeight_onGreenWithoutHealthyTargets_isRefused_andRetryable() {
    var s = situation(rule(new ForwardTarget(BLUE, 100)), NONE_HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(10, STEP_1, s));

    assertEquals(TrafficDecisions.NO_HEALTHY_TARGETS, d.errorCode());
    assertTrue(d.retryable());
  }

  @Test
  void setWeight_whenGreenTargetGroupIsMissing_isRefused() {
    var s = new TrafficSituation(BLUE, null, rule(new ForwardTarget(BLUE, 100)), HEALTHY, null);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(10, STEP_1, s));

    assertEquals(TrafficDecisions.GREEN_TARGET_GROUP_MISSING, d.errorCode());
  }

  @Test
  void setWeight_outOfRange_isRefused() {
    var s = situation(rule(new ForwardTarget(BLUE, 100)), HEALTHY);

    var d =
        assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(101, STEP_1, s));

    assertEquals(TrafficDecisions.INVALID_WEIGHT, d.errorCode());
  }

  @Test
  void setWeight_thatKeepsTrafficOnAnUnhealthyBlue_isRefused() {
    var s =
        new TrafficSituation(
            BLUE, GREEN, rule(new ForwardTarget(BLUE, 100)), NONE_HEALTHY, HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(50, STEP_1, s));

    assertEquals(TrafficDecisions.NO_HEALTHY_TARGETS, d.errorCode());
  }

  @Test
  void setWeight_whenTheRuleSendsTrafficElsewhere_isRefused() {
    var s =
        situation(
            rule(new ForwardTarget(BLUE, 50), new ForwardTarget("arn:tg/other", 50)), HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Refuse.class, TrafficDecisions.setWeight(10, STEP_1, s));

    assertEquals(TrafficDecisions.FOREIGN_TARGET_GROUP, d.errorCode());
  }

  @Test
  void rollBack_fromFullGreen_restoresAllBlue_evenWithUnhealthyGreen() {
    var s =
        situation(rule(new ForwardTarget(BLUE, 0), new ForwardTarget(GREEN, 100)), NONE_HEALTHY);

    var d = assertInstanceOf(ShiftDecision.Modify.class, TrafficDecisions.rollBack(ROLLBACK, s));

    assertEquals(List.of(new ForwardTarget(BLUE, 100), new ForwardTarget(GREEN, 0)), d.forward());
  }

  @Test
  void rollBack_whenGreenTargetGroupIsGone_restoresBlueAlone() {
    var s = new TrafficSituation(BLUE, null, rule(new ForwardTarget(BLUE, 50)), null, null);

    var d = TrafficDecisions.rollBack(ROLLBACK, s);

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

    var d = assertInstanceOf(ShiftDecision.Modify.class, TrafficDecisions.rollBack(ROLLBACK, s));

    assertEquals(List.of(new ForwardTarget(BLUE, 100)), d.forward());
  }

  @Test
  void observed_normalisesAbsoluteWeightsToPercent() {
    var r = rule(new ForwardTarget(BLUE, 450), new ForwardTarget(GREEN, 50));

    assertEquals(new Weights(90, 10), r.observed(BLUE, GREEN));
  }

  static TrafficSituation stamped(TrafficRule rule, TrafficStamp stamp) {
    return new TrafficSituation(BLUE, GREEN, rule, HEALTHY, HEALTHY, stamp);
  }

  @Test
  void setWeight_redeliveredAfterALaterStepWroteTheRule_isSuperseded_andDoesNotMoveTraffic() {
    // The chaos finding: step 1 (50%) handled again after step 2 (100%) had been carried out.
    var s =
        stamped(
            rule(new ForwardTarget(BLUE, 0), new ForwardTarget(GREEN, 100)),
            TrafficStamp.step("u-1", 2));

    var d =
        assertInstanceOf(ShiftDecision.Superseded.class, TrafficDecisions.setWeight(50, STEP_1, s));

    assertEquals(new Weights(0, 100), d.target());
    assertTrue(d.reason().contains("u-1/step/2"), d.reason());
  }

  @Test
  void setWeight_afterTheUpgradesRollback_isSuperseded() {
    var s = stamped(rule(new ForwardTarget(BLUE, 100), new ForwardTarget(GREEN, 0)), ROLLBACK);

    assertInstanceOf(ShiftDecision.Superseded.class, TrafficDecisions.setWeight(50, STEP_1, s));
  }

  @Test
  void setWeight_ofTheSameOrALaterStep_orAfterAnotherUpgrade_isCarriedOut() {
    var rule = rule(new ForwardTarget(BLUE, 50), new ForwardTarget(GREEN, 50));

    assertInstanceOf(
        ShiftDecision.AlreadyInPlace.class,
        TrafficDecisions.setWeight(50, STEP_1, stamped(rule, STEP_1)));
    assertInstanceOf(
        ShiftDecision.Modify.class,
        TrafficDecisions.setWeight(100, TrafficStamp.step("u-1", 2), stamped(rule, STEP_1)));
    assertInstanceOf(
        ShiftDecision.Modify.class,
        TrafficDecisions.setWeight(
            10, TrafficStamp.step("u-2", 0), stamped(rule, TrafficStamp.rollback("u-1"))));
  }

  @Test
  void rollBack_isNeverSuperseded_byItsUpgradesSteps() {
    var s =
        stamped(
            rule(new ForwardTarget(BLUE, 0), new ForwardTarget(GREEN, 100)),
            TrafficStamp.step("u-1", 7));

    assertInstanceOf(ShiftDecision.Modify.class, TrafficDecisions.rollBack(ROLLBACK, s));
  }
}
