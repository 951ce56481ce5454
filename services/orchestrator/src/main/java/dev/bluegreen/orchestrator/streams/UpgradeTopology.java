package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.orchestrator.metrics.UpgradeMetrics;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import java.time.Duration;
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

  private UpgradeTopology() {}

  static final String REQUESTS_SOURCE = "requests";
  static final String FACTS_SOURCE = "facts";
  static final String PROCESSOR = "upgrade-state-machine";

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

  /** The topology, recording its decisions in {@code metrics}. */
  public static Topology build(
      UpgradeDecider decider, Duration tickEvery, String consumerName, UpgradeMetrics metrics) {
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
        () -> new UpgradeProcessor(decider, tickEvery, consumerName, metrics),
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
    return topology;
  }

  /** The sink node that writes to a topic. */
  static String sinkName(TopicSpec topic) {
    return "to-" + topic.name();
  }
}
