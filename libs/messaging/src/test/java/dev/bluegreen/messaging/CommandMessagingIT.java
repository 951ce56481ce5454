package dev.bluegreen.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import dev.bluegreen.testkit.MetricCatalog;
import dev.bluegreen.testkit.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The messaging library in a real Quarkus app against a real broker: commands in, facts out. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class CommandMessagingIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private static final String DEAD_LETTERS_TOTAL = DeadLetterMetrics.DEAD_LETTERS + "_total";

  @Inject EchoProvisioner handler;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrapServers);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  private static ProvisionGreen provision(String upgradeId) {
    return new ProvisionGreen(
        upgradeId + ":2:ProvisionGreen", upgradeId, "payments-prod", "payments-prod-g1", "1.31");
  }

  @Test
  void command_isAnsweredWithAFactOnTheFactsTopic_causedByIt() {
    CloudEvent<ProvisionGreen> command =
        CloudEvent.of("/orchestrator", provision("upg-m1"), Instant.now());
    probe.publish(command);

    CloudEvent<GreenClusterReady> fact =
        probe.await(Topics.FACTS, GreenClusterReady.class, f -> f.upgradeId().equals("upg-m1"));

    assertEquals(command.id(), fact.causationId());
    assertEquals("/bluegreen/messaging-it", fact.source());
  }

  @Test
  void commandFromAnAbortedTransaction_isNeverActedOn() throws Exception {
    // As a crashed orchestrator's Streams transaction would leave it: written, then aborted.
    CloudEventCodec codec = new CloudEventCodec();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-orchestrator");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<String, byte[]> orchestrator = new KafkaProducer<>(props)) {
      orchestrator.initTransactions();
      orchestrator.beginTransaction();
      orchestrator
          .send(
              codec.toRecord(
                  CloudEvent.of("/orchestrator", provision("upg-aborted"), Instant.now())))
          .get();
      orchestrator.abortTransaction();
    }
    // A committed command behind it on the same partition (same key): once it is answered, the
    // aborted one before it has been passed over, not just not reached yet.
    probe.publish(CloudEvent.of("/orchestrator", provision("upg-committed"), Instant.now()));
    probe.await(Topics.FACTS, GreenClusterReady.class, f -> f.upgradeId().equals("upg-committed"));

    assertTrue(handler.handledUpgrades().contains("upg-committed"));
    assertFalse(
        handler.handledUpgrades().contains("upg-aborted"),
        "a command of an aborted transaction was acted on: " + handler.handledUpgrades());
  }

  @Test
  void poisonPill_goesToTheDeadLetterTopic_andTheNextCommandIsStillAnswered() {
    var headers =
        new CloudEventCodec()
            .toRecord(CloudEvent.of("/x", provision("upg-m2"), Instant.now()))
            .headers();
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    Map<String, String> malformed =
        Map.of("reason", "MALFORMED_JSON", "source_topic", Topics.PROVISIONER_COMMANDS.name());
    double deadLettersBefore = PrometheusScrape.of(metrics).sum(DEAD_LETTERS_TOTAL, malformed);
    probe.publishRaw(Topics.PROVISIONER_COMMANDS.name(), "poisoned-cluster", headers, garbage);
    probe.publish(CloudEvent.of("/orchestrator", provision("upg-m3"), Instant.now()));

    var dead =
        probe.awaitRecord(
            Topics.DEAD_LETTER.name(),
            r -> "poisoned-cluster".equals(r.key()),
            "the poison pill on the dead-letter topic",
            Duration.ofSeconds(30));
    assertArrayEquals(garbage, dead.value());
    assertEquals("MALFORMED_JSON", CloudEventCodec.header(dead.headers(), DeadLetters.PROBLEM));
    assertEquals("messaging-it", CloudEventCodec.header(dead.headers(), DeadLetters.CONSUMER));
    probe.await(Topics.FACTS, GreenClusterReady.class, f -> f.upgradeId().equals("upg-m3"));
    // ... and counted by reason at /q/metrics, with the labels the catalog lists.
    PrometheusScrape scrape =
        PrometheusScrape.await(
            metrics,
            DEAD_LETTERS_TOTAL,
            malformed,
            n -> n == deadLettersBefore + 1,
            Duration.ofSeconds(10));
    MetricCatalog catalog = MetricCatalog.load();
    scrape.samples().stream()
        .filter(s -> s.name().equals(DEAD_LETTERS_TOTAL))
        .forEach(s -> assertEquals(catalog.labelsOf(s.name()), s.labels().keySet()));
  }

  @Test
  void consumerLag_ofTheCommandsConsumer_isExported() {
    Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    while (!PrometheusScrape.of(metrics).has("kafka_consumer_fetch_manager_records_lag_max")) {
      deadline.check("kafka_consumer_fetch_manager_records_lag_max at /q/metrics");
      deadline.pause();
    }
  }

  @Test
  void redeliveredCommand_isHandledOnce() {
    int before = handler.handledCount();
    probe.publish(CloudEvent.of("/orchestrator", provision("upg-m4"), Instant.now()));
    probe.publish(CloudEvent.of("/orchestrator", provision("upg-m4"), Instant.now()));
    probe.publish(CloudEvent.of("/orchestrator", provision("upg-m5"), Instant.now()));

    // upg-m5 sits behind both copies on the same partition (same key), so once it is answered
    // both copies of upg-m4 have been taken off the topic.
    probe.await(Topics.FACTS, GreenClusterReady.class, f -> f.upgradeId().equals("upg-m5"));
    long answers = probe.eventsSoFar(Topics.FACTS, e -> "upg-m4".equals(e.correlationId())).size();
    assertEquals(1, answers);
    assertEquals(before + 2, handler.handledCount(), "upg-m4 once, upg-m5 once");
  }
}
