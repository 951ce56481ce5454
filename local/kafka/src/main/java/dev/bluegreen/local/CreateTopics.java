package dev.bluegreen.local;

import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of the catalog on a broker, leaving existing ones alone. The local run calls
 * it once the broker is up; production clusters create topics the same way (or from the same
 * catalog through their own tooling).
 *
 * <p>Usage: {@code CreateTopics <bootstrap-servers> [replication-factor [min-insync-replicas]]};
 * without them, {@code BLUEGREEN_KAFKA_REPLICATION_FACTOR} and {@code
 * BLUEGREEN_KAFKA_MIN_INSYNC_REPLICAS} ({@link TopicReplication}; 1 and 1 when unset, 3 and 2 in
 * production: docs/operations.md). On a broker with SASL, as the principal {@code
 * BLUEGREEN_KAFKA_USERNAME} with {@code BLUEGREEN_KAFKA_PASSWORD}. An existing topic is left as it
 * is; one with fewer replicas than asked for is reported, since raising it is a partition
 * reassignment (an operator's decision), not a set-up step.
 */
public final class CreateTopics {

  private CreateTopics() {}

  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
    TopicReplication fromEnvironment = TopicReplication.fromEnvironment();
    TopicReplication replication =
        args.length > 1
            ? new TopicReplication(
                Short.parseShort(args[1]),
                args.length > 2
                    ? Integer.parseInt(args[2])
                    : Math.min(fromEnvironment.minInsyncReplicas(), Short.parseShort(args[1])))
            : fromEnvironment;
    Map<String, Object> settings = new HashMap<>(KafkaClientSecurity.fromEnvironment());
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(settings)) {
      create(admin, replication);
    } catch (ExecutionException e) {
      System.err.println("cannot reach Kafka at " + bootstrap + ": " + e.getCause().getMessage());
      System.exit(1);
    }
  }

  /** Creates the catalog's missing topics with {@code replication} through {@code admin}. */
  public static void create(Admin admin, TopicReplication replication)
      throws ExecutionException, InterruptedException {
    Set<String> existing = admin.listTopics().names().get();
    for (TopicSpec topic : Topics.ALL) {
      if (existing.contains(topic.name())) {
        int replicas =
            admin
                .describeTopics(Set.of(topic.name()))
                .allTopicNames()
                .get()
                .get(topic.name())
                .partitions()
                .get(0)
                .replicas()
                .size();
        System.out.println(
            "exists   "
                + topic.name()
                + (replicas < replication.replicationFactor()
                    ? " with " + replicas + " replicas, fewer than " + replication
                    : ""));
        continue;
      }
      try {
        admin.createTopics(Set.of(topic.newTopic(replication))).all().get();
        System.out.println(
            "created  "
                + topic.name()
                + " ("
                + topic.partitions()
                + " partitions, "
                + replication
                + ")");
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("could not create " + topic.name(), e.getCause());
        }
      }
    }
  }
}
