package dev.bluegreen.replay;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.CommandRef;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.timeline.AuditLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds audit histories for tests: one upgrade's transitions, minute by minute. */
final class History {

  final String upgradeId;
  final String cluster;
  Instant clock;
  private UpgradeState state;
  final List<CloudEvent<?>> events = new ArrayList<>();

  History(String upgradeId, String cluster, Instant start) {
    this.upgradeId = upgradeId;
    this.cluster = cluster;
    this.clock = start;
  }

  History to(
      UpgradeState next,
      long afterMinutes,
      String actor,
      String causeType,
      String reason,
      String... commands) {
    clock = clock.plusSeconds(afterMinutes * 60);
    List<CommandRef> refs = new ArrayList<>();
    for (String c : commands) {
      refs.add(
          new CommandRef("dev.bluegreen." + c + ".v1", upgradeId + ":" + events.size() + ":" + c));
    }
    var t =
        new UpgradeTransitioned(
            upgradeId,
            cluster,
            state,
            next,
            new Cause("cause-" + events.size(), "dev.bluegreen." + causeType + ".v1"),
            actor,
            reason,
            clock,
            1,
            null,
            refs,
            null,
            null,
            null,
            null);
    events.add(CloudEvent.of("/bluegreen/orchestrator", t, clock));
    state = next;
    return this;
  }

  History rejected(long afterMinutes, String actor, String reason) {
    clock = clock.plusSeconds(afterMinutes * 60);
    var r =
        new InputRejected(
            upgradeId,
            cluster,
            state,
            new Cause("cause-" + events.size(), "dev.bluegreen.UpgradeControlRequested.v1"),
            actor,
            reason,
            false,
            null,
            clock,
            null);
    events.add(CloudEvent.of("/bluegreen/orchestrator", r, clock));
    return this;
  }

  List<AuditLine> lines() {
    return events.stream().map(AuditLine::of).toList();
  }

  /** An upgrade that shifted to 10%, failed its analysis and rolled back. */
  static History rolledBack(String upgradeId, String cluster, Instant start) {
    return new History(upgradeId, cluster, start)
        .to(
            UpgradeState.REQUESTED,
            0,
            "alice@example.com",
            "UpgradeRequested",
            "requested 1.30 → 1.31")
        .to(
            UpgradeState.PREFLIGHT,
            0,
            "orchestrator",
            "UpgradeRequested",
            "pre-flight",
            "RunPreflight")
        .to(
            UpgradeState.PROVISIONING,
            1,
            "provisioner",
            "PreflightCompleted",
            "all checks passed",
            "ProvisionGreen")
        .to(
            UpgradeState.DEPLOYING,
            15,
            "provisioner",
            "GreenClusterReady",
            "green is ACTIVE",
            "DeployWorkloads")
        .to(
            UpgradeState.VERIFYING,
            4,
            "deployer",
            "WorkloadsDeployed",
            "3 of 3 applications healthy",
            "VerifyGreen")
        .to(
            UpgradeState.AWAITING_SHIFT_APPROVAL,
            1,
            "deployer",
            "SmokeTestsCompleted",
            "smoke tests passed")
        .rejected(2, "mallory@example.com", "cannot ROLLBACK: no traffic has moved yet")
        .to(
            UpgradeState.SHIFTING,
            3,
            "bob@example.com",
            "UpgradeControlRequested",
            "approved by bob",
            "SetTrafficWeight")
        .to(
            UpgradeState.ROLLING_BACK,
            5,
            "traffic-shifter",
            "AnalysisCompleted",
            "analysis error-rate FAILED: green 5xx 4.1% > 0.1%",
            "RollBackTraffic")
        .to(
            UpgradeState.ROLLED_BACK,
            3,
            "provisioner",
            "GreenCleanedUp",
            "traffic 100% on blue, green cleaned up");
  }
}
