package dev.bluegreen.orchestrator.messaging;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes what people ask through the API: upgrade requests and controls to {@code
 * upgrade.requests.v1} (keyed by cluster), campaign requests and controls to {@code
 * campaign.requests.v1} (keyed by campaign), and refused attempts to {@code access.audit.v1}.
 */
@ApplicationScoped
public class RequestPublisher {

  private final CloudEventCodec codec = new CloudEventCodec();
  private final KafkaProducer<String, byte[]> producer;

  public RequestPublisher(
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putAll(KafkaClientSecurity.settings());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "orchestrator-api");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(props);
  }

  /**
   * Publishes the request and waits until the broker has it.
   *
   * @throws IllegalStateException when the broker did not take it in time
   */
  public void publish(CloudEvent<?> event, Duration timeout) {
    try {
      producer.send(codec.toRecord(event)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish the request: " + e, e);
    }
  }

  /**
   * Publishes a record of something that already happened (a refused attempt) without making the
   * caller wait for the broker; {@code onFailure} hears of a failed send.
   */
  public void publishInBackground(CloudEvent<?> event, Consumer<Exception> onFailure) {
    try {
      producer.send(
          codec.toRecord(event),
          (metadata, e) -> {
            if (e != null) {
              onFailure.accept(e);
            }
          });
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
