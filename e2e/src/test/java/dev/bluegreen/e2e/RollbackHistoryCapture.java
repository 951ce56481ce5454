package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Captures the audit history of a real upgrade that is rolled back by hand while blue is kept, as
 * tools/replay's checked-in fixture ({@code tools/replay/src/test/resources/histories/}). Not an
 * {@code *IT}: it runs only when asked for, because it rewrites a file of another module.
 *
 * <pre>
 * ./mvnw -o -pl e2e -am verify -Dit.test=RollbackHistoryCapture -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>The same scenario as {@code FailureAndControlIT}'s manual rollback: request, approve the
 * shift, wait for SOAKING, {@code POST /rollback}, wait for ROLLED_BACK. Then every record keyed by
 * the cluster on the audit topic is written, one JSON object a line: partition, offset, timestamp,
 * key, headers (as UTF-8 strings) and value (the JSON body as a string, byte for byte).
 */
@ExtendWith(KafkaBrokerExtension.class)
class RollbackHistoryCapture {

  private static final String CLUSTER = "search-011";
  private static final Duration WITHIN = Duration.ofMinutes(4);

  @Test
  void manualRollbackWhileSoaking_isCapturedAsReplayFixture(KafkaBroker broker) throws Exception {
    Path out =
        Path.of(
            System.getProperty(
                "capture.out",
                Platform.repoRoot()
                    .resolve("tools/replay/src/test/resources/histories/manual-rollback.jsonl")
                    .toString()));
    String id;
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      UpgradeApi api = platform.api();
      id =
          api.requestUpgrade(
              """
              {"cluster":"%s","targetVersion":"1.33","retention":"PT30M",
               "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}]}
              """
                  .formatted(CLUSTER));
      api.awaitState(id, Set.of("SOAKING"), true, WITHIN);
      assertEquals(
          202,
          api.post("/upgrades/" + id + "/rollback", "{\"reason\":\"latency regression\"}")
              .status());
      JsonNode done =
          api.awaitState(
              id, Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED"), false, WITHIN);
      assertEquals("ROLLED_BACK", done.path("state").asText(), done.toString());
    }
    List<String> lines = auditRecordsOf(broker, CLUSTER);
    assertFalse(lines.isEmpty(), "the audit topic holds the upgrade " + id);
    Files.createDirectories(out.getParent());
    Files.write(out, lines, StandardCharsets.UTF_8);
    System.out.println("captured " + lines.size() + " audit records of " + id + " to " + out);
  }

  /** Every audit record keyed by the cluster, up to the topic's end, as JSON lines. */
  private static List<String> auditRecordsOf(KafkaBroker broker, String cluster) {
    Properties props = broker.clientProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      String topic = Topics.AUDIT.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      Deadline deadline = Deadline.in(Duration.ofSeconds(60));
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        deadline.check("reading the audit topic to its end");
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (!cluster.equals(r.key())) {
            continue;
          }
          ObjectNode line = json.createObjectNode();
          line.put("partition", r.partition());
          line.put("offset", r.offset());
          line.put("timestamp", r.timestamp());
          line.put("key", r.key());
          ObjectNode headers = line.putObject("headers");
          for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
          }
          line.put("value", new String(r.value(), StandardCharsets.UTF_8));
          lines.add(line.toString());
        }
      }
    }
    return lines;
  }
}
