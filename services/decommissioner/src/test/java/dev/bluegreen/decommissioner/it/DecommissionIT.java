package dev.bluegreen.decommissioner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.bluegreen.cloud.CloudCallMetrics;
import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.cloudsim.core.TargetWeight;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.BlueRetired;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.decommissioner.DecommissionerHandler;
import dev.bluegreen.decommissioner.cloud.KubernetesGateway;
import dev.bluegreen.messaging.CommandInbox;
import dev.bluegreen.messaging.EventSink;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.InjectCloudSim;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The decommissioner end to end: commands through a real Kafka broker, the cloud in cloud-sim
 * reached through the real AWS SDK and Kubernetes clients. Each test owns one blue/green pair.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.decommissioner.it.DecommissionerCloud"))
class DecommissionIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @InjectCloudSim CloudSim sim;

  @Inject ElasticLoadBalancingV2Client elb;

  @Inject Ec2Client ec2;

  @Inject DecommissionerHandler handler;

  @Inject EventSink sink;

  @Inject KubernetesGateway kubernetesGateway;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrap);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
    sim.faults().clear();
  }

  @Test
  void afterHandover_decommission_deletesEverythingOfBlue_andLeavesGreenServing() {
    String blueRule = handedOver("happy");
    String blueTg = sim.targetGroupArnOf("happy-blue").orElseThrow();
    String greenTg = sim.targetGroupArnOf("happy-green").orElseThrow();
    long before = lastSeq();

    DecommissionBlue command = command("happy", false);
    BlueRetired retired = awaitRetired(command);

    assertFalse(retired.dryRun());
    assertTrue(retired.deleted().contains("targetgroup:" + blueTg), retired.deleted().toString());
    assertTrue(sim.clusterStatus("happy-blue").isEmpty(), "blue's cluster is gone");
    assertTrue(sim.targetGroupArnOf("happy-blue").isEmpty(), "blue's target group is gone");
    assertEquals(List.of(new TargetWeight(greenTg, 100)), sim.weightsOf(blueRule));
    assertTrue(sim.isActive("happy-green"), "green is untouched");
    assertTrue(sim.targetGroupArnOf("happy-green").isPresent());
    assertFalse(argoRegistered("happy-blue"), "blue is deregistered from Argo CD");
    assertTrue(argoRegistered("happy-green"), "green stays registered");
    assertEquals(List.of(), sim.journal().violations(), "nothing deleted while it had traffic");
    assertTrue(
        journalSince(before).stream().noneMatch(e -> e.resource().contains("happy-green")),
        "no call touched green");
    Set<String> steps =
        Set.copyOf(
            probe
                .eventsSoFar(
                    Topics.FACTS,
                    e ->
                        e.data() instanceof PhaseProgressed p
                            && p.commandId().equals(command.commandId()))
                .stream()
                .map(e -> ((PhaseProgressed) e.data()).step())
                .toList());
    assertEquals(
        Set.of(
            "scale-down-nodegroups",
            "delete-nodegroups",
            "delete-addons",
            "delete-cluster",
            "detach-target-group",
            "delete-target-group",
            "deregister-argocd"),
        steps);
  }

  @Test
  void retiringBlue_revokesTheSharedRulesMirroredForGreen_beforeBluesCluster_greenKeepsItsMirror() {
    handedOver("shared");
    String blueSg = sim.clusterSecurityGroupOf("shared-blue").orElseThrow();
    String greenSg = sim.clusterSecurityGroupOf("shared-green").orElseThrow();
    String original =
        sim.declareSharedResource(
                "sg-shared-db",
                Map.of(),
                "shared-db.example.internal",
                5432,
                List.of("shared-blue"))
            .get(0);
    // Green's mirror, as the provisioner makes it.
    String mirror =
        ec2.authorizeSecurityGroupIngress(
                r ->
                    r.groupId("sg-shared-db")
                        .ipPermissions(
                            p ->
                                p.ipProtocol("tcp")
                                    .fromPort(5432)
                                    .toPort(5432)
                                    .userIdGroupPairs(g -> g.groupId(greenSg)))
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.SECURITY_GROUP_RULE)
                                    .tags(
                                        tag("bluegreen.dev/upgrade-id", "up-shared"),
                                        tag("bluegreen.dev/cluster", "shared-green"),
                                        tag("bluegreen.dev/mirrors", original))))
            .securityGroupRules()
            .get(0)
            .securityGroupRuleId();
    long before = lastSeq();

    DecommissionBlue command = command("shared", false);
    BlueRetired retired = awaitRetired(command);

    assertTrue(
        retired.deleted().contains("security-group-rule:sg-shared-db/" + original),
        retired.deleted().toString());
    assertEquals(List.of(mirror), sim.ingressRuleIds("sg-shared-db"), "only green's mirror left");
    assertTrue(
        sim.connectFailure("shared-green", "shared-db.example.internal", 5432).isEmpty(),
        "green still reaches the database");
    assertTrue(sim.clusterStatus("shared-blue").isEmpty());
    // Blue's group went with its cluster: nothing referenced it any more.
    List<JournalEntry> since = journalSince(before);
    assertTrue(
        since.stream()
            .anyMatch(
                e ->
                    e.operation().equals("DeleteSecurityGroup")
                        && e.resource().equals(blueSg)
                        && e.outcome().equals("ok")),
        since.toString());
    JournalEntry revoke =
        since.stream()
            .filter(e -> e.operation().equals("RevokeSecurityGroupIngress"))
            .findFirst()
            .orElseThrow();
    JournalEntry deleteCluster =
        since.stream().filter(e -> e.operation().equals("DeleteCluster")).findFirst().orElseThrow();
    assertTrue(revoke.seq() < deleteCluster.seq(), "revoked before blue's cluster is deleted");
    assertEquals(List.of(), sim.journal().violations());

    // Again (a redelivery after the end): nothing left to revoke, nothing revoked twice.
    long again = lastSeq();
    awaitRetired(command("shared", false));
    assertEquals(0, count(journalSince(again), "RevokeSecurityGroupIngress"));
  }

  @Test
  void aSharedRuleThePlatformMayNotChange_stopsRetirementBeforeAnythingIsDeleted_untilRevoked() {
    handedOver("policy");
    String rule =
        sim.declareSharedResource(
                "sg-policy-db",
                Map.of("bluegreen.dev/mirror", "never"),
                "policy-db.example.internal",
                5432,
                List.of("policy-blue"))
            .get(0);
    long before = lastSeq();

    PhaseFailed failed = awaitFailed(command("policy", false));

    assertEquals("SHARED_RULES_FOR_A_PERSON", failed.errorCode());
    assertTrue(failed.reason().contains("sg-policy-db/" + rule), failed.reason());
    assertTrue(failed.reason().contains("then retry"), failed.reason());
    assertEquals(
        0,
        journalSince(before).stream()
            .filter(e -> e.outcome().equals("ok") && !e.operation().startsWith("Describe"))
            .count(),
        "nothing changed: " + journalSince(before));
    assertTrue(sim.clusterStatus("policy-blue").isPresent());

    // The person revokes it (the database's owners decide about green), and retries.
    ec2.revokeSecurityGroupIngress(r -> r.groupId("sg-policy-db").securityGroupRuleIds(rule));
    awaitRetired(command("policy", false));

    assertTrue(sim.clusterStatus("policy-blue").isEmpty());
    assertEquals(List.of(), sim.journal().violations());
  }

  @Test
  void nodeSecurityGroupsSharedByGreen_areLeftAlone_andOnlyThePlatformsOwnCopyGoes() {
    handedOver("nodesgs");
    // Blue's apps nodes carry sg-nodesgs-nodes from the team's launch template; green's from the
    // provisioner's copy, with the same group. A database admits only that group, in a group the
    // platform may not change: nothing was mirrored, and nothing needs to be.
    sim.useLaunchTemplate("nodesgs-blue", "apps", "nodesgs-apps", List.of("sg-nodesgs-nodes"));
    sim.useLaunchTemplate(
        "nodesgs-green", "apps", "bluegreen-nodesgs-green-apps", List.of("sg-nodesgs-nodes"));
    tagTemplate("bluegreen-nodesgs-green-apps", "nodesgs-green", "up-nodesgs");
    // Blue was an earlier upgrade's green: its system nodes run from that upgrade's copy.
    String earlierCopy =
        sim.useLaunchTemplate(
            "nodesgs-blue", "system", "bluegreen-nodesgs-blue-system", List.of("sg-nodesgs-sys"));
    tagTemplate("bluegreen-nodesgs-blue-system", "nodesgs-blue", "up-earlier");
    String rule =
        sim.declareSharedResourceAdmittingGroups(
                "sg-nodesgs-db",
                Map.of("bluegreen.dev/mirror", "never"),
                "nodesgs-db.example.internal",
                5432,
                List.of("sg-nodesgs-nodes"))
            .get(0);
    long before = lastSeq();

    BlueRetired retired = awaitRetired(command("nodesgs", false));

    assertTrue(sim.clusterStatus("nodesgs-blue").isEmpty(), "blue is retired");
    assertEquals(List.of(rule), sim.ingressRuleIds("sg-nodesgs-db"), "the rule green needs stays");
    boolean nodeGroupStays =
        sim.inspect(w -> w.securityGroups().find("sg-nodesgs-nodes").isPresent());
    assertTrue(nodeGroupStays, "the node security group green's nodes use stays");
    assertEquals(
        List.of("bluegreen-nodesgs-green-apps", "nodesgs-apps"),
        templateNames(),
        "blue's team template and green's copy stay; the copy made for blue went with blue");
    assertTrue(
        retired.deleted().contains("launch-template:" + earlierCopy), retired.deleted()::toString);
    assertTrue(
        sim.connectFailure("nodesgs-green", "nodesgs-db.example.internal", 5432).isEmpty(),
        "green still reaches the database");
    List<JournalEntry> since = journalSince(before);
    assertEquals(0, count(since, "RevokeSecurityGroupIngress"));
    assertEquals(1, count(since, "DeleteLaunchTemplate"));
    long deleteCluster =
        since.stream()
            .filter(e -> e.operation().equals("DeleteCluster"))
            .findFirst()
            .orElseThrow()
            .seq();
    long deleteTemplate =
        since.stream()
            .filter(e -> e.operation().equals("DeleteLaunchTemplate"))
            .findFirst()
            .orElseThrow()
            .seq();
    assertTrue(deleteCluster < deleteTemplate, "the template goes after blue's node groups");
    assertEquals(List.of(), sim.journal().violations());
  }

  /** Tags a template as the provisioner tags its copies. */
  private void tagTemplate(String name, String cluster, String upgradeId) {
    sim.inspect(
        w -> {
          w.launchTemplates()
              .byName(name)
              .orElseThrow()
              .tags
              .putAll(
                  Map.of(
                      "bluegreen.dev/cluster", cluster,
                      "bluegreen.dev/role", "green",
                      "bluegreen.dev/upgrade-id", upgradeId));
          return null;
        });
  }

  private List<String> templateNames() {
    return sim.inspect(
        w ->
            w.launchTemplates().list().stream()
                .map(t -> t.name)
                .filter(n -> n.contains("nodesgs"))
                .sorted()
                .toList());
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  @Test
  void ruleStillSendingOnePercentToBlue_blocksDeletion_withTheRuleAndWeightsAsEvidence() {
    String rule = handedOver("traffic");
    String blueTg = sim.targetGroupArnOf("traffic-blue").orElseThrow();
    String greenTg = sim.targetGroupArnOf("traffic-green").orElseThrow();
    setWeights(rule, blueTg, 1, greenTg, 99);
    long before = lastSeq();

    PhaseFailed failed = awaitFailed(command("traffic", false));

    assertEquals("BLUE_RECEIVES_TRAFFIC", failed.errorCode());
    assertFalse(failed.retryable());
    assertEquals(rule, failed.evidence().get("ruleArn"));
    assertEquals(1, ((Number) failed.evidence().get("blueWeight")).intValue());
    assertEquals(
        Map.of(blueTg, 1, greenTg, 99), Map.copyOf(castMap(failed.evidence().get("weights"))));
    assertEquals(List.of(), journalSince(before), "nothing was changed");
    assertTrue(sim.isActive("traffic-blue"));
  }

  @Test
  void nodegroupDeletionFailing_isRetried_thenReportedWithTheAwsErrorCode() {
    handedOver("fault");
    sim.faults().add(failing("DeleteNodegroup", "fault-blue", "ServerException", 100));

    PhaseFailed failed = awaitFailed(command("fault", false));

    assertEquals("ServerException", failed.errorCode());
    assertTrue(failed.retryable());
    assertEquals(3, ((Number) failed.evidence().get("attempts")).intValue());
    // 3 attempts of ours, each retried once more by the SDK (max-attempts=2 in this test).
    int left = sim.faults().list().get(0).count();
    assertEquals(100 - 3 * 2, left);
    assertTrue(sim.isActive("fault-blue"), "the cluster was not deleted");
  }

  @Test
  void throttlingAndAFewFailedDeletions_areRetried_andTheDecommissionCompletes() {
    handedOver("flaky");
    sim.faults().add(Fault.throttle("eks", "DescribeNodegroup", 3));
    // 2 failures = one of our attempts (the SDK tries twice); the second attempt succeeds.
    sim.faults().add(failing("DeleteCluster", "flaky-blue", "ServerException", 2));

    BlueRetired retired = awaitRetired(command("flaky", false));

    assertFalse(retired.dryRun());
    assertTrue(sim.clusterStatus("flaky-blue").isEmpty());
    assertEquals(List.of(), sim.faults().list(), "every injected failure was hit");
  }

  @Test
  void cronJobStillRunningOnBlue_blocksDeletion_namingIt() {
    String rule = sim.ruleArnOf("cron-blue").orElseThrow();
    setWeights(
        rule,
        sim.targetGroupArnOf("cron-blue").orElseThrow(),
        0,
        sim.targetGroupArnOf("cron-green").orElseThrow(),
        100);
    long before = lastSeq();

    PhaseFailed failed = awaitFailed(command("cron", false));

    assertEquals("BLUE_CRONJOBS_ACTIVE", failed.errorCode());
    assertTrue(
        failed.evidence().get("unsuspended").toString().contains("nightly-ledger-report"),
        failed.evidence().toString());
    assertEquals(List.of(), journalSince(before));
  }

  @Test
  void restartBetweenSteps_redeliveredCommand_continuesWithoutRepeatingDeletions() {
    handedOver("restart");
    long before = lastSeq();
    // The first run stops between steps: node groups and add-ons gone, DeleteCluster refused.
    sim.faults().add(failing("DeleteCluster", "restart-blue", "AccessDeniedException", 100));
    DecommissionBlue command = command("restart", false);
    PhaseFailed stopped = awaitFailed(command);
    assertEquals("AccessDeniedException", stopped.errorCode());
    sim.faults().clear();

    // A restarted process (a fresh inbox: no memory of done commandIds) gets the same record.
    ConsumerRecord<String, byte[]> same =
        probe.awaitRecord(
            Topics.DECOMMISSIONER_COMMANDS.name(),
            r ->
                probe.decode(r) instanceof Incoming.Valid v
                    && v.event().data() instanceof DecommissionBlue d
                    && d.commandId().equals(command.commandId()),
            "the first delivery of " + command.commandId(),
            WAIT);
    new CommandInbox("decommissioner", handler, sink, Clock.systemUTC(), 10).receive(same);
    BlueRetired retired =
        probe
            .await(
                Topics.FACTS,
                BlueRetired.class,
                f -> f.commandId().equals(command.commandId()),
                WAIT)
            .data();

    List<JournalEntry> journal = journalSince(before);
    assertEquals(2, count(journal, "UpdateNodegroupConfig"), "each node group scaled once");
    assertEquals(2, count(journal, "DeleteNodegroup"), "each node group deleted once");
    assertEquals(2, count(journal, "DeleteAddon"), "each add-on deleted once");
    assertEquals(1, count(journal, "DeleteCluster"));
    assertEquals(1, count(journal, "DeleteTargetGroup"));
    assertTrue(
        retired.deleted().stream().noneMatch(d -> d.startsWith("nodegroup:")),
        "the second run found the node groups already gone: " + retired.deleted());
    assertTrue(sim.clusterStatus("restart-blue").isEmpty());
  }

  @Test
  void dryRun_listsWhatWouldGo_andChangesNothing() {
    handedOver("dry");
    long before = lastSeq();

    BlueRetired retired = awaitRetired(command("dry", true));

    assertTrue(retired.dryRun());
    assertEquals(
        List.of(
            "nodegroup",
            "nodegroup",
            "addon",
            "addon",
            "cluster",
            "rule-target",
            "targetgroup",
            "argocd-secret"),
        retired.deleted().stream().map(d -> d.substring(0, d.indexOf(':'))).toList());
    assertEquals(List.of(), journalSince(before), "a dry run makes no mutating call");
    assertTrue(sim.isActive("dry-blue"));
    assertTrue(argoRegistered("dry-blue"));
  }

  @Test
  void commandArrivingBeforeTheRetentionWindowEnds_isRefused() {
    handedOver("early");
    long before = lastSeq();
    DecommissionBlue early =
        new DecommissionBlue(
            UUID.randomUUID().toString(),
            "up-early",
            "early-blue",
            "early-green",
            Instant.now().minus(Duration.ofHours(1)),
            Duration.ofDays(7),
            "sre@example.com",
            false);

    PhaseFailed failed = awaitFailed(early);

    assertEquals("RETENTION_NOT_ELAPSED", failed.errorCode());
    assertFalse(failed.retryable(), "days early is not clock skew");
    assertTrue(failed.evidence().containsKey("notBefore"));
    assertEquals(List.of(), journalSince(before));
  }

  @Test
  void blueCarryingTheProtectTag_isNotTiedToBlue_andNothingIsDeleted() {
    handedOver("orphan");
    // Set-up the public API does not cover: tag the seeded cluster.
    sim.inspect(
        w ->
            w.eks().clusters().describe("orphan-blue").tags.put("bluegreen.dev/protected", "true"));
    long before = lastSeq();

    PhaseFailed failed = awaitFailed(command("orphan", false));

    assertEquals("NOT_TIED_TO_BLUE", failed.errorCode());
    assertEquals(List.of(), journalSince(before));
  }

  /**
   * What one decommission costs: the AWS calls by operation (the SDK's own metrics), blue's
   * Kubernetes clients built, and the CPU time and bytes allocated by the thread that ran it (the
   * command handled on this test thread through a fresh {@link CommandInbox}, as after a restart).
   * The numbers are printed for the README; the bounds keep the savings from silently regressing.
   */
  @Test
  void oneDecommission_readsEachPieceOncePerStep_andBuildsBluesKubernetesClientOnce() {
    // The first run in a fresh JVM is mostly class loading and JIT: measure the second.
    decommissionCounted("warm");
    Cost cost = decommissionCounted("count");

    System.out.printf(
        "one decommission: %d AWS calls %s; %d blue Kubernetes clients; thread CPU %d ms,"
            + " allocated %d KiB%n",
        cost.awsCalls(),
        cost.byOperation(),
        cost.blueClients(),
        cost.cpuMillis(),
        cost.allocatedKib());
    assertTrue(sim.clusterStatus("count-blue").isEmpty());
    assertEquals(1, cost.blueClients(), "one client of blue's API for the whole command");
    // 10 steps: the rules are read once per step (and once first), not by the estate and again
    // by the guards; waits do not read them at all. Before: 22 of each.
    assertTrue(cost.byOperation().get("DescribeListeners") <= 11, cost.byOperation().toString());
    assertTrue(cost.awsCalls() <= AWS_CALLS_BOUND, cost.byOperation().toString());
  }

  /** Before sharing reads it was 215; after, about 135 (the number of polls varies). */
  private static final int AWS_CALLS_BOUND = 160;

  /** What one decommission cost, as {@link #decommissionCounted} measured it. */
  private record Cost(
      Map<String, Long> byOperation, long blueClients, long cpuMillis, long allocatedKib) {
    long awsCalls() {
      return byOperation.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Decommissions the pair on this thread (a fresh {@link CommandInbox}, as after a restart) and
   * counts: AWS calls by operation (the SDK's own metrics), blue's Kubernetes clients built, and
   * the CPU time and bytes allocated by this thread (the handler's work, not cloud-sim's).
   */
  private Cost decommissionCounted(String pair) {
    handedOver(pair);
    SimpleMeterRegistry calls = new SimpleMeterRegistry();
    Metrics.addRegistry(calls);
    DecommissionBlue command = command(pair, false);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long clients0 = kubernetesGateway.blueClientsBuilt();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long bytes0 = threads.getCurrentThreadAllocatedBytes();
    try {
      new CommandInbox("decommissioner", handler, sink, Clock.systemUTC(), 10)
          .receive(asConsumed(CloudEvent.of("/tests", command, Instant.now())));
    } finally {
      Metrics.removeRegistry(calls);
    }
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
    long allocatedKib = (threads.getCurrentThreadAllocatedBytes() - bytes0) / 1024;
    long clients = kubernetesGateway.blueClientsBuilt() - clients0;
    probe.await(
        Topics.FACTS, BlueRetired.class, f -> f.commandId().equals(command.commandId()), WAIT);
    Map<String, Long> byOperation = new TreeMap<>();
    calls
        .find(CloudCallMetrics.CALLS)
        .counters()
        .forEach(
            c -> byOperation.merge(c.getId().getTag("operation"), (long) c.count(), Long::sum));
    return new Cost(byOperation, clients, cpuMillis, allocatedKib);
  }

  private static ConsumerRecord<String, byte[]> asConsumed(CloudEvent<?> event) {
    ProducerRecord<String, byte[]> out = new CloudEventCodec().toRecord(event);
    return new ConsumerRecord<>(
        out.topic(),
        0,
        0L,
        System.currentTimeMillis(),
        TimestampType.CREATE_TIME,
        -1,
        out.value().length,
        out.key(),
        out.value(),
        out.headers(),
        Optional.empty());
  }

  // ------------------------------------------------------------------ given / when helpers

  /** What the earlier phases leave: blue at weight 0 beside green at 100, blue's CronJobs off. */
  private String handedOver(String pair) {
    String rule = sim.ruleArnOf(pair + "-blue").orElseThrow();
    setWeights(
        rule,
        sim.targetGroupArnOf(pair + "-blue").orElseThrow(),
        0,
        sim.targetGroupArnOf(pair + "-green").orElseThrow(),
        100);
    try (KubernetesClient blue = kubernetes(pair + "-blue")) {
      blue.batch()
          .v1()
          .cronjobs()
          .inAnyNamespace()
          .list()
          .getItems()
          .forEach(
              cj ->
                  blue.batch()
                      .v1()
                      .cronjobs()
                      .inNamespace(cj.getMetadata().getNamespace())
                      .withName(cj.getMetadata().getName())
                      .patch(
                          PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}"));
    }
    return rule;
  }

  private void setWeights(String rule, String tgA, int weightA, String tgB, int weightB) {
    elb.modifyRule(
        r ->
            r.ruleArn(rule)
                .actions(
                    a ->
                        a.type(ActionTypeEnum.FORWARD)
                            .forwardConfig(
                                f ->
                                    f.targetGroups(
                                        TargetGroupTuple.builder()
                                            .targetGroupArn(tgA)
                                            .weight(weightA)
                                            .build(),
                                        TargetGroupTuple.builder()
                                            .targetGroupArn(tgB)
                                            .weight(weightB)
                                            .build()))));
  }

  private static DecommissionBlue command(String pair, boolean dryRun) {
    return new DecommissionBlue(
        UUID.randomUUID().toString(),
        "up-" + pair,
        pair + "-blue",
        pair + "-green",
        Instant.now().minus(Duration.ofDays(8)),
        Duration.ofDays(7),
        "sre@example.com",
        dryRun);
  }

  private BlueRetired awaitRetired(DecommissionBlue command) {
    probe.publish(CloudEvent.of("/tests", command, Instant.now()));
    return probe
        .await(
            Topics.FACTS, BlueRetired.class, f -> f.commandId().equals(command.commandId()), WAIT)
        .data();
  }

  private PhaseFailed awaitFailed(DecommissionBlue command) {
    probe.publish(CloudEvent.of("/tests", command, Instant.now()));
    return probe
        .await(
            Topics.FACTS, PhaseFailed.class, f -> f.commandId().equals(command.commandId()), WAIT)
        .data();
  }

  private boolean argoRegistered(String cluster) {
    try (KubernetesClient mgmt = kubernetes(sim.managementCluster())) {
      return mgmt.secrets().inNamespace("argocd").list().getItems().stream()
          .map(Secret::getMetadata)
          .anyMatch(m -> m.getName().equals("cluster-" + cluster));
    }
  }

  private KubernetesClient kubernetes(String cluster) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(sim.kubernetesUrl(cluster))
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private long lastSeq() {
    List<JournalEntry> all = sim.journal().entries();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
  }

  private List<JournalEntry> journalSince(long seq) {
    return sim.journal().since(seq);
  }

  private static long count(List<JournalEntry> journal, String operation) {
    return journal.stream().filter(e -> e.operation().equals(operation)).count();
  }

  private static Fault failing(String operation, String resource, String code, int count) {
    return new Fault(
        null,
        Fault.Kind.ERROR,
        "eks",
        operation,
        resource,
        code,
        null,
        null,
        count,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }
}
