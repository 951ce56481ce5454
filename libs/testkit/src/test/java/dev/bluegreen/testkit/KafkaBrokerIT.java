package dev.bluegreen.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.ProvisionGreen;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The in-process broker is a real Kafka: events go through it with their headers intact. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

  @Test
  void broker_hasEveryCatalogTopic(KafkaBroker broker) throws Exception {
    try (Admin admin = Admin.create(broker.clientProperties())) {
      Set<String> names = admin.listTopics().names().get();
      Topics.ALL.forEach(t -> assertTrue(names.contains(t.name()), t.name()));
      var audit =
          admin
              .describeTopics(Set.of(Topics.AUDIT.name()))
              .allTopicNames()
              .get()
              .get(Topics.AUDIT.name());
      assertEquals(Topics.PARTITIONS, audit.partitions().size());
    }
  }

  @Test
  void publishedCloudEvent_isConsumedWithHeadersIntact(EventProbe probe) {
    ProvisionGreen command =
        new ProvisionGreen(
            "upg-it-1:2:ProvisionGreen", "upg-it-1", "orders-prod", "orders-prod-g1", "1.32");
    CloudEvent<ProvisionGreen> sent =
        CloudEvent.of("/testkit", command, Instant.parse("2026-11-25T09:00:00Z"));
    probe.publish(sent);

    CloudEvent<ProvisionGreen> received =
        probe.await(
            Topics.PROVISIONER_COMMANDS,
            ProvisionGreen.class,
            c -> c.upgradeId().equals("upg-it-1"));

    assertEquals(sent, received);
    var record =
        probe.awaitRecord(
            Topics.PROVISIONER_COMMANDS.name(),
            r -> "orders-prod".equals(r.key()),
            "the raw record",
            Duration.ofSeconds(10));
    assertEquals(sent.id(), CloudEventCodec.header(record.headers(), "ce_id"));
    assertEquals("orders-prod", CloudEventCodec.header(record.headers(), "ce_subject"));
    assertEquals("upg-it-1", CloudEventCodec.header(record.headers(), "ce_correlationid"));
  }

  @Test
  void poisonPill_isReadAsInvalid_notAsAnException(EventProbe probe) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_type", "dev.bluegreen.Nonsense.v1".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    probe.publishRaw(
        Topics.FACTS.name(), "poison-cluster", headers, "{]".getBytes(StandardCharsets.UTF_8));

    var record =
        probe.awaitRecord(
            Topics.FACTS.name(),
            r -> "poison-cluster".equals(r.key()),
            "the poison pill",
            Duration.ofSeconds(10));
    Incoming.Invalid invalid = assertInstanceOf(Incoming.Invalid.class, probe.decode(record));
    assertEquals(Incoming.Problem.UNKNOWN_TYPE, invalid.problem());
  }

  @Test
  void awaitingAnEventThatNeverComes_failsAtTheDeadline(EventProbe probe) {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                probe.await(
                    Topics.DECOMMISSIONER_COMMANDS,
                    ProvisionGreen.class,
                    c -> true,
                    Duration.ofMillis(300)));
    assertTrue(error.getMessage().contains("gave up after"), error.getMessage());
  }
}
