package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.replay.AuditReader;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.timeline.AuditLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The platform on a three-node KRaft cluster (each node broker and controller, its own JVM) with
 * the production replication (3 replicas, {@code min.insync.replicas=2}): the broker leading the
 * orchestrator's input partition of the upgrading cluster is SIGKILLed mid-upgrade and stays down
 * until the upgrade has ended. Nothing is lost (the upgrade completes, its audit trail holds every
 * transition and replays), nothing is done twice (the simulator's journal shows each side effect
 * once, every command is once on its topic).
 *
 * <p>The kill lands while the provisioner is held inside PROVISIONING (green's cluster stays
 * CREATING), so its fact {@code GreenClusterReady}, the orchestrator's next input, is written to a
 * partition whose leader has just died: the producer must find the new leader, and the
 * orchestrator's exactly-once transactions must carry on with a transaction coordinator and
 * changelog leaders that may have been on the dead broker too.
 */
class BrokerLossIT {

  private static final String BLUE = "search-002";
  private static final TopicReplication REPLICATION = TopicReplication.PRODUCTION;
  private static final Duration WITHIN = Duration.ofMinutes(3);

  @Test
  void leaderOfTheOrchestratorsInputKilledMidUpgrade_upgradeCompletes_withNothingLostOrTwice()
      throws Exception {
    Path root = Platform.repoRoot();
    // Given three brokers, every platform topic with three replicas and two in sync
    try (KafkaNodes kafka =
            KafkaNodes.start(
                3,
                REPLICATION,
                Topics.ALL,
                root.resolve("e2e/target/kafka-nodes/" + UUID.randomUUID()),
                root.resolve("e2e/target/service-logs"));
        SimulatedCloud cloud = new SimulatedCloud()) {
      String rule = cloud.sim.ruleArnOf(BLUE).orElseThrow();
      List<String> blueCronJobs = cloud.activeCronJobs(BLUE);
      Map<String, String> settings = new LinkedHashMap<>(cloud.serviceSettings());
      settings.putAll(ServiceSettings.replication(REPLICATION));
      try (Platform platform =
          Platform.start(kafka.bootstrapServers(), settings, ServiceProcess.DEFAULT_HEAP)) {
        UpgradeApi api = platform.api();
        assertStreamsInternalTopicsReplicated(kafka);

        // When an upgrade is in PROVISIONING, held there by green's cluster staying CREATING,
        String id =
            api.requestUpgrade(
                """
                {"cluster":"%s","targetVersion":"1.33","retention":"PT3S",
                 "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}]}
                """
                    .formatted(BLUE));
        String green = api.upgrade(id).path("greenCluster").asText();
        String held = cloud.addFault(Fault.stuck(green));
        cloud.awaitJournal("CreateCluster", green::equals, WITHIN);

        // and the broker leading the partition of the orchestrator's input that carries this
        // cluster's facts is SIGKILLed, then the provisioner is let go,
        int partition = partitionOf(BLUE, Topics.FACTS.partitions());
        int leader = kafka.leaderOf(Topics.FACTS.name(), partition);
        long killedAt = System.nanoTime();
        kafka.kill(leader);
        cloud.sim.faults().remove(held);
        awaitNewLeader(kafka, Topics.FACTS.name(), partition, leader);

        // then the upgrade completes on the two brokers left.
        JsonNode done =
            api.awaitState(
                id, Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED"), true, WITHIN);
        assertEquals("COMPLETED", done.path("state").asText(), done.toString());
        System.out.printf(
            "BrokerLossIT: broker %d (leader of %s-%d) SIGKILLed in PROVISIONING; COMPLETED %d s"
                + " later%n",
            leader,
            Topics.FACTS.name(),
            partition,
            Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());
        assertEquals(List.of(leader), missing(kafka), "the killed broker stayed down throughout");
        // Nothing lost or done twice, and the audit log holds every transition in order.
        AuditReader.Result history =
            NothingLostOrTwice.assertCompleted(
                cloud, kafka.bootstrapServers(), id, BLUE, green, rule, blueCronJobs);
        assertEquals(
            AuditHistory.COMPLETED_PATH,
            history.inLogOrder().stream()
                .filter(line -> !line.rejected() && line.to() != null)
                .map(AuditLine::to)
                .map(Enum::name)
                .distinct()
                .toList(),
            "every transition is in the audit log, in order");

        // The crashed broker comes back with its data and catches up: every replica in sync.
        kafka.restart(leader);
        awaitFullIsr(kafka, Topics.FACTS.name());
      }
    }
  }

  /**
   * Kafka Streams created the orchestrator's changelogs with the configured replication, not the
   * broker's or its own default of one.
   */
  private static void assertStreamsInternalTopicsReplicated(KafkaNodes kafka)
      throws ExecutionException, InterruptedException {
    try (Admin admin = kafka.admin()) {
      List<String> internal =
          admin.listTopics().names().get().stream()
              .filter(name -> name.startsWith("bluegreen-orchestrator-"))
              .toList();
      assertFalse(internal.isEmpty(), "the orchestrator's Streams app has internal topics");
      admin
          .describeTopics(internal)
          .allTopicNames()
          .get()
          .forEach(
              (name, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              assertEquals(
                                  REPLICATION.replicationFactor(),
                                  p.replicas().size(),
                                  name + "-" + p.partition() + " replicas")));
      for (String name : internal) {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        assertEquals(
            Integer.toString(REPLICATION.minInsyncReplicas()),
            admin
                .describeConfigs(List.of(topic))
                .all()
                .get()
                .get(topic)
                .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                .value(),
            name + " min.insync.replicas");
      }
    }
  }

  /** The partition the default partitioner picks for {@code key}, as every producer does. */
  private static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private static void awaitNewLeader(KafkaNodes kafka, String topic, int partition, int dead) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    while (true) {
      TopicPartitionInfo info = kafka.partitionsOf(topic).get(partition);
      if (info.leader() != null && info.leader().id() != dead) {
        assertNotEquals(dead, info.leader().id());
        return;
      }
      deadline.check(topic + "-" + partition + " to get a leader other than broker " + dead);
      deadline.pause();
    }
  }

  private static void awaitFullIsr(KafkaNodes kafka, String topic) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    while (true) {
      List<TopicPartitionInfo> partitions = kafka.partitionsOf(topic);
      if (partitions.stream().allMatch(p -> p.isr().size() == p.replicas().size())) {
        return;
      }
      deadline.check("every replica of " + topic + " in sync again: " + partitions);
      deadline.pause();
    }
  }

  private static List<Integer> missing(KafkaNodes kafka) {
    return List.of(1, 2, 3).stream().filter(id -> !kafka.running().contains(id)).toList();
  }
}
