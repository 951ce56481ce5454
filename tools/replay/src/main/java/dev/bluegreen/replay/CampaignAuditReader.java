package dev.bluegreen.replay;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one campaign's decisions off {@code campaign.audit.v1}, keyed by campaign id, from the
 * beginning up to the end the topic had when reading began. Like {@link AuditReader} it joins no
 * consumer group and commits nothing. One key lives in one partition, so the entries come in the
 * order the orchestrator wrote them: the order decide saw their inputs.
 */
public final class CampaignAuditReader {

  /**
   * What a read found.
   *
   * @param entries the campaign's entries in log order
   * @param recordsRead records read off the topic
   * @param unreadable records of the campaign not readable as campaign audit entries
   */
  public record Result(List<CampaignTransitioned> entries, long recordsRead, long unreadable) {}

  private final String bootstrapServers;
  private final CloudEventCodec codec = CloudEventCodec.forTrustedHistory();

  public CampaignAuditReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Reads every entry of {@code campaignId}. */
  public Result read(String campaignId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<CampaignTransitioned> entries = new ArrayList<>();
    long read = 0;
    long unreadable = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      String topic = Topics.CAMPAIGN_AUDIT.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Boolean> done = new HashMap<>();
      for (TopicPartition tp : partitions) {
        done.put(tp, consumer.position(tp) >= end.get(tp));
      }
      while (done.containsValue(false)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          read++;
          if (!campaignId.equals(record.key())) {
            continue;
          }
          Incoming incoming = codec.decode(record.headers(), record.value());
          if (incoming instanceof Incoming.Valid valid
              && valid.event().data() instanceof CampaignTransitioned t) {
            entries.add(t);
          } else {
            unreadable++;
          }
        }
        for (TopicPartition tp : partitions) {
          if (consumer.position(tp) >= end.get(tp)) {
            done.put(tp, true);
          }
        }
      }
    }
    return new Result(List.copyOf(entries), read, unreadable);
  }
}
