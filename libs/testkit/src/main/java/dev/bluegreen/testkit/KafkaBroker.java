package dev.bluegreen.testkit;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker running inside the test JVM on ephemeral ports, with the
 * platform's topics created from the catalog. Starts in a few seconds; close it to delete its data.
 */
public final class KafkaBroker implements AutoCloseable {

  private final KafkaClusterTestKit cluster;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Starts a broker (combined broker and controller) and creates every catalog topic. */
  public static KafkaBroker start() {
    try {
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              // One broker: internal topics cannot have more replicas than that.
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "6")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("transaction.state.log.num.partitions", "6")
              // Tests should not wait for a rebalance that will never gain members.
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      KafkaBroker broker = new KafkaBroker(cluster);
      broker.createTopics(Topics.ALL);
      return broker;
    } catch (Exception e) {
      throw new IllegalStateException("could not start the in-process Kafka broker", e);
    }
  }

  /** The bootstrap servers to give clients, e.g. {@code localhost:41234}. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Client properties with the bootstrap servers set. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /** Creates topics, ignoring those that exist already. */
  public void createTopics(List<TopicSpec> topics) {
    try (Admin admin = Admin.create(clientProperties())) {
      for (TopicSpec topic : topics) {
        try {
          admin.createTopics(List.of(topic.newTopic((short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      awaitTopics(admin, topics.stream().map(TopicSpec::name).toList());
    } catch (ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("could not create topics", e);
    }
  }

  private static void awaitTopics(Admin admin, List<String> names)
      throws ExecutionException, InterruptedException {
    Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    while (true) {
      Set<String> existing = admin.listTopics().names().get();
      if (existing.containsAll(names)) {
        Map<String, ?> described = admin.describeTopics(names).allTopicNames().get();
        if (described.size() == names.size()) {
          return;
        }
      }
      deadline.check("topics " + names + " to exist");
      deadline.pause();
    }
  }

  /**
   * Stops the broker side of the node (the controller keeps running), as if the broker had crashed:
   * clients lose their connections and cannot produce or consume until {@link #restartBroker()}.
   * Its data and its port are kept.
   */
  public void stopBroker() {
    broker().shutdown();
    broker().awaitShutdown();
  }

  /**
   * Starts the broker stopped by {@link #stopBroker()} again, on the same port and with the same
   * data, and waits until it serves clients: clients configured before the stop reconnect.
   */
  public void restartBroker() {
    try {
      broker().startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      throw new IllegalStateException("could not restart the in-process Kafka broker", e);
    }
  }

  private BrokerServer broker() {
    return cluster.brokers().values().iterator().next();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the in-process Kafka broker", e);
    }
  }
}
