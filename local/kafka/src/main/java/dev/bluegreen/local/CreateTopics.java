package dev.bluegreen.local;

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
 * <p>Usage: {@code CreateTopics <bootstrap-servers> [replication-factor]}; on a broker with SASL,
 * as the principal {@code BLUEGREEN_KAFKA_USERNAME} with {@code BLUEGREEN_KAFKA_PASSWORD}.
 */
public final class CreateTopics {

  private CreateTopics() {}

  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
    short replicas = args.length > 1 ? Short.parseShort(args[1]) : 1;
    Map<String, Object> settings = new HashMap<>(KafkaClientSecurity.fromEnvironment());
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(settings)) {
      create(admin, replicas);
    } catch (ExecutionException e) {
      System.err.println("cannot reach Kafka at " + bootstrap + ": " + e.getCause().getMessage());
      System.exit(1);
    }
  }

  /** Creates the catalog's missing topics with {@code replicas} replicas through {@code admin}. */
  public static void create(Admin admin, short replicas)
      throws ExecutionException, InterruptedException {
    Set<String> existing = admin.listTopics().names().get();
    for (TopicSpec topic : Topics.ALL) {
      if (existing.contains(topic.name())) {
        System.out.println("exists   " + topic.name());
        continue;
      }
      try {
        admin.createTopics(Set.of(topic.newTopic(replicas))).all().get();
        System.out.println("created  " + topic.name() + " (" + topic.partitions() + " partitions)");
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("could not create " + topic.name(), e.getCause());
        }
      }
    }
  }
}
