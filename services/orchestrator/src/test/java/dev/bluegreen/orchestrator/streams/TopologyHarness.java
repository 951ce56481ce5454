package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.orchestrator.metrics.UpgradeMetrics;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The real topology in a TopologyTestDriver, with CloudEvents in and decoded events out. */
final class TopologyHarness implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  static final Duration TICK = Duration.ofSeconds(5);

  final CloudEventCodec codec = new CloudEventCodec();
  final TopologyTestDriver driver;
  private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
  private final Map<String, TestOutputTopic<String, byte[]>> outputs = new HashMap<>();
  Instant now = T0;

  /**
   * The fleet's standing freezes as the processor is told them (the orchestrator's reader of
   * fleet.freezes.v1, which needs a broker); null: not known yet.
   */
  final AtomicReference<List<Freeze>> fleetFreezes = new AtomicReference<>(List.of());

  TopologyHarness(Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "orchestrator-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            UpgradeTopology.build(
                new UpgradeDecider(PhaseTimeouts.defaults()),
                TICK,
                "orchestrator-test",
                UpgradeMetrics.none(),
                at -> Optional.ofNullable(fleetFreezes.get())),
            props,
            T0);
    for (TopicSpec in : List.of(Topics.REQUESTS, Topics.FACTS, Topics.CAMPAIGN_REQUESTS)) {
      inputs.put(
          in.name(),
          driver.createInputTopic(in.name(), new StringSerializer(), new ByteArraySerializer()));
    }
    for (TopicSpec out : Topics.ALL) {
      outputs.put(
          out.name(),
          driver.createOutputTopic(
              out.name(), new StringDeserializer(), new ByteArrayDeserializer()));
    }
  }

  /** Publishes an event to its topic, as its producer would, one second after the last. */
  CloudEvent<?> publish(UpgradeEvent data, String source) {
    now = now.plusSeconds(1);
    CloudEvent<?> event = CloudEvent.of(source, data, now);
    var record = codec.toRecord(event);
    inputs
        .get(event.topic().name())
        .pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), now));
    return event;
  }

  void publishRaw(TopicSpec topic, String key, Headers headers, byte[] body) {
    inputs.get(topic.name()).pipeInput(new TestRecord<>(key, body, headers, now));
  }

  /** Lets wall-clock time pass, so the punctuator runs. */
  void advance(Duration d) {
    now = now.plus(d);
    driver.advanceWallClockTime(d);
  }

  /** Every event written to the topic since the last read, decoded. */
  List<CloudEvent<?>> read(TopicSpec topic) {
    List<CloudEvent<?>> out = new ArrayList<>();
    for (TestRecord<String, byte[]> r : outputs.get(topic.name()).readRecordsToList()) {
      Incoming in = codec.decode(r.headers(), r.value());
      if (!(in instanceof Incoming.Valid v)) {
        throw new AssertionError("orchestrator wrote an invalid event: " + in);
      }
      out.add(v.event());
    }
    return out;
  }

  List<TestRecord<String, byte[]>> readRaw(TopicSpec topic) {
    return outputs.get(topic.name()).readRecordsToList();
  }

  /** The commands written to every command topic since the last read, in the order sent. */
  List<Command> commands() {
    List<Command> out = new ArrayList<>();
    for (TopicSpec t :
        List.of(
            Topics.PROVISIONER_COMMANDS,
            Topics.DEPLOYER_COMMANDS,
            Topics.TRAFFIC_SHIFTER_COMMANDS,
            Topics.DECOMMISSIONER_COMMANDS)) {
      for (CloudEvent<?> e : read(t)) {
        out.add((Command) e.data());
      }
    }
    // Topics are read one after the other; the sequence number in the id gives the sending order.
    out.sort(
        java.util.Comparator.comparing((Command c) -> c.upgradeId())
            .thenComparingInt(c -> Integer.parseInt(c.commandId().split(":")[1])));
    return out;
  }

  UpgradeStatus byId(String upgradeId) {
    KeyValueStore<String, UpgradeStatus> store = driver.getKeyValueStore(UpgradeStores.BY_ID);
    return store.get(upgradeId);
  }

  UpgradeStatus byCluster(String cluster) {
    KeyValueStore<String, UpgradeStatus> store = driver.getKeyValueStore(UpgradeStores.BY_CLUSTER);
    return store.get(cluster);
  }

  dev.bluegreen.campaign.core.Campaign campaign(String id) {
    return CampaignStorage.read(
        driver.getKeyValueStore(CampaignStores.CAMPAIGNS),
        driver.getKeyValueStore(CampaignStores.SPECS),
        driver.getKeyValueStore(CampaignStores.MEMBERS),
        id);
  }

  AuditTrail trail(String upgradeId) {
    KeyValueStore<String, AuditTrail> store = driver.getKeyValueStore(UpgradeStores.AUDIT);
    return store.get(upgradeId);
  }

  @Override
  public void close() {
    driver.close();
  }
}
