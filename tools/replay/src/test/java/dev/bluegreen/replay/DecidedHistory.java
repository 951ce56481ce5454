package dev.bluegreen.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.TrafficRolledBack;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import dev.bluegreen.orchestrator.domain.Decision;
import dev.bluegreen.orchestrator.domain.Input;
import dev.bluegreen.orchestrator.domain.PhaseTimeouts;
import dev.bluegreen.orchestrator.domain.RequestRules;
import dev.bluegreen.orchestrator.domain.UpgradeDecider;
import dev.bluegreen.orchestrator.domain.UpgradeStatus;
import dev.bluegreen.orchestrator.recording.RecordedInputs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real audit history for tests: inputs run through {@link UpgradeDecider} the way the
 * orchestrator's processor runs them (state per cluster, dry runs not stored, ticks only for active
 * upgrades), each audit entry carrying its recorded input through the same {@link RecordedInputs}
 * the processor uses.
 */
final class DecidedHistory {

  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();

  private final UpgradeDecider decider = new UpgradeDecider(PhaseTimeouts.defaults());
  private final Map<String, UpgradeStatus> byCluster = new HashMap<>();
  final List<AuditEntry> log = new ArrayList<>();
  Instant now;
  private int events;

  DecidedHistory(Instant start) {
    this.now = start;
  }

  UpgradeStatus state(String cluster) {
    return byCluster.get(cluster);
  }

  /** A request or fact arrives a minute after the previous input. */
  DecidedHistory feed(String actor, UpgradeEvent data) {
    return feedAs("ev-" + ++events, actor, data);
  }

  /** The same input id again: a redelivery. */
  DecidedHistory feedAs(String eventId, String actor, UpgradeEvent data) {
    now = now.plusSeconds(60);
    Input.Event input =
        new Input.Event(eventId, EventTypes.of(data.getClass()).ceType(), actor, now, data);
    apply(data.cluster(), input);
    return this;
  }

  /** The processor's punctuator: ticks only clusters with an active upgrade. */
  DecidedHistory tick(String cluster, Instant at) {
    now = at;
    UpgradeStatus state = byCluster.get(cluster);
    if (state != null && !state.isTerminal()) {
      apply(cluster, new Input.Tick("timer:" + state.upgradeId() + ":" + at.toEpochMilli(), at));
    }
    return this;
  }

  private void apply(String cluster, Input input) {
    UpgradeStatus before = byCluster.get(cluster);
    Decision d = decider.decide(before, input);
    AuditEntry entry = RecordedInputs.attach(d.auditEntry(), RecordedInputs.of(input, JSON));
    if (entry != null) {
      log.add(entry);
    }
    UpgradeStatus next = d.next();
    if (next != null && !next.equals(before) && !next.dryRun()) {
      byCluster.put(cluster, next);
    }
  }

  /** The audit log as the orchestrator writes it to Kafka. */
  List<CloudEvent<?>> events() {
    List<CloudEvent<?>> out = new ArrayList<>();
    for (AuditEntry e : log) {
      Instant at = e instanceof UpgradeTransitioned t ? t.at() : ((InputRejected) e).at();
      out.add(CloudEvent.of("/bluegreen/orchestrator", e, at));
    }
    return out;
  }

  // ------------------------------------------------------------------------- inputs

  static String inFlight(UpgradeStatus s, String name) {
    return s.awaiting().stream()
        .filter(id -> id.endsWith(":" + name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in flight: " + s.awaiting()));
  }

  private static List<Check> passed() {
    return List.of(new Check("version-skew", CheckResult.PASS, "checked", null));
  }

  DecidedHistory request(String upgradeId, String cluster) {
    UpgradePlan plan =
        new UpgradePlan(
            RequestRules.DEFAULT_STEPS, Duration.ofHours(1), new ApprovalGates(true, true), null);
    return feed(
        "alice@example.com",
        new UpgradeRequested(upgradeId, cluster, "1.30", "1.31", plan, false, "alice", now));
  }

  DecidedHistory control(String cluster, ControlAction action) {
    UpgradeStatus s = state(cluster);
    return feed(
        "bob@example.com",
        new UpgradeControlRequested(s.upgradeId(), cluster, action, "bob", null, now));
  }

  DecidedHistory preflightPassed(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "provisioner",
        new PreflightCompleted(
            inFlight(s, "RunPreflight"), s.upgradeId(), cluster, s.greenCluster(), true, passed()));
  }

  /** Progress is not audited: decide takes it, the log does not show it. */
  DecidedHistory provisioningProgress(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "provisioner",
        new PhaseProgressed(
            inFlight(s, "ProvisionGreen"),
            s.upgradeId(),
            cluster,
            s.greenCluster(),
            Phase.PROVISIONING,
            "nodegroups",
            1,
            2,
            "1 of 2 node groups"));
  }

  DecidedHistory greenReady(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "provisioner",
        new GreenClusterReady(
            inFlight(s, "ProvisionGreen"),
            s.upgradeId(),
            cluster,
            s.greenCluster(),
            "1.31",
            null,
            null));
  }

  DecidedHistory deployed(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "deployer",
        new WorkloadsDeployed(
            inFlight(s, "DeployWorkloads"),
            s.upgradeId(),
            cluster,
            s.greenCluster(),
            List.of("web")));
  }

  DecidedHistory smokePassed(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "deployer",
        new SmokeTestsCompleted(
            inFlight(s, "VerifyGreen"), s.upgradeId(), cluster, s.greenCluster(), true, passed()));
  }

  /** The weight-set fact; kept so a test can deliver it again. */
  TrafficWeightSet weightSet(String cluster) {
    UpgradeStatus s = state(cluster);
    int weight = s.plan().steps().get(s.stepIndex()).weight();
    return new TrafficWeightSet(
        inFlight(s, "SetTrafficWeight"),
        s.upgradeId(),
        cluster,
        s.greenCluster(),
        s.stepIndex(),
        100 - weight,
        weight);
  }

  DecidedHistory analysisFailed(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "traffic-shifter",
        new AnalysisCompleted(
            inFlight(s, "RunAnalysis"),
            s.upgradeId(),
            cluster,
            s.greenCluster(),
            s.stepIndex(),
            "default",
            Verdict.FAILED,
            List.of()));
  }

  DecidedHistory trafficRolledBack(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "traffic-shifter",
        new TrafficRolledBack(
            inFlight(s, "RollBackTraffic"), s.upgradeId(), cluster, s.greenCluster(), 100, 0));
  }

  DecidedHistory greenCleanedUp(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "provisioner",
        new GreenCleanedUp(
            inFlight(s, "CleanUpGreen"),
            s.upgradeId(),
            cluster,
            s.greenCluster(),
            List.of("cluster")));
  }

  DecidedHistory greenDeregistered(String cluster) {
    UpgradeStatus s = state(cluster);
    return feed(
        "deployer",
        new GreenDeregistered(
            inFlight(s, "DeregisterGreen"), s.upgradeId(), cluster, s.greenCluster()));
  }

  /**
   * Two clusters, interleaved as on one partition: orders-prod shifts to 10%, sees a redelivered
   * fact and a rejected request, fails its analysis and rolls back to blue; search-prod times out
   * in pre-flight on a timer tick. Also an input for a cluster with no upgrade.
   */
  static DecidedHistory withRollback(Instant start) {
    return withRollback(start, "prod");
  }

  /** The same, with clusters named {@code orders-<tag>}, {@code search-<tag>}. */
  static DecidedHistory withRollback(Instant start, String tag) {
    String orders = "orders-" + tag;
    String search = "search-" + tag;
    DecidedHistory h = new DecidedHistory(start);
    h.request("upg-" + orders, orders)
        .request("upg-" + search, search)
        .preflightPassed(orders)
        .provisioningProgress(orders)
        .greenReady(orders)
        .deployed(orders);
    h.tick(search, h.state(search).phaseDeadline());
    h.smokePassed(orders).control(orders, ControlAction.ROLLBACK); // nothing moved yet: rejected
    h.control(orders, ControlAction.APPROVE);
    TrafficWeightSet set = h.weightSet(orders);
    h.feedAs("weight-set-1", "traffic-shifter", set);
    h.feedAs("weight-set-1", "traffic-shifter", set); // redelivered: a duplicate
    h.analysisFailed(orders).trafficRolledBack(orders).greenCleanedUp(orders);
    h.greenDeregistered(orders);
    h.feed(
        "bob@example.com",
        new UpgradeControlRequested(
            "upg-x", "nobody-" + tag, ControlAction.PAUSE, "bob", null, h.now));
    return h;
  }
}
