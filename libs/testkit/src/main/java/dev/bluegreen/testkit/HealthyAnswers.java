package dev.bluegreen.testkit;

import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.BlueRetired;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RollBackTraffic;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.SetTrafficWeight;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.TrafficRolledBack;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import java.util.List;

/**
 * The fact a healthy phase service publishes in answer to each command: the one table of it. The
 * decider's tests (libs/upgrade-machine), the orchestrator's topology and Kafka tests, replay's
 * decided histories and the bench's scripts all answer commands from here, so a new command gets
 * its healthy answer in this one place (and {@code HealthyAnswersTest} fails until it has one).
 */
public final class HealthyAnswers {

  /** The source (CloudEvents {@code ce_source}) a test's answers may claim to come from. */
  public static final String SOURCE = "/test/healthy-phase-services";

  private HealthyAnswers() {}

  /** The healthy answer to {@code c}; an analysis is {@link Verdict#SUCCESSFUL}. */
  public static Fact to(Command c) {
    return to(c, Verdict.SUCCESSFUL);
  }

  /** The healthy answer to {@code c}, except that an analysis ends with {@code analysisVerdict}. */
  public static Fact to(Command c, Verdict analysisVerdict) {
    String id = c.commandId();
    String up = c.upgradeId();
    String blue = c.cluster();
    String green = c.greenCluster();
    List<Check> ok = List.of(new Check("version-skew", CheckResult.PASS, "fine", null));
    if (c instanceof RunPreflight) {
      return new PreflightCompleted(id, up, blue, green, true, ok);
    } else if (c instanceof ProvisionGreen p) {
      return new GreenClusterReady(
          id, up, blue, green, p.targetVersion(), List.of("general"), null);
    } else if (c instanceof DeployWorkloads) {
      return new WorkloadsDeployed(id, up, blue, green, List.of("web", "api"));
    } else if (c instanceof VerifyGreen) {
      return new SmokeTestsCompleted(id, up, blue, green, true, ok);
    } else if (c instanceof SetTrafficWeight s) {
      return new TrafficWeightSet(
          id, up, blue, green, s.stepIndex(), 100 - s.greenWeight(), s.greenWeight());
    } else if (c instanceof RunAnalysis a) {
      return new AnalysisCompleted(
          id, up, blue, green, a.stepIndex(), a.analysis(), analysisVerdict, List.of());
    } else if (c instanceof HandOverCronJobs h) {
      return new CronJobsHandedOver(id, up, blue, green, h.direction(), List.of("ns/job"), null);
    } else if (c instanceof DecommissionBlue) {
      return new BlueRetired(id, up, blue, green, List.of("cluster " + blue), false);
    } else if (c instanceof RollBackTraffic) {
      return new TrafficRolledBack(id, up, blue, green, 100, 0);
    } else if (c instanceof DeregisterGreen) {
      return new GreenDeregistered(id, up, blue, green);
    } else if (c instanceof CleanUpGreen) {
      return new GreenCleanedUp(id, up, blue, green, List.of("cluster " + green));
    }
    throw new IllegalArgumentException("no healthy answer to " + c);
  }

  /** The healthy answer to {@code c}, as the fact type the caller expects. */
  public static <F extends Fact> F to(Command c, Class<F> type) {
    return type.cast(to(c));
  }
}
