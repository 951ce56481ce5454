package dev.bluegreen.contracts;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the platform: its name, what it carries, and how it is kept.
 *
 * <p>Keys are always the cluster name (a String), so everything about one cluster is ordered on one
 * partition. Values are CloudEvents in binary mode: {@code ce_*} headers and a JSON body.
 *
 * @param name the topic name, with its major version
 * @param carries the kind of events on it, for documentation and for routing
 * @param partitions partition count; every keyed topic has the same, so Streams can co-partition
 * @param retention how long records are kept; empty means forever
 * @param description what the topic is for
 */
public record TopicSpec(
    String name,
    Class<? extends UpgradeEvent> carries,
    int partitions,
    Optional<Duration> retention,
    String description) {

  /** Key type of every topic. */
  public Class<String> keyType() {
    return String.class;
  }

  /**
   * The topic as the admin client creates it, with {@code replication}'s copies and {@code
   * min.insync.replicas}: never compacted, since history is the point.
   */
  public NewTopic newTopic(TopicReplication replication) {
    Map<String, String> configs = new HashMap<>(replication.topicConfigs());
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    configs.put(
        TopicConfig.RETENTION_MS_CONFIG,
        Long.toString(retention.map(Duration::toMillis).orElse(-1L)));
    return new NewTopic(name, partitions, replication.replicationFactor()).configs(configs);
  }
}
