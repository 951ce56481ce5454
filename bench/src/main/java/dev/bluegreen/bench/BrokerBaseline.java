package dev.bluegreen.bench;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.testkit.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * B_cons: how fast plain kafka-clients read records of our event size from this broker on this
 * machine. Every other figure is a ratio to it, so machine drift cancels out.
 */
final class BrokerBaseline {

  private BrokerBaseline() {}

  /** A realistic fact: a CloudEvent as the platform writes it (headers and JSON body). */
  static ProducerRecord<String, byte[]> sampleRecord(String topic, int cluster) {
    var fact =
        new PhaseProgressed(
            "upg-" + cluster + ":3:ProvisionGreen",
            "upg-" + cluster,
            "cluster-" + cluster,
            "cluster-" + cluster + "-g" + cluster,
            Phase.PROVISIONING,
            "nodegroup-active",
            1,
            2,
            "node group general is ACTIVE");
    var record =
        new CloudEventCodec()
            .toRecord(CloudEvent.of("/bench", fact, Instant.parse("2026-11-25T09:00:00Z")));
    return new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
  }

  /**
   * Fills {@code topic} with {@code count} records over {@code clusters} keys; returns bytes per
   * record.
   */
  static int fill(KafkaBroker broker, TopicSpec topic, int count, int clusters) throws Exception {
    Properties props = broker.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    int size = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      Future<RecordMetadata> last = null;
      for (int i = 0; i < count; i++) {
        ProducerRecord<String, byte[]> record = sampleRecord(topic.name(), i % clusters);
        size = record.value().length;
        last = producer.send(record);
      }
      producer.flush();
      if (last != null) {
        last.get();
      }
    }
    return size;
  }

  /** Reads the whole topic from the beginning with one consumer; returns records per second. */
  static double consume(KafkaBroker broker, TopicSpec topic, int expected) {
    Properties props = broker.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(topic.name(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long start = System.nanoTime();
      long read = 0;
      long deadline = start + Duration.ofMinutes(2).toNanos();
      while (read < expected) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
        read += batch.count();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("read only " + read + " of " + expected + " records");
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return read / seconds;
    }
  }
}
