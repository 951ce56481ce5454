package dev.bluegreen.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.local.CreateTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The contracts hold on the broker image compose runs: topics from the catalog, CloudEvents in
 * binary mode through a real producer and consumer, and an unreadable record reported rather than
 * thrown.
 */
@RequiresDocker
class CloudEventsThroughContainerBrokerIT {

  private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
  private static KafkaContainer broker;
  private final CloudEventCodec codec = new CloudEventCodec();

  @BeforeAll
  static void startBrokerAndCreateTopics() throws InterruptedException {
    broker = ContainerBroker.start();
    // The same code as compose's kafka-setup one-shot and bin/run-local.
    CreateTopics.main(new String[] {broker.getBootstrapServers()});
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.stop();
    }
  }

  @Test
  void everyCatalogTopic_existsOnTheContainerBroker_withItsPartitionCount() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBootstrapServers()))) {
      Set<String> names = Topics.ALL.stream().map(t -> t.name()).collect(Collectors.toSet());
      Map<String, TopicDescription> described = awaitDescriptions(admin, names);
      for (var topic : Topics.ALL) {
        assertEquals(
            topic.partitions(),
            described.get(topic.name()).partitions().size(),
            "partitions of " + topic.name());
      }
    }
  }

  @Test
  void command_publishedAsCloudEvent_isConsumedAsTheSameEventKeyedByCluster() {
    String upgrade = "upg-" + UUID.randomUUID();
    CloudEvent<ProvisionGreen> sent =
        CloudEvent.of(
            "/bluegreen/orchestrator",
            new ProvisionGreen(
                upgrade + ":2:ProvisionGreen", upgrade, "payments-001", "payments-001-g1", "1.33"),
            NOW);

    publish(codec.toRecord(sent));
    ConsumerRecord<String, byte[]> received = awaitRecord(sent.topic().name(), sent.id());

    assertEquals("payments-001", received.key());
    Incoming.Valid valid =
        assertInstanceOf(Incoming.Valid.class, codec.decode(received.headers(), received.value()));
    assertEquals(sent, valid.event());
  }

  @Test
  void fact_causedByACommand_keepsCorrelationAndCausationThroughTheBroker() {
    String upgrade = "upg-" + UUID.randomUUID();
    CloudEvent<ProvisionGreen> command =
        CloudEvent.of(
            "/bluegreen/orchestrator",
            new ProvisionGreen(
                upgrade + ":2:ProvisionGreen", upgrade, "search-002", "search-002-g1", "1.33"),
            NOW);
    CloudEvent<GreenClusterReady> fact =
        CloudEvent.causedBy(
            command,
            "/bluegreen/provisioner",
            new GreenClusterReady(
                command.data().commandId(),
                upgrade,
                "search-002",
                "search-002-g1",
                "1.33",
                List.of("general"),
                null),
            NOW.plusSeconds(600));

    publish(codec.toRecord(fact));
    ConsumerRecord<String, byte[]> received = awaitRecord(Topics.FACTS.name(), fact.id());

    CloudEvent<?> read =
        assertInstanceOf(Incoming.Valid.class, codec.decode(received.headers(), received.value()))
            .event();
    assertEquals(upgrade, read.correlationId());
    assertEquals(command.id(), read.causationId());
    assertEquals(fact.data(), read.data());
  }

  @Test
  void recordOfAnUnknownType_isReportedAsInvalid_notThrown() {
    String id = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> poison =
        new ProducerRecord<>(
            Topics.PROVISIONER_COMMANDS.name(),
            "payments-001",
            "{\"cluster\":\"payments-001\"}".getBytes(StandardCharsets.UTF_8));
    poison.headers().add("ce_specversion", bytes("1.0"));
    poison.headers().add("ce_id", bytes(id));
    poison.headers().add("ce_source", bytes("/somewhere/else"));
    poison.headers().add("ce_type", bytes("dev.bluegreen.LaunchRocket.v1"));
    poison.headers().add("ce_subject", bytes("payments-001"));
    poison.headers().add("ce_time", bytes(NOW.toString()));

    publish(poison);
    ConsumerRecord<String, byte[]> received = awaitRecord(Topics.PROVISIONER_COMMANDS.name(), id);

    Incoming.Invalid invalid =
        assertInstanceOf(
            Incoming.Invalid.class, codec.decode(received.headers(), received.value()));
    assertEquals(Incoming.Problem.UNKNOWN_TYPE, invalid.problem());
    assertNull(CloudEventCodec.header(received.headers(), "ce_causationid"));
  }

  /**
   * Describes the topics once the broker's metadata has caught up with their creation (a create
   * returns before every listener sees the topic), or fails at the deadline.
   */
  private static Map<String, TopicDescription> awaitDescriptions(Admin admin, Set<String> names)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try {
        return admin.describeTopics(names).allTopicNames().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || Instant.now().isAfter(deadline)) {
          throw new AssertionError("topics not described: " + names, e.getCause());
        }
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void publish(ProducerRecord<String, byte[]> record) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(record).get();
    } catch (Exception e) {
      throw new AssertionError("could not publish to " + record.topic(), e);
    }
  }

  /** Reads the topic from the start until the record with {@code ce_id} arrives, or fails. */
  private ConsumerRecord<String, byte[]> awaitRecord(String topic, String ceId) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<String> seen = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String id = CloudEventCodec.header(record.headers(), "ce_id");
          if (ceId.equals(id)) {
            return record;
          }
          seen.add(id);
        }
      }
    }
    throw new AssertionError("no record with ce_id " + ceId + " on " + topic + "; saw " + seen);
  }
}
