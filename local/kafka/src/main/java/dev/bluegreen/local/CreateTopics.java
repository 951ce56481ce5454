package dev.bluegreen.local;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
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
 * <p>Usage: {@code CreateTopics <bootstrap-servers> [replication-factor]}
 */
public final class CreateTopics {

  private CreateTopics() {}

  public static void main(String[] args) throws InterruptedException {
    String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
    short replicas = args.length > 1 ? Short.parseShort(args[1]) : 1;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> existing = admin.listTopics().names().get();
      for (TopicSpec topic : Topics.ALL) {
        if (existing.contains(topic.name())) {
          System.out.println("exists   " + topic.name());
          continue;
        }
        try {
          admin.createTopics(Set.of(topic.newTopic(replicas))).all().get();
          System.out.println(
              "created  " + topic.name() + " (" + topic.partitions() + " partitions)");
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("could not create " + topic.name(), e.getCause());
          }
        }
      }
    } catch (ExecutionException e) {
      System.err.println("cannot reach Kafka at " + bootstrap + ": " + e.getCause().getMessage());
      System.exit(1);
    }
  }
}
