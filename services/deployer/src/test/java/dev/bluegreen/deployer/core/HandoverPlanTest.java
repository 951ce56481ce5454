package dev.bluegreen.deployer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoverPlanTest {

  private static CronJobState cj(String name, boolean suspended, Boolean before, int running) {
    return new CronJobState("team", name, suspended, before, running);
  }

  @Test
  void blueToGreen_suspendsBlueAndResumesGreen_keepingOwnersSuspensions() {
    List<CronJobState> blue = List.of(cj("report", false, false, 0), cj("cleanup", true, true, 0));
    List<CronJobState> green = List.of(cj("report", true, null, 0), cj("cleanup", true, null, 0));

    HandoverPlan plan = HandoverPlan.of(true, blue, green);

    assertEquals(List.of("team/report"), plan.suspendOnFrom());
    assertEquals(List.of("team/report"), plan.resumeOnTo());
    assertEquals(List.of("team/report"), plan.moved());
    assertEquals(List.of("team/cleanup"), plan.keptSuspended());
    assertTrue(plan.missingOnTo().isEmpty());
  }

  @Test
  void greenToBlue_suspendsGreenAndResumesBlue_neverTheOwnersSuspendedOnes() {
    List<CronJobState> blue = List.of(cj("report", true, false, 0), cj("cleanup", true, true, 0));
    List<CronJobState> green = List.of(cj("report", false, null, 0), cj("cleanup", true, null, 0));

    HandoverPlan plan = HandoverPlan.of(false, blue, green);

    assertEquals(HandoverPlan.Side.GREEN, plan.from());
    assertEquals(List.of("team/report"), plan.suspendOnFrom());
    assertEquals(List.of("team/report"), plan.resumeOnTo());
    assertEquals(List.of("team/cleanup"), plan.keptSuspended());
  }

  @Test
  void redeliveredHandover_afterItCompleted_hasNothingToDo() {
    List<CronJobState> blue = List.of(cj("report", true, false, 0));
    List<CronJobState> green = List.of(cj("report", false, null, 0));

    HandoverPlan plan = HandoverPlan.of(true, blue, green);

    assertTrue(plan.done());
    assertEquals(List.of("team/report"), plan.moved());
  }

  @Test
  void blueToGreen_withACronJobGreenLacks_reportsItMissing() {
    HandoverPlan plan = HandoverPlan.of(true, List.of(cj("report", false, false, 0)), List.of());

    assertEquals(List.of("team/report"), plan.missingOnTo());
  }

  @Test
  void keptSuspendedCronJob_deliveredRunningOnGreen_isSuspendedThereToo() {
    HandoverPlan plan =
        HandoverPlan.of(
            true, List.of(cj("cleanup", true, true, 0)), List.of(cj("cleanup", false, null, 0)));

    assertEquals(List.of("team/cleanup"), plan.suspendOnTo());
    assertTrue(plan.resumeOnTo().isEmpty());
  }

  @Test
  void stillRunning_namesCronJobsWithRunningJobs() {
    assertEquals(
        List.of("team/report (2 running)"),
        HandoverPlan.stillRunning(
            List.of(cj("report", true, false, 2), cj("other", true, false, 0))));
  }

  @Test
  void activeOnBoth_findsCronJobsUnsuspendedOnBothSides() {
    List<CronJobState> blue = List.of(cj("a", false, false, 0), cj("b", true, false, 0));
    List<CronJobState> green = List.of(cj("a", false, null, 0), cj("b", false, null, 0));

    assertEquals(List.of("team/a"), HandoverPlan.activeOnBoth(blue, green));
  }

  @Test
  void atDeploy_greenCronJobsDeliveredRunning_areSuspendedWhileBlueRuns() {
    List<CronJobState> blue = List.of(cj("a", false, false, 0));
    List<CronJobState> green = List.of(cj("a", false, null, 0), cj("new", false, null, 0));

    assertEquals(List.of("team/a", "team/new"), HandoverPlan.toSuspendOnGreenAtDeploy(blue, green));
  }

  @Test
  void atDeploy_redeliveredAfterHandover_leavesGreenRunning() {
    List<CronJobState> blue = List.of(cj("a", true, false, 0));
    List<CronJobState> green = List.of(cj("a", false, null, 0), cj("new", false, null, 0));

    assertTrue(HandoverPlan.toSuspendOnGreenAtDeploy(blue, green).isEmpty());
  }

  @Test
  void unrecorded_recordsCurrentSuspensionOnce() {
    Map<String, Boolean> toRecord =
        HandoverPlan.unrecorded(
            List.of(cj("a", true, null, 0), cj("b", false, null, 0), cj("c", true, false, 0)));

    assertEquals(Map.of("team/a", true, "team/b", false), toRecord);
  }
}
