package dev.bluegreen.notifier.messaging;

import dev.bluegreen.notifier.SlackNotifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the audit topic as the {@code notifier} consumer group. The record is acknowledged (and its
 * offset becomes committable) only when this method returns, i.e. after every post and dead letter
 * for it is done: a crash before that posts it again after restart, never loses it.
 */
@ApplicationScoped
public class AuditConsumer {

  @Inject SlackNotifier notifier;

  /**
   * Ordered blocking: one entry at a time, in offset order, so a cluster's messages reach a channel
   * in the order its upgrade went, and a retry wait holds back later entries.
   */
  @Incoming("audit")
  @Blocking
  public void onAuditEntry(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    notifier.receive(record);
  }
}
