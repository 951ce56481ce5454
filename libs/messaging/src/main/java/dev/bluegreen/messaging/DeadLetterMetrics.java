package dev.bluegreen.messaging;

import dev.bluegreen.contracts.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Counts records written to the dead-letter topic, by the problem code in their {@code dlq_problem}
 * header and the topic they came from (see docs/metrics.md). Both labels are bounded: problem codes
 * are a fixed set of constants, topics come from the catalog.
 *
 * <p>Meters go to Micrometer's global registry by default, where Quarkus puts its Prometheus
 * registry; the orchestrator, which writes its dead letters through Kafka Streams, uses the same
 * counter.
 */
public final class DeadLetterMetrics {

  /** Counter: records sent to the dead-letter topic, by reason and source topic. */
  public static final String DEAD_LETTERS = "bluegreen_dead_letters";

  private final MeterRegistry registry;

  /** Counts into this registry. */
  public DeadLetterMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts into Micrometer's global registry (where Quarkus' Prometheus registry is). */
  public static DeadLetterMetrics global() {
    return new DeadLetterMetrics(Metrics.globalRegistry);
  }

  /** Counts one dead letter written with these headers (built by {@link DeadLetters#headers}). */
  public void written(Headers headers) {
    written(value(headers, DeadLetters.PROBLEM), value(headers, DeadLetters.SOURCE_TOPIC));
  }

  /** Counts one dead letter. */
  public void written(String reason, String sourceTopic) {
    Counter.builder(DEAD_LETTERS)
        .description("Records sent to the dead-letter topic, by reason (dlq_problem)")
        .tag("reason", reason == null || reason.isEmpty() ? "UNKNOWN" : reason)
        .tag("source_topic", sourceTopic == null || sourceTopic.isEmpty() ? "unknown" : sourceTopic)
        .register(registry)
        .increment();
  }

  private static String value(Headers headers, String name) {
    Header h = headers == null ? null : headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
