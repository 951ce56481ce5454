package dev.bluegreen.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How every consumer sends a record it cannot use to {@link Topics#DEAD_LETTER}: the original key,
 * body and headers unchanged, plus {@code dlq_*} headers saying why and where it came from, so
 * nothing is lost and the record can be replayed once fixed.
 */
public final class DeadLetters {

  private DeadLetters() {}

  /** Stable problem code, e.g. UNKNOWN_TYPE. */
  public static final String PROBLEM = "dlq_problem";

  /** What exactly was wrong, for people. */
  public static final String REASON = "dlq_reason";

  public static final String SOURCE_TOPIC = "dlq_source_topic";
  public static final String SOURCE_PARTITION = "dlq_source_partition";
  public static final String SOURCE_OFFSET = "dlq_source_offset";

  /** The consumer group (or application id) that gave up on the record. */
  public static final String CONSUMER = "dlq_consumer";

  /** The original headers plus the dead-letter headers. */
  public static Headers headers(
      Headers original,
      String problem,
      String reason,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset,
      String consumer) {
    RecordHeaders headers = new RecordHeaders();
    if (original != null) {
      for (Header h : original) {
        headers.add(h.key(), h.value());
      }
    }
    add(headers, PROBLEM, problem);
    add(headers, REASON, reason);
    add(headers, SOURCE_TOPIC, sourceTopic);
    add(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
    add(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
    add(headers, CONSUMER, consumer);
    return headers;
  }

  /** The dead-letter headers for a record that did not decode. */
  public static Headers headers(
      Headers original,
      Incoming.Invalid invalid,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset,
      String consumer) {
    return headers(
        original,
        invalid.problem().name(),
        invalid.reason(),
        sourceTopic,
        sourcePartition,
        sourceOffset,
        consumer);
  }

  private static void add(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
  }
}
