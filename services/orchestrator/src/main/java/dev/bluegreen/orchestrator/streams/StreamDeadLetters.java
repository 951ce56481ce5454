package dev.bluegreen.orchestrator.streams;

import dev.bluegreen.contracts.DeadLetters;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * How the orchestrator's processors give up on a record: the original bytes and headers, plus the
 * {@code dlq_*} reason headers, forwarded to the dead-letter sink; processing goes on.
 */
final class StreamDeadLetters {

  private static final Logger LOG = Logger.getLogger(StreamDeadLetters.class);

  private StreamDeadLetters() {}

  /**
   * Forwards {@code record} to {@code sink} with the reason; returns the topic it came from (null
   * when unknown), for metrics.
   */
  static String forward(
      ProcessorContext<String, byte[]> context,
      String sink,
      String consumerName,
      Record<String, byte[]> record,
      String problem,
      String reason) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    LOG.warnf(
        "dead-lettering a record from %s: %s %s",
        meta == null ? "?" : meta.topic(), problem, reason);
    Headers headers =
        DeadLetters.headers(
            record.headers(),
            problem,
            reason,
            meta == null ? "" : meta.topic(),
            meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(),
            consumerName);
    context.forward(record.withHeaders(headers), sink);
    return meta == null ? null : meta.topic();
  }
}
