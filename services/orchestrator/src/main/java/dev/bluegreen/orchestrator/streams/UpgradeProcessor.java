package dev.bluegreen.orchestrator.streams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.TraceContext;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.UpgradeLogContext;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.orchestrator.metrics.UpgradeMetrics;
import dev.bluegreen.tracing.EventSpan;
import dev.bluegreen.upgrade.core.Decision;
import dev.bluegreen.upgrade.core.Input;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import dev.bluegreen.upgrade.recording.RecordedInputs;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The thin adapter between Kafka and {@link UpgradeDecider}: decodes each request or fact (keyed by
 * cluster), asks {@code decide} with the cluster's stored state, stores the next state, forwards
 * the commands to their services' topics and the audit entry to the audit topic. A wall-clock
 * punctuator feeds timer ticks the same way. Records that do not decode go to the dead-letter topic
 * and processing goes on.
 */
public final class UpgradeProcessor implements Processor<String, byte[], String, byte[]> {

  /** The CloudEvent source of everything the orchestrator writes. */
  public static final String SOURCE = "/bluegreen/orchestrator";

  private static final Logger LOG = Logger.getLogger(UpgradeProcessor.class);
  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final UpgradeDecider decider;
  private final Duration tickEvery;
  private final String consumerName;
  private final UpgradeMetrics metrics;
  private final CloudEventCodec codec = new CloudEventCodec();

  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, UpgradeStatus> byCluster;
  private KeyValueStore<String, UpgradeStatus> byId;
  private KeyValueStore<String, AuditTrail> audit;
  private KeyValueStore<String, String> traces;

  private final FleetFreezes fleetFreezes;

  public UpgradeProcessor(
      UpgradeDecider decider,
      Duration tickEvery,
      String consumerName,
      UpgradeMetrics metrics,
      FleetFreezes fleetFreezes) {
    this.fleetFreezes = fleetFreezes;
    this.decider = decider;
    this.tickEvery = tickEvery;
    this.consumerName = consumerName;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.byCluster = context.getStateStore(UpgradeStores.BY_CLUSTER);
    this.byId = context.getStateStore(UpgradeStores.BY_ID);
    this.audit = context.getStateStore(UpgradeStores.AUDIT);
    this.traces = context.getStateStore(UpgradeStores.TRACES);
    context.schedule(tickEvery, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Incoming incoming = codec.decode(record.headers(), record.value());
    if (incoming instanceof Incoming.Invalid invalid) {
      deadLetter(record, invalid.problem().name(), invalid.reason());
      return;
    }
    CloudEvent<?> event = ((Incoming.Valid) incoming).event();
    if (!Objects.equals(record.key(), event.subject())) {
      deadLetter(
          record,
          "KEY_MISMATCH",
          "key '" + record.key() + "' differs from ce_subject '" + event.subject() + "'");
      return;
    }
    Input.Event input =
        new Input.Event(
            event.id(), event.type().ceType(), actorOf(event), event.time(), event.data());
    String cluster = event.subject();
    UpgradeStatus state =
        syncFleetFreezes(
            cluster,
            stateFor(cluster, event),
            event.id() + ":fleet-freezes",
            event.time(),
            record.timestamp());
    // A span per decision, a child of the input's (ce_traceparent) in the upgrade's trace; the
    // commands and audit entry it emits name it as their parent. Every log line about this input
    // names its upgrade, cluster and trace.
    try (EventSpan span =
        decisionSpan(
            "decide " + event.type().name(), event.correlationId(), cluster, event.trace())) {
      TraceContext trace = traceFor(event.correlationId(), event.trace(), span);
      try (UpgradeLogContext ignored =
          UpgradeLogContext.of(event.correlationId(), cluster, trace)) {
        apply(cluster, state, decider.decide(state, input), input, record.timestamp(), trace);
      } catch (IllegalArgumentException e) {
        // The decision could not be written (an event broke its schema): keep the input, move on.
        LOG.errorf(e, "cannot apply the decision about %s", event.id());
        span.failed(e);
        deadLetter(record, "DECISION_UNWRITABLE", e.getMessage());
      }
    }
  }

  /**
   * The state an input is decided against: the cluster's, except for what answers a dry run (which
   * never becomes the cluster's state, so it runs beside a real upgrade) and controls of one.
   */
  private UpgradeStatus stateFor(String cluster, CloudEvent<?> event) {
    String upgradeId = event.data().upgradeId();
    if (upgradeId != null && !(event.data() instanceof UpgradeRequested)) {
      UpgradeStatus byUpgrade = byId.get(upgradeId);
      if (byUpgrade != null && byUpgrade.dryRun()) {
        return byUpgrade;
      }
    }
    return byCluster.get(cluster);
  }

  /** Tracer name of the decision spans. */
  static final String INSTRUMENTATION = "dev.bluegreen.orchestrator";

  /** The span of one decision, a child of the input's span or of the upgrade's stored one. */
  private EventSpan decisionSpan(
      String name, String upgradeId, String cluster, TraceContext incoming) {
    TraceContext stored = upgradeId == null ? null : UpgradeTraces.decode(traces.get(upgradeId));
    return EventSpan.start(
        INSTRUMENTATION,
        name,
        SpanKind.CONSUMER,
        UpgradeTraces.parentOf(stored, incoming),
        Attributes.builder()
            .put("bluegreen.upgrade.id", String.valueOf(upgradeId))
            .put("bluegreen.cluster", cluster)
            .build());
  }

  /**
   * The trace context of what this input's decision emits: the decision's span when tracing runs,
   * else a child context made by hand, in the upgrade's trace; remembers a new upgrade's.
   */
  private TraceContext traceFor(String upgradeId, TraceContext incoming, EventSpan span) {
    TraceContext traced = span.trace();
    if (upgradeId == null) {
      return traced != null ? traced : incoming == null ? null : incoming.child();
    }
    TraceContext stored = UpgradeTraces.decode(traces.get(upgradeId));
    TraceContext trace = traced != null ? traced : UpgradeTraces.forInput(stored, incoming);
    if (stored == null) {
      traces.put(upgradeId, UpgradeTraces.encode(trace));
    }
    return trace;
  }

  private void tick(long wallClockMs) {
    Instant now = Instant.ofEpochMilli(wallClockMs);
    List<KeyValue<String, UpgradeStatus>> active = new ArrayList<>();
    try (KeyValueIterator<String, UpgradeStatus> all = byCluster.all()) {
      all.forEachRemaining(
          kv -> {
            if (kv.value != null && !kv.value.isTerminal()) {
              active.add(kv);
            }
          });
    }
    for (KeyValue<String, UpgradeStatus> kv : active) {
      String upgradeId = kv.value.upgradeId();
      UpgradeStatus state =
          syncFleetFreezes(
              kv.key, kv.value, "fleet-freezes:" + upgradeId + ":" + wallClockMs, now, wallClockMs);
      String tickId = "timer:" + upgradeId + ":" + wallClockMs;
      decideInternal(kv.key, state, new Input.Tick(tickId, now), "Timer", wallClockMs);
    }
  }

  /**
   * Tells a running upgrade of the fleet's freezes when they differ from what it knows (one was
   * declared, changed or lifted), before its next decision; the state it then has.
   */
  private UpgradeStatus syncFleetFreezes(
      String cluster, UpgradeStatus state, String inputId, Instant at, long timestampMs) {
    if (state == null || state.isTerminal() || state.dryRun()) {
      return state;
    }
    Optional<List<Freeze>> standing = fleetFreezes.standing(at);
    if (standing.isEmpty()) {
      return state; // not known yet: the upgrade keeps what it was told
    }
    Input.FleetFreezes input = new Input.FleetFreezes(inputId, at, standing.get());
    decideInternal(cluster, state, input, "FleetFreezes", timestampMs);
    UpgradeStatus now = byCluster.get(cluster);
    return now != null && now.upgradeId().equals(state.upgradeId()) ? now : state;
  }

  /** Decides an input the orchestrator makes itself (a tick, the freezes) and applies a change. */
  private void decideInternal(
      String cluster, UpgradeStatus state, Input input, String name, long timestampMs) {
    Decision d = decider.decide(state, input);
    if (d.changed(state) || !d.commands().isEmpty() || d.auditEntry() != null) {
      String upgradeId = state.upgradeId();
      try (EventSpan span = decisionSpan("decide " + name, upgradeId, cluster, null)) {
        TraceContext trace = traceFor(upgradeId, null, span);
        try (UpgradeLogContext ignored = UpgradeLogContext.of(upgradeId, cluster, trace)) {
          apply(cluster, state, d, input, timestampMs, trace);
        }
      } catch (IllegalArgumentException e) {
        LOG.errorf(e, "cannot apply the %s decision about %s", name, upgradeId);
      }
    }
  }

  private void apply(
      String cluster,
      UpgradeStatus before,
      Decision d,
      Input input,
      long timestampMs,
      TraceContext trace) {
    String causeId = input.eventId();
    UpgradeStatus next = d.next();
    Instant at = decidedAt(d.auditEntry(), timestampMs);
    // Encode everything before changing anything: an event that breaks its schema (our bug) must
    // not leave a stored state whose commands were never sent.
    List<Record<String, byte[]>> out = new ArrayList<>();
    List<String> sinks = new ArrayList<>();
    for (Command command : d.commands()) {
      CloudEvent<?> event = event(command.commandId(), cluster, command, at, causeId, trace);
      out.add(record(event, timestampMs));
      sinks.add(UpgradeTopology.sinkName(event.topic()));
    }
    // The audit entry carries the input exactly as decide saw it: replaying the audit log through
    // decide must reproduce every transition (tools/replay checks it).
    AuditEntry entry = RecordedInputs.attach(d.auditEntry(), RecordedInputs.of(input, JSON));
    AuditTrail.Line line = null;
    if (entry != null) {
      CloudEvent<?> event = event(causeId + ":audit", cluster, entry, at, causeId, trace);
      out.add(record(event, timestampMs));
      sinks.add(UpgradeTopology.sinkName(event.topic()));
      String campaignId = campaignOf(entry, before, next, input);
      if (campaignId != null) {
        // The campaign that started this upgrade learns of it: the same entry, keyed by campaign.
        Record<String, byte[]> copy = record(event, timestampMs);
        out.add(copy.withKey(campaignId));
        sinks.add(UpgradeTopology.sinkName(Topics.CAMPAIGN_MEMBERS));
      }
      line =
          new AuditTrail.Line(
              event.id(), event.type().name(), event.time(), JSON.convertValue(entry, MAP));
    }
    if (next != null && !next.equals(before)) {
      if (!next.dryRun()) {
        byCluster.put(cluster, next);
      }
      byId.put(next.upgradeId(), next);
    }
    for (int i = 0; i < out.size(); i++) {
      context.forward(out.get(i), sinks.get(i));
    }
    AuditTrail trail = null;
    if (line != null && entry.upgradeId() != null && byId.get(entry.upgradeId()) != null) {
      trail = audit.get(entry.upgradeId());
      audit.put(entry.upgradeId(), (trail == null ? new AuditTrail(List.of()) : trail).plus(line));
    }
    metrics.decided(
        before,
        next,
        entry,
        before == null || trail == null ? Optional.empty() : trail.enteredAt(before.state()),
        at);
  }

  /** The campaign an audit entry's upgrade belongs to, if a campaign started it. */
  private static String campaignOf(
      AuditEntry entry, UpgradeStatus before, UpgradeStatus next, Input input) {
    if (input instanceof Input.Event e
        && e.data() instanceof UpgradeRequested r
        && r.campaignId() != null
        && r.upgradeId().equals(entry.upgradeId())) {
      return r.campaignId();
    }
    for (UpgradeStatus s : new UpgradeStatus[] {next, before}) {
      if (s != null && s.campaignId() != null && s.upgradeId().equals(entry.upgradeId())) {
        return s.campaignId();
      }
    }
    return null;
  }

  /** When the decision was taken: the time of its input, as the audit entry records it. */
  private static Instant decidedAt(AuditEntry entry, long timestampMs) {
    if (entry instanceof UpgradeTransitioned t) {
      return t.at();
    }
    if (entry instanceof InputRejected r) {
      return r.at();
    }
    return Instant.ofEpochMilli(timestampMs);
  }

  private Record<String, byte[]> record(CloudEvent<?> event, long timestampMs) {
    Headers headers = new RecordHeaders();
    codec.writeHeaders(event, headers);
    return new Record<>(event.subject(), codec.encodeData(event), timestampMs, headers);
  }

  @SuppressWarnings("unchecked")
  private <T extends UpgradeEvent> CloudEvent<T> event(
      String id, String logicalCluster, T data, Instant at, String causeId, TraceContext trace) {
    Class<T> type = (Class<T>) data.getClass();
    // Keyed by the logical cluster (the store's key), so every generation's events are ordered on
    // one partition and the facts that answer a command come back to this state.
    return new CloudEvent<>(
        id,
        SOURCE,
        EventTypes.of(type),
        logicalCluster,
        at,
        data.upgradeId(),
        causeId,
        data,
        trace);
  }

  private void deadLetter(Record<String, byte[]> record, String problem, String reason) {
    String topic =
        StreamDeadLetters.forward(
            context,
            UpgradeTopology.sinkName(Topics.DEAD_LETTER),
            consumerName,
            record,
            problem,
            reason);
    metrics.deadLettered(problem, topic);
  }

  private static String actorOf(CloudEvent<?> event) {
    if (event.data() instanceof UpgradeRequested r) {
      return r.requestedBy();
    }
    if (event.data() instanceof UpgradeControlRequested c) {
      return c.actor();
    }
    return event.source();
  }

  /** For the topology: the sinks this processor forwards to. */
  static List<TopicSpec> outputs() {
    return List.of(
        Topics.PROVISIONER_COMMANDS,
        Topics.DEPLOYER_COMMANDS,
        Topics.TRAFFIC_SHIFTER_COMMANDS,
        Topics.DECOMMISSIONER_COMMANDS,
        Topics.AUDIT,
        Topics.CAMPAIGN_MEMBERS,
        Topics.DEAD_LETTER);
  }
}
