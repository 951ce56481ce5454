package dev.bluegreen.contracts;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How many copies of every platform topic the Kafka cluster keeps, and how many of them must hold a
 * write before it is acknowledged: one pair for the catalog's topics ({@link Topics}), Kafka
 * Streams' internal topics (the orchestrator's {@code kafka-streams.replication.factor} and {@code
 * kafka-streams.topic.min.insync.replicas} take the same values) and, where the broker is ours, its
 * transaction state and offsets topics.
 *
 * <p>Every producer of the platform writes with {@code acks=all}, so with {@link #PRODUCTION} a
 * write is on two brokers before anyone acts on it, and one broker (or one AZ of three) may be lost
 * without losing a record or stopping writes. The single-node local run and the tests' in-process
 * broker use {@link #SINGLE_NODE}.
 *
 * <p>Read from the environment by the same names everywhere ({@link #REPLICATION_FACTOR_ENV},
 * {@link #MIN_INSYNC_REPLICAS_ENV}; the orchestrator reads them as {@code
 * bluegreen.kafka.replication-factor} and {@code bluegreen.kafka.min-insync-replicas}, which
 * MicroProfile Config maps to those variables).
 *
 * @param replicationFactor copies of each partition, at most the number of brokers
 * @param minInsyncReplicas copies that must have a write before {@code acks=all} succeeds; writes
 *     stop (rather than being kept on fewer copies) when fewer replicas are in sync
 */
public record TopicReplication(short replicationFactor, int minInsyncReplicas) {

  /** Environment variable with the replication factor. */
  public static final String REPLICATION_FACTOR_ENV = "BLUEGREEN_KAFKA_REPLICATION_FACTOR";

  /** Environment variable with {@code min.insync.replicas}. */
  public static final String MIN_INSYNC_REPLICAS_ENV = "BLUEGREEN_KAFKA_MIN_INSYNC_REPLICAS";

  /** One broker: the local run, the tests' in-process broker. The default. */
  public static final TopicReplication SINGLE_NODE = new TopicReplication((short) 1, 1);

  /** Three brokers (one per AZ): survives the loss of one without losing or refusing a write. */
  public static final TopicReplication PRODUCTION = new TopicReplication((short) 3, 2);

  public TopicReplication {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be 1 or more");
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "min.insync.replicas must be between 1 and the replication factor ("
              + replicationFactor
              + "), not "
              + minInsyncReplicas);
    }
  }

  /** From the process environment, {@link #SINGLE_NODE} where a variable is unset. */
  public static TopicReplication fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /** From {@code env} (a variable name to its value or null), {@link #SINGLE_NODE} where unset. */
  public static TopicReplication fromEnvironment(Function<String, String> env) {
    String replicas = env.apply(REPLICATION_FACTOR_ENV);
    String minInsync = env.apply(MIN_INSYNC_REPLICAS_ENV);
    return new TopicReplication(
        isSet(replicas) ? Short.parseShort(replicas.trim()) : SINGLE_NODE.replicationFactor,
        isSet(minInsync) ? Integer.parseInt(minInsync.trim()) : SINGLE_NODE.minInsyncReplicas);
  }

  /** The topic-level configuration this adds to every topic. */
  public Map<String, String> topicConfigs() {
    return Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
  }

  /**
   * The broker settings that give the broker's own topics (consumer offsets, transaction state)
   * this replication: for brokers we configure (the local run, the tests' clusters).
   */
  public Map<String, String> brokerConfigs() {
    return Map.of(
        "default.replication.factor", Short.toString(replicationFactor),
        "min.insync.replicas", Integer.toString(minInsyncReplicas),
        "offsets.topic.replication.factor", Short.toString(replicationFactor),
        "transaction.state.log.replication.factor", Short.toString(replicationFactor),
        "transaction.state.log.min.isr", Integer.toString(minInsyncReplicas));
  }

  @Override
  public String toString() {
    return "replication factor " + replicationFactor + ", min.insync.replicas " + minInsyncReplicas;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
