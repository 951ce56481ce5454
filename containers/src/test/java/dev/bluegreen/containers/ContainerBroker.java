package dev.bluegreen.containers;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka broker in a container: the {@code apache/kafka} image at the project's Kafka version (or
 * {@code -Dkafka.image=...}), the image compose runs. Test classes using it carry {@link
 * RequiresDocker}.
 */
final class ContainerBroker {

  static final String IMAGE = System.getProperty("kafka.image", "apache/kafka:4.1.1");

  private ContainerBroker() {}

  static KafkaContainer start() {
    KafkaContainer broker = new KafkaContainer(DockerImageName.parse(IMAGE));
    broker.start();
    return broker;
  }
}
