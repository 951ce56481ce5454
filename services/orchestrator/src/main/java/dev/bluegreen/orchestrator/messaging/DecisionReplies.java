package dev.bluegreen.orchestrator.messaging;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The API's view of the state machine's answers: reads the audit topic (committed entries only,
 * from the end as of startup) and completes the future of the request whose CloudEvent id an entry
 * names as its cause. This is how {@code POST /upgrades} learns whether the processor, which owns
 * the cluster's key, accepted the upgrade (202) or found another one active (409).
 */
@ApplicationScoped
public class DecisionReplies {

  private static final Logger LOG = Logger.getLogger(DecisionReplies.class);

  private final String bootstrapServers;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final ConcurrentMap<String, CompletableFuture<AuditEntry>> pending =
      new ConcurrentHashMap<>();
  private volatile boolean running;
  private KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public DecisionReplies(
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  void onStart(@Observes StartupEvent event) {
    Properties props = KafkaClientSecurity.readerSettings(bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "orchestrator-api-replies-" + UUID.randomUUID());
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.AUDIT.name(), Duration.ofSeconds(60)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the positions now, so no answer to a request made after startup is skipped.
    partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
    running = true;
    thread = new Thread(this::pollLoop, "orchestrator-decision-replies");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Registers interest in the decision about the input with this CloudEvent id. */
  public CompletableFuture<AuditEntry> expect(String eventId) {
    return pending.computeIfAbsent(eventId, id -> new CompletableFuture<>());
  }

  /** Drops interest (after a timeout). */
  public void forget(String eventId) {
    pending.remove(eventId);
  }

  private void pollLoop() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (pending.isEmpty()) {
            continue;
          }
          if (codec.decode(r.headers(), r.value()) instanceof Incoming.Valid v) {
            Cause cause =
                v.event().data() instanceof UpgradeTransitioned t
                    ? t.cause()
                    : v.event().data() instanceof InputRejected j ? j.cause() : null;
            if (cause != null) {
              CompletableFuture<AuditEntry> f = pending.remove(cause.eventId());
              if (f != null) {
                f.complete((AuditEntry) v.event().data());
              }
            }
          }
        }
      }
    } catch (WakeupException e) {
      // Shutting down.
    } catch (RuntimeException e) {
      LOG.error("decision reply listener stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
