package dev.bluegreen.testkit;

import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import java.util.List;
import java.util.Properties;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
      KafkaClusterTestKit.Builder builder =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .build())
              .setConfigProp("offsets.topic.num.partitions", "6")
              .setConfigProp("transaction.state.log.num.partitions", "6")
              // Tests should not wait for a rebalance that will never gain members.
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false");
      // One broker: internal topics cannot have more replicas than that.
      TopicReplication.SINGLE_NODE.brokerConfigs().forEach(builder::setConfigProp);
      KafkaClusterTestKit cluster = builder.build();
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
      CatalogTopics.create(admin, topics, TopicReplication.SINGLE_NODE);
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
