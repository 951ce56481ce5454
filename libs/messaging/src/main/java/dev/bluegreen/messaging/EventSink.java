package dev.bluegreen.messaging;

import dev.bluegreen.contracts.CloudEvent;
import org.apache.kafka.common.header.Headers;

/** Where a service's outgoing records go: events to their catalog topic, rejects to dead letter. */
public interface EventSink {

  /**
   * Publishes the event to its own topic (from the catalog), keyed by cluster; waits for the ack.
   */
  void publish(CloudEvent<?> event);

  /**
   * Sends an unusable record to the dead-letter topic: its original key, bytes and headers, plus
   * the {@code dlq_*} headers already in {@code headers}. Waits for the ack.
   */
  void deadLetter(String key, byte[] value, Headers headers);
}
