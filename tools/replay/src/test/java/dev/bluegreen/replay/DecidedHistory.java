package dev.bluegreen.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.TrafficWeightSet;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.testkit.HealthyAnswers;
import dev.bluegreen.upgrade.core.Decision;
import dev.bluegreen.upgrade.core.Input;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.RequestRules;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import dev.bluegreen.upgrade.recording.RecordedInputs;
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
  private final Map<String, Command> sent = new HashMap<>();
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

  /** The processor tells the cluster's running upgrade of the fleet's freezes, a minute later. */
  DecidedHistory fleetFreezes(String cluster, List<Freeze> freezes) {
    now = now.plusSeconds(60);
    UpgradeStatus state = byCluster.get(cluster);
    apply(
        cluster,
        new Input.FleetFreezes(
            "fleet-freezes:" + state.upgradeId() + ":" + ++events, now, freezes));
    return this;
  }

  private void apply(String cluster, Input input) {
    UpgradeStatus before = byCluster.get(cluster);
    Decision d = decider.decide(before, input);
    d.commands().forEach(c -> sent.put(c.commandId(), c));
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

  /**
   * The healthy answer ({@link HealthyAnswers}) to the cluster's command in flight {@code name}.
   */
  private Fact healthy(String cluster, String name) {
    return healthy(cluster, name, Verdict.SUCCESSFUL);
  }

  private Fact healthy(String cluster, String name, Verdict analysisVerdict) {
    Command c = sent.get(inFlight(state(cluster), name));
    if (c == null) {
      throw new AssertionError(name + " in flight was not sent in this history");
    }
    return HealthyAnswers.to(c, analysisVerdict);
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
    return feed("provisioner", healthy(cluster, "RunPreflight"));
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
    return feed("provisioner", healthy(cluster, "ProvisionGreen"));
  }

  DecidedHistory deployed(String cluster) {
    return feed("deployer", healthy(cluster, "DeployWorkloads"));
  }

  DecidedHistory smokePassed(String cluster) {
    return feed("deployer", healthy(cluster, "VerifyGreen"));
  }

  /** The weight-set fact; kept so a test can deliver it again. */
  TrafficWeightSet weightSet(String cluster) {
    return (TrafficWeightSet) healthy(cluster, "SetTrafficWeight");
  }

  DecidedHistory analysisFailed(String cluster) {
    return feed("traffic-shifter", healthy(cluster, "RunAnalysis", Verdict.FAILED));
  }

  DecidedHistory trafficRolledBack(String cluster) {
    return feed("traffic-shifter", healthy(cluster, "RollBackTraffic"));
  }

  DecidedHistory greenCleanedUp(String cluster) {
    return feed("provisioner", healthy(cluster, "CleanUpGreen"));
  }

  DecidedHistory greenDeregistered(String cluster) {
    return feed("deployer", healthy(cluster, "DeregisterGreen"));
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
