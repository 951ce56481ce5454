package dev.bluegreen.testkit;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.UpgradeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes CloudEvents (or raw records, for poison pills) and awaits events on a topic with a
 * deadline. It reads each topic from the beginning with {@code read_committed}, so it sees exactly
 * what a transactional consumer downstream would see; tests pick their events with a predicate
 * (usually on the upgrade id), so events of other tests on the same broker do not disturb them.
 */
public final class EventProbe implements AutoCloseable {

  /** Default time to wait for an event before failing the test. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final CloudEventCodec codec = new CloudEventCodec();
  private final KafkaProducer<String, byte[]> producer;
  private final Map<String, TopicReader> readers = new HashMap<>();

  public EventProbe(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(props);
  }

  /** Publishes the event to its own topic and waits until the broker has it. */
  public void publish(CloudEvent<?> event) {
    send(codec.toRecord(event));
  }

  /** Publishes a raw record, e.g. a poison pill with made-up headers. */
  public void publishRaw(String topic, String key, Headers headers, byte[] value) {
    send(new ProducerRecord<>(topic, null, key, value, headers));
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while publishing", e);
    } catch (ExecutionException e) {
      throw new AssertionError("could not publish to " + record.topic(), e.getCause());
    }
  }

  /** Awaits the first event of that type on the topic matching the predicate. */
  public <T extends UpgradeEvent> CloudEvent<T> await(
      TopicSpec topic, Class<T> type, Predicate<T> matching) {
    return await(topic, type, matching, DEFAULT_DEADLINE);
  }

  /** Awaits the first event of that type on the topic matching the predicate, or fails. */
  @SuppressWarnings("unchecked")
  public <T extends UpgradeEvent> CloudEvent<T> await(
      TopicSpec topic, Class<T> type, Predicate<T> matching, Duration deadline) {
    ConsumerRecord<String, byte[]> record =
        awaitRecord(
            topic.name(),
            r ->
                decode(r) instanceof Incoming.Valid v
                    && type.isInstance(v.event().data())
                    && matching.test((T) v.event().data()),
            "a " + type.getSimpleName() + " on " + topic.name(),
            deadline);
    return (CloudEvent<T>) ((Incoming.Valid) decode(record)).event();
  }

  /** Every valid event on the topic so far that matches, in offset order per partition. */
  public List<CloudEvent<?>> eventsSoFar(TopicSpec topic, Predicate<CloudEvent<?>> matching) {
    TopicReader reader = reader(topic.name());
    reader.pollOnce();
    List<CloudEvent<?>> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : reader.seen) {
      if (decode(r) instanceof Incoming.Valid v && matching.test(v.event())) {
        out.add(v.event());
      }
    }
    return out;
  }

  /** Awaits the first raw record on a topic matching the predicate, or fails. */
  public ConsumerRecord<String, byte[]> awaitRecord(
      String topic,
      Predicate<ConsumerRecord<String, byte[]>> matching,
      String description,
      Duration deadline) {
    TopicReader reader = reader(topic);
    Deadline until = Deadline.in(deadline);
    int scanned = 0;
    while (true) {
      for (; scanned < reader.seen.size(); scanned++) {
        ConsumerRecord<String, byte[]> r = reader.seen.get(scanned);
        if (matching.test(r)) {
          return r;
        }
      }
      until.check(description);
      reader.pollOnce();
    }
  }

  /** Decodes a record exactly as a service would. */
  public Incoming decode(ConsumerRecord<String, byte[]> record) {
    return codec.decode(record.headers(), record.value());
  }

  private TopicReader reader(String topic) {
    return readers.computeIfAbsent(topic, t -> new TopicReader(bootstrapServers, t));
  }

  @Override
  public void close() {
    readers.values().forEach(TopicReader::close);
    producer.close(Duration.ofSeconds(5));
  }

  /** Reads one topic from the beginning, remembering every record seen. */
  private static final class TopicReader {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    TopicReader(String bootstrapServers, String topic) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(
          ConsumerConfig.ISOLATION_LEVEL_CONFIG,
          IsolationLevel.READ_COMMITTED.toString().toLowerCase());
      props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      consumer = new KafkaConsumer<>(props);
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    void pollOnce() {
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }

    void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
