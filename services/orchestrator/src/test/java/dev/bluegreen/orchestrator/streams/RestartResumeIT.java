package dev.bluegreen.orchestrator.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.HealthyAnswers;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.RequestRules;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given an upgrade in flight, when the orchestrator stops and a new instance starts with an empty
 * local state directory, then it restores the state from the changelog and carries on: no command
 * is lost and none is sent twice. Real broker, real KafkaStreams, exactly-once v2.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RestartResumeIT {

  private static final String CLUSTER = "restart-cluster";

  @TempDir Path firstStateDir;
  @TempDir Path secondStateDir;

  private static KafkaStreams start(KafkaBroker broker, String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // Streams does not leave the group on close: a short session lets the next instance take over
    // the partitions in seconds instead of the default 45.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
    KafkaStreams streams =
        new KafkaStreams(
            UpgradeTopology.build(
                new UpgradeDecider(PhaseTimeouts.defaults()), Duration.ofSeconds(1), applicationId),
            props);
    streams.start();
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    while (streams.state() != KafkaStreams.State.RUNNING) {
      deadline.check("Kafka Streams to run (state " + streams.state() + ")");
      deadline.pause();
    }
    return streams;
  }

  private static <T extends Command> CloudEvent<T> answer(
      EventProbe probe, TopicSpec topic, Class<T> type, String upgradeId) {
    CloudEvent<T> command = probe.await(topic, type, c -> c.upgradeId().equals(upgradeId));
    probe.publish(
        CloudEvent.causedBy(
            command, HealthyAnswers.SOURCE, HealthyAnswers.to(command.data()), Instant.now()));
    return command;
  }

  @Test
  void restartMidUpgrade_resumesFromTheStore_withNoLostOrRepeatedCommand(
      KafkaBroker broker, EventProbe probe) {
    String applicationId = "orchestrator-restart-" + UUID.randomUUID();
    String upgradeId = UUID.randomUUID().toString();
    UpgradePlan plan =
        new UpgradePlan(
            RequestRules.DEFAULT_STEPS, Duration.ofHours(1), new ApprovalGates(true, true), null);

    KafkaStreams first = start(broker, applicationId, firstStateDir);
    try {
      probe.publish(
          CloudEvent.of(
              "/test/api",
              new UpgradeRequested(
                  upgradeId, CLUSTER, "1.30", "1.31", plan, false, "alice", Instant.now()),
              Instant.now()));
      answer(probe, Topics.PROVISIONER_COMMANDS, RunPreflight.class, upgradeId);
      probe.await(
          Topics.PROVISIONER_COMMANDS, ProvisionGreen.class, c -> c.upgradeId().equals(upgradeId));
    } finally {
      first.close(Duration.ofSeconds(30));
    }

    KafkaStreams second = start(broker, applicationId, secondStateDir);
    try {
      answer(probe, Topics.PROVISIONER_COMMANDS, ProvisionGreen.class, upgradeId);
      answer(probe, Topics.DEPLOYER_COMMANDS, DeployWorkloads.class, upgradeId);
      probe.await(
          Topics.DEPLOYER_COMMANDS, VerifyGreen.class, c -> c.upgradeId().equals(upgradeId));

      UpgradeStatus status =
          second
              .store(
                  StoreQueryParameters.fromNameAndType(
                      UpgradeStores.BY_ID,
                      QueryableStoreTypes.<String, UpgradeStatus>keyValueStore()))
              .get(upgradeId);
      assertEquals(UpgradeState.VERIFYING, status.state());
    } finally {
      second.close(Duration.ofSeconds(30));
    }

    List<String> sent = new ArrayList<>();
    sent.addAll(commandIds(broker, Topics.PROVISIONER_COMMANDS, upgradeId));
    sent.addAll(commandIds(broker, Topics.DEPLOYER_COMMANDS, upgradeId));
    assertEquals(
        List.of(
            upgradeId + ":1:RunPreflight",
            upgradeId + ":2:ProvisionGreen",
            upgradeId + ":3:DeployWorkloads",
            upgradeId + ":4:VerifyGreen"),
        sent);
  }

  /** Every committed command of the upgrade on the topic, read to its end. */
  private static List<String> commandIds(KafkaBroker broker, TopicSpec topic, String upgradeId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    CloudEventCodec codec = new CloudEventCodec();
    List<String> ids = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic.name(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Deadline deadline = Deadline.in(Duration.ofSeconds(30));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        deadline.check("reading " + topic.name() + " to its end");
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (codec.decode(r.headers(), r.value()) instanceof Incoming.Valid v
              && v.event().data() instanceof Command c
              && upgradeId.equals(c.upgradeId())) {
            ids.add(c.commandId());
          }
        }
      }
    }
    ids.sort(java.util.Comparator.comparingInt(id -> Integer.parseInt(id.split(":")[1])));
    return ids;
  }
}
