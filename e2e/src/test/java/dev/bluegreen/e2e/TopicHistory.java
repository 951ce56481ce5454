package dev.bluegreen.e2e;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.testkit.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
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
    List<String> ids = new ArrayList<>();
    read(
        bootstrapServers,
        topic,
        r -> {
          if (upgradeId.equals(header(r, "ce_correlationid"))) {
            ids.add(header(r, "ce_id"));
          }
        });
    return ids;
  }

  /**
   * How many upgrade requests a campaign published for each of its members (by logical cluster),
   * over every attempt: a member started twice shows 2.
   */
  static Map<String, Long> upgradeRequestsOf(String bootstrapServers, String campaignId) {
    CloudEventCodec codec = CloudEventCodec.forTrustedHistory();
    Map<String, Long> perMember = new TreeMap<>();
    read(
        bootstrapServers,
        Topics.REQUESTS.name(),
        r -> {
          if (codec.decode(r.headers(), r.value()) instanceof Incoming.Valid v
              && v.event().data() instanceof UpgradeRequested u
              && campaignId.equals(u.campaignId())) {
            perMember.merge(u.logicalCluster(), 1L, Long::sum);
          }
        });
    return perMember;
  }

  private static void read(
      String bootstrapServers, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-history-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
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
        consumer.poll(Duration.ofMillis(200)).forEach(each);
        deadline.check("reading " + topic + " to its end");
      }
    }
  }

  private static String header(ConsumerRecord<String, byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
