package dev.bluegreen.orchestrator.streams;

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

/** Answers each command with the fact a healthy phase service would publish. */
final class FakePhaseServices {

  private FakePhaseServices() {}

  /** The source facts claim to come from. */
  static final String SOURCE = "/test/fake-services";

  static Fact answer(Command c) {
    return answer(c, Verdict.SUCCESSFUL);
  }

  static Fact answer(Command c, Verdict analysisVerdict) {
    String id = c.commandId();
    String up = c.upgradeId();
    String blue = c.cluster();
    String green = c.greenCluster();
    List<Check> ok = List.of(new Check("ok", CheckResult.PASS, "fine", null));
    if (c instanceof RunPreflight) {
      return new PreflightCompleted(id, up, blue, green, true, ok);
    } else if (c instanceof ProvisionGreen p) {
      return new GreenClusterReady(id, up, blue, green, p.targetVersion(), List.of("ng-1"), null);
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
    throw new IllegalArgumentException("no fake answer to " + c);
  }
}
