package dev.bluegreen.messaging;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The {@link EventSink} of every service: one Quarkus Kafka messaging channel, {@code events},
 * whose records carry their topic in metadata, so the topic names come from the catalog and not
 * from configuration. Each publish waits for the broker's ack: a service acknowledges a command
 * only after its facts are safely written.
 *
 * <p>Services configure the channel once (its default topic comes from {@link ChannelTopics}):
 *
 * <pre>
 * mp.messaging.outgoing.events.connector=smallrye-kafka
 * mp.messaging.outgoing.events.value.serializer=org.apache.kafka.common.serialization.ByteArraySerializer
 * mp.messaging.outgoing.events.acks=all
 * </pre>
 */
@ApplicationScoped
public class EmitterEventSink implements EventSink {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final CloudEventCodec codec = new CloudEventCodec();
  private final DeadLetterMetrics deadLetters = DeadLetterMetrics.global();

  @Inject
  @Channel("events")
  Emitter<byte[]> events;

  @Override
  public void publish(CloudEvent<?> event) {
    RecordHeaders headers = new RecordHeaders();
    codec.writeHeaders(event, headers);
    send(event.topic().name(), event.subject(), codec.encodeData(event), headers);
  }

  @Override
  public void deadLetter(String key, byte[] value, Headers headers) {
    send(Topics.DEAD_LETTER.name(), key, value, headers);
    deadLetters.written(headers);
  }

  private void send(String topic, String key, byte[] value, Headers headers) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(topic)
            .withKey(key)
            .withHeaders(headers)
            .build();
    Message<byte[]> message =
        Message.of(value == null ? new byte[0] : value, Metadata.of(metadata))
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                });
    events.send(message);
    try {
      acked.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not write to " + topic, e);
    }
  }
}
