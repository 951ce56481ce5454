package dev.bluegreen.testkit;

import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.contracts.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates catalog topics on a test cluster (one broker or several) with a given replication, and
 * waits until every one of them can be described: the one way the tests' brokers set up topics.
 */
public final class CatalogTopics {

  private CatalogTopics() {}

  /** Creates {@code topics} with {@code replication}, ignoring those that exist already. */
  public static void create(Admin admin, List<TopicSpec> topics, TopicReplication replication) {
    try {
      for (TopicSpec topic : topics) {
        try {
          admin.createTopics(List.of(topic.newTopic(replication))).all().get();
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
        try {
          Map<String, ?> described = admin.describeTopics(names).allTopicNames().get();
          if (described.size() == names.size()) {
            return;
          }
        } catch (ExecutionException e) {
          // On several nodes, the node asked may not have the new topics' metadata yet.
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
        }
      }
      deadline.check("topics " + names + " to exist");
      deadline.pause();
    }
  }
}
