package dev.bluegreen.e2e.chaos;

import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.e2e.KafkaNodes;
import dev.bluegreen.e2e.ServiceSettings;
import dev.bluegreen.testkit.KafkaBroker;
import java.util.List;
import java.util.Map;

/**
 * The Kafka a chaos run's platform uses, and how the schedule's broker restarts reach it: one
 * broker in this JVM (stopped as if it crashed), or a KRaft cluster of N nodes, each its own
 * process (SIGKILLed), with every topic replicated three times, two in sync.
 */
public interface ChaosKafka {

  /** Every broker's client listener. */
  String bootstrapServers();

  /** How many nodes: a broker restart crashes one of them. */
  int nodes();

  /** What the services need to know of it: the replication of the topics they create. */
  Map<String, String> serviceSettings();

  /** Crashes these nodes (1-based); returns once they are down. */
  void crash(List<Integer> nodes);

  /** Starts these crashed nodes again with their data; returns once every node serves clients. */
  void start(List<Integer> nodes);

  /** The one broker in this JVM: a restart stops and starts it, whichever node is named. */
  static ChaosKafka of(KafkaBroker broker) {
    return new ChaosKafka() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public int nodes() {
        return 1;
      }

      @Override
      public Map<String, String> serviceSettings() {
        return Map.of();
      }

      @Override
      public void crash(List<Integer> nodes) {
        broker.stopBroker();
      }

      @Override
      public void start(List<Integer> nodes) {
        broker.restartBroker();
      }
    };
  }

  /** A KRaft cluster of combined brokers and controllers, each its own process. */
  static ChaosKafka of(KafkaNodes cluster) {
    return new ChaosKafka() {
      @Override
      public String bootstrapServers() {
        return cluster.bootstrapServers();
      }

      @Override
      public int nodes() {
        return cluster.size();
      }

      @Override
      public Map<String, String> serviceSettings() {
        return ServiceSettings.replication(cluster.replication());
      }

      @Override
      public void crash(List<Integer> nodes) {
        nodes.forEach(cluster::kill);
      }

      @Override
      public void start(List<Integer> nodes) {
        cluster.restart(nodes);
      }
    };
  }

  /** The replication of a cluster of {@code nodes}: three copies, two in sync, from three on. */
  static TopicReplication replicationFor(int nodes) {
    return nodes >= 3 ? TopicReplication.PRODUCTION : TopicReplication.SINGLE_NODE;
  }
}
