package dev.bluegreen.replay;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.CloudEventHeaders;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.timeline.SharedStrings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
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
   * What a read found, with every selected line. Meant for selections (an upgrade, a cluster): a
   * whole topic of long history is read with {@link #read(Selection, Consumer)} instead.
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

  /**
   * What a streamed read counted.
   *
   * @param recordsRead records read off the topic
   * @param selected lines handed on (selected and readable)
   * @param unreadable records selected but not readable as audit entries
   */
  public record Counts(long recordsRead, long selected, long unreadable) {}

  /** How much of each entry a read keeps. */
  public enum Detail {
    /** The whole entry, with the input decide saw ({@link AuditLine#entry()}): for replay. */
    ENTRIES,
    /**
     * What the formats show ({@link AuditLine#forRendering}), read in one streaming pass that skips
     * the recorded input: several times faster per entry.
     */
    RENDERING
  }

  private final String bootstrapServers;
  // The orchestrator validated every entry when writing it; re-validating a million is the cost.
  private final CloudEventCodec codec = CloudEventCodec.forTrustedHistory();

  public AuditReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Reads the selection and keeps every selected line (see {@link Result}). */
  public Result read(Selection selection) {
    List<AuditLine> inLogOrder = new ArrayList<>();
    Counts counts = read(selection, inLogOrder::add);
    List<AuditLine> lines = new ArrayList<>(inLogOrder);
    lines.sort(Comparator.comparing(AuditLine::at));
    return new Result(
        List.copyOf(lines), List.copyOf(inLogOrder), counts.recordsRead(), counts.unreadable());
  }

  /**
   * Reads the selection and hands each selected line to {@code sink} as soon as it is decoded, in
   * log order (per partition, so per cluster, the order the orchestrator wrote them), keeping none:
   * what the sink keeps is all the memory a read takes beyond the consumer's fetch buffers. Records
   * the selection does not match are skipped on their key and headers, before any JSON is parsed.
   */
  public Counts read(Selection selection, Consumer<AuditLine> sink) {
    return read(selection, Detail.ENTRIES, sink);
  }

  /**
   * As {@link #read(Selection, Consumer)}, keeping only {@code detail} of each entry: {@link
   * Detail#RENDERING} for timelines.
   */
  public Counts read(Selection selection, Detail detail, Consumer<AuditLine> sink) {
    AuditLineParser parser = new AuditLineParser(new SharedStrings());
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putAll(KafkaLogin.fromEnvironment());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    // Bounded fetch buffers: a few MB per partition is plenty to keep decoding busy.
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    long read = 0;
    long selected = 0;
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
          AuditLine line =
              detail == Detail.RENDERING
                  ? parser.parse(record.headers(), record.value())
                  : decode(record.headers(), record.value());
          if (line == null) {
            unreadable++;
          } else if (inRange(line.at(), selection)) {
            selected++;
            sink.accept(line);
          }
        }
        for (TopicPartition tp : partitions) {
          if (consumer.position(tp) >= end.get(tp)) {
            done.put(tp, true);
          }
        }
      }
    }
    return new Counts(read, selected, unreadable);
  }

  /**
   * The line for one audit record's headers and body, as the reader decodes it; null when it is not
   * a complete audit entry.
   */
  public AuditLine decode(Headers headers, byte[] body) {
    Incoming incoming = codec.decode(headers, body);
    if (!(incoming instanceof Incoming.Valid valid)) {
      return null;
    }
    try {
      return AuditLine.of(valid.event());
    } catch (NullPointerException e) {
      return null; // a required field was missing: without read validation, this is where it shows
    }
  }

  /**
   * Seeks each partition to the first record appended at or after {@code from}. A record is
   * appended after its decision, so no entry decided at or after {@code from} is skipped; entries
   * appended later but decided earlier are dropped by {@link #inRange}.
   */
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
