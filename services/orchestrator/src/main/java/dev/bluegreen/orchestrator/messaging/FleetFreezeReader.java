package dev.bluegreen.orchestrator.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.orchestrator.streams.FleetFreezes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The fleet's freezes as this instance knows them: reads {@code fleet.freezes.v1} from its start
 * (committed records only, no consumer group) and keeps the latest record of each freeze id in
 * memory, a handful a year. Every instance reads all of it, so each upgrade, on whichever
 * partition, is told every freeze. Not a Kafka Streams global store on purpose: a global store
 * whose checkpoint no longer matches the topic (the broker's data lost, a test's new broker) stops
 * the whole Streams client until a restart; this reader simply reads the topic again from its
 * start. Until it has read up to the end offsets it found when it started, the freezes are not
 * known.
 */
@ApplicationScoped
public class FleetFreezeReader implements FleetFreezes {

  private static final Logger LOG = Logger.getLogger(FleetFreezeReader.class);
  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final String bootstrapServers;
  private final Map<String, FleetFreeze> byId = new ConcurrentHashMap<>();
  private volatile boolean caughtUp;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public FleetFreezeReader(
      @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
          String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  void onStart(@Observes StartupEvent event) {
    running = true;
    thread = new Thread(this::run, "orchestrator-fleet-freezes");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether the reader has read the topic up to where it ended when the reader started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Every freeze, lifted and ended ones included, by start then id. */
  public List<FleetFreeze> all() {
    List<FleetFreeze> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(FleetFreeze::from).thenComparing(FleetFreeze::freezeId));
    return out;
  }

  /** The freeze with this id, however it stands. */
  public Optional<FleetFreeze> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<List<Freeze>> standing(Instant at) {
    if (!caughtUp) {
      return Optional.empty();
    }
    return Optional.of(
        all().stream()
            .filter(f -> !f.lifted() && at.isBefore(f.to()))
            .map(FleetFreeze::asFreeze)
            .toList());
  }

  private void run() {
    while (running) {
      try {
        readFromTheStart();
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        // The broker away, the topic not there yet: read it all again in a moment.
        LOG.warnf("reading %s failed, again in %s: %s", Topics.FLEET_FREEZES.name(), RETRY, e);
        sleep();
      }
    }
  }

  private void readFromTheStart() {
    Properties props = KafkaClientSecurity.readerSettings(bootstrapServers);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
      consumer = c;
      if (!running) {
        return;
      }
      List<TopicPartition> partitions =
          c.partitionsFor(Topics.FLEET_FREEZES.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("no partitions of " + Topics.FLEET_FREEZES.name() + " yet");
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
      while (running) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          keep(r.key(), r.value());
        }
        if (!caughtUp
            && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
          caughtUp = true;
          LOG.infof("fleet freezes read: %d", byId.size());
        }
      }
    } finally {
      consumer = null;
    }
  }

  private void keep(String key, byte[] value) {
    if (key == null) {
      return;
    }
    if (value == null) {
      byId.remove(key);
      return;
    }
    try {
      FleetFreeze f = JSON.readValue(value, FleetFreeze.class);
      if (f.freezeId() == null || f.from() == null || f.to() == null || !key.equals(f.freezeId())) {
        LOG.warnf("fleet freeze record %s is not a freeze of that id: skipped", key);
        return;
      }
      byId.put(key, f);
    } catch (IOException e) {
      LOG.warnf("fleet freeze record %s does not decode: skipped (%s)", key, e.getMessage());
    }
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
