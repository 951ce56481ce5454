package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.CampaignDecider;
import dev.bluegreen.campaign.core.Member;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.orchestrator.metrics.UpgradeMetrics;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the orchestrator's topology: requests and facts (both keyed by cluster, co-partitioned)
 * into one {@link UpgradeProcessor} with three persistent stores, out to each service's command
 * topic, the audit topic and the dead-letter topic. The application and the tests both build it
 * here.
 */
public final class UpgradeTopology {

  /** The topics the topology reads, each into a source of its own. */
  public static final List<TopicSpec> INPUTS =
      List.of(Topics.REQUESTS, Topics.FACTS, Topics.CAMPAIGN_REQUESTS, Topics.CAMPAIGN_MEMBERS);

  private UpgradeTopology() {}

  static final String REQUESTS_SOURCE = "requests";
  static final String FACTS_SOURCE = "facts";
  static final String PROCESSOR = "upgrade-state-machine";
  static final String CAMPAIGN_REQUESTS_SOURCE = "campaign-requests";
  static final String CAMPAIGN_MEMBERS_SOURCE = "campaign-members";
  static final String CAMPAIGN_PROCESSOR = "campaign-state-machine";

  /**
   * The topology.
   *
   * @param decider the state machine
   * @param tickEvery how often the wall-clock punctuator checks timeouts, pauses and retention
   * @param consumerName the name dead letters give as the consumer that gave up (the application
   *     id)
   */
  public static Topology build(UpgradeDecider decider, Duration tickEvery, String consumerName) {
    return build(decider, tickEvery, consumerName, UpgradeMetrics.none());
  }

  /** The topology, recording its decisions in {@code metrics}, with the default campaign rules. */
  public static Topology build(
      UpgradeDecider decider, Duration tickEvery, String consumerName, UpgradeMetrics metrics) {
    return build(
        decider, new CampaignDecider(), tickEvery, consumerName, metrics, FleetFreezes.NONE);
  }

  /** The topology with the default campaign rules, told the fleet's freezes by {@code freezes}. */
  public static Topology build(
      UpgradeDecider decider,
      Duration tickEvery,
      String consumerName,
      UpgradeMetrics metrics,
      FleetFreezes freezes) {
    return build(decider, new CampaignDecider(), tickEvery, consumerName, metrics, freezes);
  }

  /**
   * The topology, recording its decisions in {@code metrics}: the upgrades' sub-topology (keyed by
   * logical cluster) and the campaigns' (keyed by campaign id). They meet only through topics: a
   * campaign writes its members' requests to {@code upgrade.requests.v1}; the upgrade processor
   * writes campaign members' audit entries to {@code campaign.members.v1}.
   */
  public static Topology build(
      UpgradeDecider decider,
      CampaignDecider campaigns,
      Duration tickEvery,
      String consumerName,
      UpgradeMetrics metrics,
      FleetFreezes freezes) {
    Topology topology = new Topology();
    topology.addSource(
        REQUESTS_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        Topics.REQUESTS.name());
    topology.addSource(
        FACTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.FACTS.name());
    topology.addProcessor(
        PROCESSOR,
        () -> new UpgradeProcessor(decider, tickEvery, consumerName, metrics, freezes),
        REQUESTS_SOURCE,
        FACTS_SOURCE);
    JsonSerde<UpgradeStatus> statusSerde = new JsonSerde<>(UpgradeStatus.class);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(UpgradeStores.BY_CLUSTER), Serdes.String(), statusSerde),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(UpgradeStores.BY_ID), Serdes.String(), statusSerde),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(UpgradeStores.AUDIT),
            Serdes.String(),
            new JsonSerde<>(AuditTrail.class)),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(UpgradeStores.TRACES), Serdes.String(), Serdes.String()),
        PROCESSOR);
    for (TopicSpec out : UpgradeProcessor.outputs()) {
      topology.addSink(
          sinkName(out), out.name(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
    }
    addCampaigns(topology, campaigns, tickEvery, consumerName);
    return topology;
  }

  private static void addCampaigns(
      Topology topology, CampaignDecider decider, Duration tickEvery, String consumerName) {
    topology.addSource(
        CAMPAIGN_REQUESTS_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        Topics.CAMPAIGN_REQUESTS.name());
    topology.addSource(
        CAMPAIGN_MEMBERS_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        Topics.CAMPAIGN_MEMBERS.name());
    topology.addProcessor(
        CAMPAIGN_PROCESSOR,
        () -> new CampaignProcessor(decider, tickEvery, consumerName),
        CAMPAIGN_REQUESTS_SOURCE,
        CAMPAIGN_MEMBERS_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CampaignStores.CAMPAIGNS),
            Serdes.String(),
            new JsonSerde<>(Campaign.class)),
        CAMPAIGN_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CampaignStores.SPECS),
            Serdes.String(),
            new JsonSerde<>(CampaignRequested.class)),
        CAMPAIGN_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CampaignStores.MEMBERS),
            Serdes.String(),
            new JsonSerde<>(Member.class)),
        CAMPAIGN_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CampaignStores.AUDIT_LINES),
            Serdes.String(),
            new JsonSerde<>(AuditTrail.Line.class)),
        CAMPAIGN_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CampaignStores.AUDIT_COUNT),
            Serdes.String(),
            Serdes.Long()),
        CAMPAIGN_PROCESSOR);
    for (TopicSpec out : CampaignProcessor.outputs()) {
      topology.addSink(
          CampaignProcessor.sinkName(out),
          out.name(),
          new StringSerializer(),
          new ByteArraySerializer(),
          CAMPAIGN_PROCESSOR);
    }
  }

  /** The sink node that writes to a topic. */
  static String sinkName(TopicSpec topic) {
    return "to-" + topic.name();
  }
}
