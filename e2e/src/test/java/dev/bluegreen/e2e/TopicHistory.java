package dev.bluegreen.e2e;

import dev.bluegreen.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything committed on a topic so far, read from the beginning to the current end (as a consumer
 * with {@code read_committed} sees it), for checks such as "every command exists exactly once".
 */
final class TopicHistory {

  private TopicHistory() {}

  /** The {@code ce_id} of every committed record on {@code topic} that belongs to an upgrade. */
  static List<String> eventIds(String bootstrapServers, String topic, String upgradeId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-history-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> ids = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // read_committed: the end offsets are the last stable offsets, what committed readers get.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Deadline deadline = Deadline.in(Duration.ofSeconds(30));
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (upgradeId.equals(header(r, "ce_correlationid"))) {
            ids.add(header(r, "ce_id"));
          }
        }
        deadline.check("reading " + topic + " to its end");
      }
    }
    return ids;
  }

  private static String header(ConsumerRecord<String, byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
