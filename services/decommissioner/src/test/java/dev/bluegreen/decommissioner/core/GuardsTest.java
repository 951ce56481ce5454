package dev.bluegreen.decommissioner.core;

import static dev.bluegreen.decommissioner.core.Sample.BLUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardsTest {

  @Test
  void allGuardsHold_whenBlueHasNoWeightGreenServesAndCronJobsAreSuspended() {
    assertTrue(Guards.check(BLUE, Sample.safe()).isEmpty());
  }

  @Test
  void ruleSendingOnePercentToBlue_fails_withRuleArnAndWeightsAsEvidence() {
    GuardObservation seen = withRules(List.of(Sample.rule(1, 99)));

    Failure f = Guards.check(BLUE, seen).orElseThrow();

    assertEquals(Guards.BLUE_RECEIVES_TRAFFIC, f.errorCode());
    assertFalse(f.retryable());
    assertEquals(Sample.RULE, f.evidence().get("ruleArn"));
    assertEquals(1, f.evidence().get("blueWeight"));
    assertEquals(Map.of(Sample.BLUE_TG, 1, Sample.GREEN_TG, 99), f.evidence().get("weights"));
  }

  @Test
  void defaultRuleForwardingOnlyToBlue_fails() {
    Observed.Rule defaultRule =
        new Observed.Rule(
            "arn:default",
            Sample.LISTENER,
            true,
            List.of(new Observed.WeightedTarget(Sample.BLUE_TG, 1)));
    GuardObservation seen = withRules(List.of(Sample.rule(0, 100), defaultRule));

    assertEquals("arn:default", Guards.check(BLUE, seen).orElseThrow().evidence().get("ruleArn"));
  }

  @Test
  void blueTargetGroupAlreadyGone_holds_whateverTheRulesSay() {
    GuardObservation s = Sample.safe();
    GuardObservation seen =
        new GuardObservation(
            Optional.empty(),
            List.of(),
            s.green(),
            s.greenTargetGroup(),
            1,
            1,
            new GuardObservation.ClusterGone());

    assertTrue(Guards.check(BLUE, seen).isEmpty());
  }

  @Test
  void greenUpdating_failsRetryably_greenMissing_failsForGood() {
    GuardObservation s = Sample.safe();
    GuardObservation updating =
        new GuardObservation(
            s.blueTargetGroupArn(),
            s.rules(),
            Optional.of(Sample.cluster("green", "UPDATING")),
            s.greenTargetGroup(),
            2,
            2,
            s.blueCronJobs());
    GuardObservation missing =
        new GuardObservation(
            s.blueTargetGroupArn(),
            s.rules(),
            Optional.empty(),
            s.greenTargetGroup(),
            2,
            2,
            s.blueCronJobs());

    Failure u = Guards.check(BLUE, updating).orElseThrow();
    Failure m = Guards.check(BLUE, missing).orElseThrow();

    assertEquals(Guards.GREEN_NOT_ACTIVE, u.errorCode());
    assertTrue(u.retryable());
    assertEquals(Guards.GREEN_NOT_ACTIVE, m.errorCode());
    assertFalse(m.retryable());
  }

  @Test
  void greenWithoutHealthyTargets_fails() {
    GuardObservation s = Sample.safe();
    GuardObservation seen =
        new GuardObservation(
            s.blueTargetGroupArn(),
            s.rules(),
            s.green(),
            s.greenTargetGroup(),
            0,
            3,
            s.blueCronJobs());

    Failure f = Guards.check(BLUE, seen).orElseThrow();

    assertEquals(Guards.GREEN_NOT_SERVING, f.errorCode());
    assertEquals(3, f.evidence().get("targets"));
  }

  @Test
  void greenTargetGroupTaggedForAnotherCluster_isNotTakenAsGreenServing() {
    GuardObservation s = Sample.safe();
    Observed.TargetGroup foreign =
        new Observed.TargetGroup(
            Sample.GREEN_TG, "tg-green", Map.of("bluegreen.dev/cluster", "other"), List.of());
    GuardObservation seen =
        new GuardObservation(
            s.blueTargetGroupArn(),
            s.rules(),
            s.green(),
            Optional.of(foreign),
            2,
            2,
            s.blueCronJobs());

    Failure f = Guards.check(BLUE, seen).orElseThrow();

    assertEquals(Guards.GREEN_NOT_SERVING, f.errorCode());
    assertFalse(f.retryable());
  }

  @Test
  void unsuspendedCronJobOnBlue_fails_namingIt() {
    GuardObservation s = Sample.safe();
    GuardObservation seen =
        new GuardObservation(
            s.blueTargetGroupArn(),
            s.rules(),
            s.green(),
            s.greenTargetGroup(),
            2,
            2,
            new GuardObservation.Listed(
                List.of(
                    new Observed.CronJob("team-a", "report", true),
                    new Observed.CronJob("team-a", "billing", false))));

    Failure f = Guards.check(BLUE, seen).orElseThrow();

    assertEquals(Guards.BLUE_CRONJOBS_ACTIVE, f.errorCode());
    assertEquals(List.of("team-a/billing"), f.evidence().get("unsuspended"));
  }

  @Test
  void blueApiUnreachable_failsRetryably() {
    GuardObservation s = Sample.safe();
    GuardObservation seen =
        new GuardObservation(
            s.blueTargetGroupArn(),
            s.rules(),
            s.green(),
            s.greenTargetGroup(),
            2,
            2,
            new GuardObservation.Unreachable("connection refused"));

    Failure f = Guards.check(BLUE, seen).orElseThrow();

    assertEquals(Guards.BLUE_API_UNREACHABLE, f.errorCode());
    assertTrue(f.retryable());
  }

  private static GuardObservation withRules(List<Observed.Rule> rules) {
    GuardObservation s = Sample.safe();
    return new GuardObservation(
        s.blueTargetGroupArn(), rules, s.green(), s.greenTargetGroup(), 2, 2, s.blueCronJobs());
  }
}
