package dev.bluegreen.orchestrator.streams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.CampaignDecider;
import dev.bluegreen.campaign.core.CampaignDecision;
import dev.bluegreen.campaign.core.CampaignInput;
import dev.bluegreen.campaign.core.MemberOrder;
import dev.bluegreen.campaign.recording.CampaignInputs;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The thin adapter between Kafka and {@link CampaignDecider}: decodes campaign requests and
 * controls ({@code campaign.requests.v1}) and members' upgrade audit entries ({@code
 * campaign.members.v1}), both keyed by campaign id; asks {@code decide} with the stored campaign;
 * stores the next one; writes members' upgrade requests and controls to {@code upgrade.requests.v1}
 * (keyed by the member's logical cluster) and the decision to the campaign audit topic, all in the
 * same exactly-once transaction, so a crash never starts a member twice. A wall-clock punctuator
 * feeds ticks (start times, soaks).
 */
public final class CampaignProcessor implements Processor<String, byte[], String, byte[]> {

  private static final Logger LOG = Logger.getLogger(CampaignProcessor.class);
  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final CampaignDecider decider;
  private final Duration tickEvery;
  private final String consumerName;
  private final CloudEventCodec codec = new CloudEventCodec();

  private ProcessorContext<String, byte[]> context;
  private CampaignStorage campaigns;
  private KeyValueStore<String, AuditTrail.Line> auditLines;
  private KeyValueStore<String, Long> auditCount;

  public CampaignProcessor(CampaignDecider decider, Duration tickEvery, String consumerName) {
    this.decider = decider;
    this.tickEvery = tickEvery;
    this.consumerName = consumerName;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    // A new storage per init: its memory of recent campaigns must not outlive the task's stores
    // (a task closed dirty after an aborted transaction is restored and initialised again).
    this.campaigns =
        new CampaignStorage(
            context.getStateStore(CampaignStores.CAMPAIGNS),
            context.getStateStore(CampaignStores.SPECS),
            context.getStateStore(CampaignStores.MEMBERS));
    this.auditLines = context.getStateStore(CampaignStores.AUDIT_LINES);
    this.auditCount = context.getStateStore(CampaignStores.AUDIT_COUNT);
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
    String campaignId = record.key();
    CampaignInput input = toInput(event);
    if (input == null) {
      deadLetter(
          record,
          "UNEXPECTED_TYPE",
          event.type().ceType() + " is not an input of the campaign state machine");
      return;
    }
    if (!(event.data() instanceof AuditEntry) && !Objects.equals(campaignId, event.subject())) {
      deadLetter(
          record,
          "KEY_MISMATCH",
          "key '" + campaignId + "' differs from ce_subject '" + event.subject() + "'");
      return;
    }
    try {
      apply(
          campaignId, decider.decide(campaigns.get(campaignId), input), input, record.timestamp());
    } catch (IllegalArgumentException e) {
      LOG.errorf(e, "cannot apply the campaign decision about %s", event.id());
      deadLetter(record, "DECISION_UNWRITABLE", e.getMessage());
    }
  }

  /** The input decide sees for an event; null when the event is not one. */
  static CampaignInput toInput(CloudEvent<?> event) {
    String type = event.type().ceType();
    if (event.data() instanceof CampaignRequested r) {
      return new CampaignInput.Requested(event.id(), type, event.time(), r);
    }
    if (event.data() instanceof CampaignControlRequested c) {
      return new CampaignInput.Control(event.id(), type, event.time(), c);
    }
    if (event.data() instanceof UpgradeTransitioned t) {
      return new CampaignInput.MemberUpdate(
          event.id(),
          type,
          t.at(),
          event.subject(),
          t.upgradeId(),
          t.from(),
          t.to(),
          t.reason(),
          false,
          false,
          false);
    }
    if (event.data() instanceof InputRejected r) {
      boolean startRefused =
          r.cause() != null && EventTypes.UPGRADE_REQUESTED.ceType().equals(r.cause().type());
      return new CampaignInput.MemberUpdate(
          event.id(),
          type,
          r.at(),
          event.subject(),
          r.upgradeId(),
          null,
          null,
          r.reason(),
          true,
          startRefused,
          r.duplicate());
    }
    return null;
  }

  private void tick(long wallClockMs) {
    Instant now = Instant.ofEpochMilli(wallClockMs);
    // Heads only: a finished campaign costs a small read per tick, never its members.
    for (Map.Entry<String, Campaign> head : campaigns.heads()) {
      if (head.getValue().status().isTerminal()) {
        continue;
      }
      String id = head.getKey();
      CampaignInput tick = new CampaignInput.Tick("timer:" + id + ":" + wallClockMs, now);
      CampaignDecision d = decider.decide(campaigns.get(id), tick);
      if (d.auditEntry() != null || !d.orders().isEmpty()) {
        try {
          apply(id, d, tick, wallClockMs);
        } catch (IllegalArgumentException e) {
          LOG.errorf(e, "cannot apply the timer decision about campaign %s", id);
        }
      }
    }
  }

  private void apply(String campaignId, CampaignDecision d, CampaignInput input, long timestampMs) {
    Campaign next = d.next();
    Instant at = input.at();
    // Encode everything before changing anything (as the upgrade processor does).
    List<Record<String, byte[]>> out = new ArrayList<>();
    List<String> sinks = new ArrayList<>();
    String actor = CampaignDecider.actorOf(campaignId);
    for (MemberOrder order : d.orders()) {
      UpgradeEvent request = requestFor(campaignId, order, actor, at);
      CloudEvent<?> event =
          new CloudEvent<>(
              input.eventId() + ":" + order.member() + ":" + order.upgradeId(),
              UpgradeProcessor.SOURCE,
              EventTypes.of(eventClass(request)),
              order.member(),
              at,
              order.upgradeId(),
              input.eventId(),
              request);
      out.add(record(event, timestampMs));
      sinks.add(sinkName(Topics.REQUESTS));
    }
    CampaignTransitioned entry =
        CampaignInputs.attach(d.auditEntry(), CampaignInputs.of(input, JSON));
    AuditTrail.Line line = null;
    if (entry != null) {
      CloudEvent<CampaignTransitioned> event =
          new CloudEvent<>(
              input.eventId() + ":campaign-audit",
              UpgradeProcessor.SOURCE,
              EventTypes.CAMPAIGN_TRANSITIONED,
              campaignId,
              at,
              campaignId,
              input.eventId(),
              entry);
      out.add(record(event, timestampMs));
      sinks.add(sinkName(Topics.CAMPAIGN_AUDIT));
      line =
          new AuditTrail.Line(
              event.id(), event.type().name(), event.time(), JSON.convertValue(entry, MAP));
    }
    if (next != null) {
      campaigns.put(next);
    }
    for (int i = 0; i < out.size(); i++) {
      context.forward(out.get(i), sinks.get(i));
    }
    if (line != null && next != null) {
      Long lines = auditCount.get(campaignId);
      long n = lines == null ? 0 : lines;
      auditLines.put(CampaignStores.lineKey(campaignId, n), line);
      auditCount.put(campaignId, n + 1);
    }
  }

  private static UpgradeEvent requestFor(
      String campaignId, MemberOrder order, String actor, Instant at) {
    if (order instanceof MemberOrder.Start s) {
      return new UpgradeRequested(
          s.upgradeId(),
          s.blueCluster(),
          s.currentVersion(),
          s.targetVersion(),
          s.plan(),
          s.dryRun(),
          actor,
          at,
          s.member(),
          campaignId);
    }
    MemberOrder.Control c = (MemberOrder.Control) order;
    return new UpgradeControlRequested(
        c.upgradeId(), c.blueCluster(), c.action(), actor, c.reason(), at, c.member());
  }

  @SuppressWarnings("unchecked")
  private static <T extends UpgradeEvent> Class<T> eventClass(T data) {
    return (Class<T>) data.getClass();
  }

  private Record<String, byte[]> record(CloudEvent<?> event, long timestampMs) {
    Headers headers = new RecordHeaders();
    codec.writeHeaders(event, headers);
    return new Record<>(event.subject(), codec.encodeData(event), timestampMs, headers);
  }

  private void deadLetter(Record<String, byte[]> record, String problem, String reason) {
    StreamDeadLetters.forward(
        context, sinkName(Topics.DEAD_LETTER), consumerName, record, problem, reason);
  }

  /** The sink node through which this processor writes to a topic. */
  static String sinkName(TopicSpec topic) {
    return "campaign-to-" + topic.name();
  }

  /** For the topology: the sinks this processor forwards to. */
  static List<TopicSpec> outputs() {
    return List.of(Topics.REQUESTS, Topics.CAMPAIGN_AUDIT, Topics.DEAD_LETTER);
  }
}
