package dev.bluegreen.replay;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.CloudEventHeaders;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the audit history straight from Kafka: the whole topic, or from a timestamp, up to the end
 * it had when reading began, keeping only the selected upgrade, cluster and time range. It joins no
 * consumer group and commits nothing, so it can run beside the platform at any time.
 */
public final class AuditReader {

  /**
   * What to read.
   *
   * @param upgradeId only this upgrade, or null
   * @param cluster only this cluster, or null
   * @param from only entries recorded at or after this time (also where reading starts), or null
   * @param to only entries recorded at or before this time, or null
   */
  public record Selection(String upgradeId, String cluster, Instant from, Instant to) {
    public static Selection all() {
      return new Selection(null, null, null, null);
    }
  }

  /**
   * What a read found.
   *
   * @param lines the selected lines, ordered by decision time (for timelines)
   * @param inLogOrder the same lines in the order the orchestrator wrote them: per partition, so
   *     per cluster, the order decide saw their inputs (what {@link Replayer} needs; decision times
   *     can go backwards, e.g. a fact stamped before a timer tick that was processed first)
   * @param recordsRead records read off the topic
   * @param unreadable records selected but not readable as audit entries
   */
  public record Result(
      List<AuditLine> lines, List<AuditLine> inLogOrder, long recordsRead, long unreadable) {}

  private final String bootstrapServers;
  // The orchestrator validated every entry when writing it; re-validating a million is the cost.
  private final CloudEventCodec codec = CloudEventCodec.forTrustedHistory();

  public AuditReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Reads the selection. */
  public Result read(Selection selection) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<AuditLine> lines = new ArrayList<>();
    long read = 0;
    long unreadable = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      String topic = Topics.AUDIT.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      seekToStart(consumer, partitions, selection.from());
      Map<TopicPartition, Boolean> done = new HashMap<>();
      for (TopicPartition tp : partitions) {
        done.put(tp, consumer.position(tp) >= end.get(tp));
      }
      while (done.containsValue(false)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          read++;
          if (!selected(record, selection)) {
            continue;
          }
          Incoming incoming = codec.decode(record.headers(), record.value());
          AuditLine line = incoming instanceof Incoming.Valid valid ? lineOf(valid) : null;
          if (line == null) {
            unreadable++;
          } else if (inRange(line.at(), selection)) {
            lines.add(line);
          }
        }
        for (TopicPartition tp : partitions) {
          if (consumer.position(tp) >= end.get(tp)) {
            done.put(tp, true);
          }
        }
      }
    }
    List<AuditLine> inLogOrder = List.copyOf(lines);
    lines.sort(java.util.Comparator.comparing(AuditLine::at));
    return new Result(List.copyOf(lines), inLogOrder, read, unreadable);
  }

  /**
   * Seeks each partition to the first record appended at or after {@code from}. A record is
   * appended after its decision, so no entry decided at or after {@code from} is skipped; entries
   * appended later but decided earlier are dropped by {@link #inRange}.
   */
  /** The line for a decoded event; null when it is not a complete audit entry. */
  private static AuditLine lineOf(Incoming.Valid valid) {
    try {
      return AuditLine.of(valid.event());
    } catch (NullPointerException e) {
      return null; // a required field was missing: without read validation, this is where it shows
    }
  }

  private static void seekToStart(
      KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant from) {
    if (from == null) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      consumer.seek(tp, at == null ? end.get(tp) : at.offset());
    }
  }

  /** Cheap filters on key and headers, before any JSON is parsed. */
  private static boolean selected(ConsumerRecord<String, byte[]> record, Selection selection) {
    if (selection.cluster() != null && !selection.cluster().equals(record.key())) {
      return false;
    }
    if (selection.upgradeId() != null
        && !selection
            .upgradeId()
            .equals(CloudEventCodec.header(record.headers(), CloudEventHeaders.CORRELATION_ID))) {
      return false;
    }
    return true;
  }

  private static boolean inRange(Instant at, Selection selection) {
    return (selection.from() == null || !at.isBefore(selection.from()))
        && (selection.to() == null || !at.isAfter(selection.to()));
  }
}
