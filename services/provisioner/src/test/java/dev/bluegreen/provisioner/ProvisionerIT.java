package dev.bluegreen.provisioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsConfig;
import dev.bluegreen.cloud.CloudCallMetrics;
import dev.bluegreen.cloud.Waiting;
import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.CleanUpGreen;
import dev.bluegreen.contracts.events.GreenCleanedUp;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.messaging.CommandInbox;
import dev.bluegreen.messaging.EventSink;
import dev.bluegreen.provisioner.cloud.BlueAwsAuth;
import dev.bluegreen.provisioner.cloud.EksClusters;
import dev.bluegreen.provisioner.cloud.SubnetFreeIpsReader;
import dev.bluegreen.provisioner.config.ProvisionerConfig;
import dev.bluegreen.provisioner.core.GreenTags;
import dev.bluegreen.provisioner.core.Preflight;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.InjectCloudSim;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.Nodegroup;

/**
 * The provisioner as deployed: commands on its Kafka topic, facts on the facts topic, EKS through
 * the real SDK against cloud-sim. Each test works on its own blue cluster of the test fleet.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.provisioner.ProvisionerCloud"))
class ProvisionerIT {

  private static final Duration FACT_DEADLINE = Duration.ofSeconds(90);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Inject AwsConfig aws;
  @Inject ProvisionerConfig settings;
  @Inject dev.bluegreen.provisioner.cloud.GreenTargetGroups targetGroups;
  @Inject EventSink sink;
  @Inject io.vertx.core.Vertx vertx;

  @InjectCloudSim CloudSim sim;

  private EventProbe probe;
  private EksClient eks;

  @BeforeEach
  void open() {
    probe = new EventProbe(bootstrapServers);
    eks = AwsClients.configure(EksClient.builder(), aws).build();
  }

  @AfterEach
  void close() {
    assertEquals(List.of(), sim.journal().duplicateCreations(), "a resource created twice");
    sim.faults().clear();
    probe.close();
    eks.close();
  }

  // ------------------------------------------------------------------ happy path

  @Test
  void happyPath_preflightPasses_thenGreenMirrorsBlueAtTheTarget_andIsReported() {
    String upgrade = upgradeId("happy");
    String admin = "arn:aws:iam::123456789012:role/platform-admins";
    eks.createAccessEntry(
        r -> r.clusterName("happy-blue").principalArn(admin).kubernetesGroups("platform-admins"));
    PreflightCompleted preflight =
        send(
            new RunPreflight(id(), upgrade, "happy-blue", "happy-green", "1.32"),
            PreflightCompleted.class);
    assertTrue(preflight.passed(), () -> "checks: " + preflight.checks());
    for (Check c : preflight.checks()) {
      assertEquals(CheckResult.PASS, c.result(), c.name() + ": " + c.reason());
    }
    // Free IPs come from EC2 DescribeSubnets, i.e. what the simulator's subnets have left.
    assertEquals(
        Map.of(
            "subnet-happy-blue-a", sim.freeIps("subnet-happy-blue-a").orElseThrow(),
            "subnet-happy-blue-b", sim.freeIps("subnet-happy-blue-b").orElseThrow()),
        check(preflight, Preflight.SUBNET_FREE_IPS).data().get("freeIps"));

    GreenClusterReady ready =
        send(
            new ProvisionGreen(id(), upgrade, "happy-blue", "happy-green", "1.32"),
            GreenClusterReady.class);

    assertEquals("1.32", ready.version());
    assertEquals(List.of("general", "batch"), ready.nodegroups());
    Cluster green = eks.describeCluster(r -> r.name("happy-green")).cluster();
    Cluster blue = eks.describeCluster(r -> r.name("happy-blue")).cluster();
    assertEquals("1.32", green.version());
    assertEquals(blue.resourcesVpcConfig().subnetIds(), green.resourcesVpcConfig().subnetIds());
    assertEquals(upgrade, green.tags().get(GreenTags.UPGRADE_ID));
    assertEquals("green", green.tags().get(GreenTags.ROLE));
    assertEquals("payments", green.tags().get("team"));
    assertSameControlPlane(blue, green);
    assertEquals(AuthenticationMode.API, green.accessConfig().authenticationMode());
    for (String name : List.of("general", "batch")) {
      Nodegroup b =
          eks.describeNodegroup(r -> r.clusterName("happy-blue").nodegroupName(name)).nodegroup();
      Nodegroup g =
          eks.describeNodegroup(r -> r.clusterName("happy-green").nodegroupName(name)).nodegroup();
      assertEquals(b.instanceTypes(), g.instanceTypes());
      assertEquals(b.scalingConfig(), g.scalingConfig());
      assertEquals(b.labels(), g.labels());
      assertEquals(b.taints(), g.taints());
      assertEquals(b.updateConfig(), g.updateConfig(), name + "'s updateConfig");
      assertEquals(upgrade, g.tags().get(GreenTags.UPGRADE_ID));
    }
    assertEquals(
        2,
        eks.describeNodegroup(r -> r.clusterName("happy-green").nodegroupName("general"))
            .nodegroup()
            .updateConfig()
            .maxUnavailable(),
        "blue's own value, not EKS's default of 1");
    assertEquals(
        "v1.19.6-eksbuild.1",
        eks.describeAddon(r -> r.clusterName("happy-green").addonName("vpc-cni"))
            .addon()
            .addonVersion());
    assertEquals(
        "v1.11.3-eksbuild.2",
        eks.describeAddon(r -> r.clusterName("happy-green").addonName("coredns"))
            .addon()
            .addonVersion());
    var entry =
        eks.describeAccessEntry(r -> r.clusterName("happy-green").principalArn(admin))
            .accessEntry();
    assertEquals(List.of("platform-admins"), entry.kubernetesGroups());
    assertEquals(upgrade, entry.tags().get(GreenTags.UPGRADE_ID));
    // Every access entry keeps its access policies and scopes; node entries are EKS's business.
    for (String principal : List.of(SRE, CI_DEPLOYER, admin)) {
      assertEquals(
          accessPolicies("happy-blue", principal),
          accessPolicies("happy-green", principal),
          principal);
    }
    assertEquals(
        Set.of(
            "AmazonEKSEditPolicy namespace [payments, payments-jobs]",
            "AmazonEKSViewPolicy cluster []"),
        accessPolicies("happy-green", CI_DEPLOYER));
    assertEquals(
        List.of(SRE, CI_DEPLOYER, admin).stream().sorted().toList(),
        eks.listAccessEntries(r -> r.clusterName("happy-green")).accessEntries().stream()
            .sorted()
            .toList(),
        "the node role's EC2_LINUX entry is not copied");
    assertEquals(
        List.of("created", "created", "created"),
        journal("AssociateAccessPolicy", "happy-green/").stream()
            .map(JournalEntry::outcome)
            .toList());
    List<String> steps =
        probe.eventsSoFar(Topics.FACTS, e -> upgrade.equals(e.data().upgradeId())).stream()
            .filter(e -> e.data() instanceof PhaseProgressed)
            .map(e -> ((PhaseProgressed) e.data()).step())
            .toList();
    assertEquals(
        List.of(
            "cluster-creating",
            "cluster-active",
            "nodegroup-active",
            "nodegroup-active",
            "addons-active",
            "target-group-ready"),
        steps);
    assertTrue(
        sim.targetGroupArnOf("happy-green").isPresent(),
        "green's target group exists, tagged as green's, for the traffic shifter");
  }

  // ------------------------------------------------------------------ pre-flight failures

  /**
   * The quota check counts the region's clusters with {@code ListClusters}, every page: one count
   * per pre-flight made N upgrades at once cost N counts of a region that grows with N. Counted in
   * the SDK calls the provisioner makes ({@code bluegreen_cloud_calls}, libs/cloud); before the
   * count was shared this test saw 5 {@code ListClusters} calls.
   */
  @Test
  void concurrentPreflights_shareOneCountOfTheRegionsClusters() {
    SimpleMeterRegistry calls = new SimpleMeterRegistry();
    Metrics.addRegistry(calls);
    try {
      List<RunPreflight> preflights =
          java.util.stream.IntStream.range(0, 5)
              .mapToObj(
                  i ->
                      new RunPreflight(
                          id(), upgradeId("count"), "happy-blue", "count-green-" + i, "1.32"))
              .toList();
      preflights.forEach(c -> probe.publish(CloudEvent.of("/orchestrator", c, Instant.now())));
      for (RunPreflight c : preflights) {
        PreflightCompleted done =
            probe
                .await(
                    Topics.FACTS,
                    PreflightCompleted.class,
                    f -> c.upgradeId().equals(f.upgradeId()),
                    FACT_DEADLINE)
                .data();
        Check limits = check(done, Preflight.ACCOUNT_LIMITS);
        assertEquals(CheckResult.PASS, limits.result(), limits::reason);
        assertTrue(
            ((Number) limits.data().get("clustersInRegion")).intValue() > 1, limits::toString);
      }
      // The test fleet fits one page, and the five run within seconds: one count, or two if the
      // one an earlier test left aged past the max age meanwhile, or none if it is still fresh.
      double listClusters =
          calls.find(CloudCallMetrics.CALLS).tag("operation", "ListClusters").counters().stream()
              .mapToDouble(Counter::count)
              .sum();
      assertTrue(listClusters <= 2, () -> listClusters + " ListClusters calls for 5 pre-flights");
    } finally {
      Metrics.removeRegistry(calls);
      calls.close();
    }
  }

  @Test
  void preflight_targetVersionEksDoesNotOffer_fails() {
    assertFails("happy-blue", "1.40", Preflight.TARGET_VERSION_SUPPORTED);
  }

  @Test
  void preflight_targetVersionOutOfSupport_fails() {
    assertFails("happy-blue", "1.29", Preflight.TARGET_VERSION_SUPPORTED);
  }

  @Test
  void preflight_targetNotNewerThanBlue_fails() {
    assertFails("happy-blue", "1.31", Preflight.TARGET_VERSION_NEWER);
  }

  @Test
  void preflight_addonWithoutVersionForTarget_fails() {
    Check c = assertFails("legacy-blue", "1.32", Preflight.ADDONS_COMPATIBLE);
    assertEquals(List.of("legacy-agent"), c.data().get("incompatible"));
  }

  @Test
  void preflight_blueStillUsesApisRemovedByTarget_fails() {
    Check c = assertFails("deprecated-blue", "1.32", Preflight.NO_REMOVED_APIS_IN_USE);
    assertTrue(c.data().toString().contains("v1beta3/flowschemas"), c.data().toString());
  }

  @Test
  void preflight_blueNotActive_fails() {
    sim.faults().add(Fault.stuck("creating-blue"));
    eks.createCluster(
        r ->
            r.name("creating-blue")
                .version("1.31")
                .roleArn("arn:aws:iam::123456789012:role/eks-cluster-role")
                .resourcesVpcConfig(
                    v -> v.subnetIds("subnet-blocked-blue-a", "subnet-blocked-blue-b")));
    assertFails("creating-blue", "1.32", Preflight.BLUE_ACTIVE);
  }

  @Test
  void preflight_subnetsWithTooFewFreeIpsForGreenNextToBlue_fails_sayingHowManyAreNeeded() {
    int free =
        sim.freeIps("subnet-crowded-blue-a").orElseThrow()
            + sim.freeIps("subnet-crowded-blue-b").orElseThrow();
    assertTrue(free < 6 * 30, "the fleet leaves crowded-blue's subnets short: " + free);

    Check c = assertFails("crowded-blue", "1.32", Preflight.SUBNET_FREE_IPS);

    assertEquals(
        "Green's nodes and pods need 180 IPs at desired size but the subnets have "
            + free
            + " free (blue and green share them)",
        c.reason());
    assertEquals(free, c.data().get("totalFree"));
    assertTrue(
        sim.journal().entries().stream().noneMatch(e -> "crowded-blue-green".equals(e.resource())),
        "a failed pre-flight creates nothing");
  }

  @Test
  void preflight_subnetsThatFitGreenButNotBothAtMaxSize_warnsAndStillPasses() {
    PreflightCompleted done =
        send(
            new RunPreflight(id(), upgradeId("snug"), "snug-blue", "snug-green", "1.32"),
            PreflightCompleted.class);

    assertTrue(done.passed(), () -> "a warning does not block: " + done.checks());
    Check c = check(done, Preflight.SUBNET_FREE_IPS);
    assertEquals(CheckResult.WARN, c.result(), c.reason());
    assertTrue(c.reason().contains("420 needed"), c.reason());
  }

  @Test
  void preflight_blueMissing_fails() {
    assertFails("no-such-blue", "1.32", Preflight.BLUE_ACTIVE);
  }

  @Test
  void preflight_greenNameTakenByAClusterOfSomeoneElse_fails() {
    String upgrade = upgradeId("taken");
    PreflightCompleted done =
        send(
            new RunPreflight(id(), upgrade, "happy-blue", "dup-blue", "1.32"),
            PreflightCompleted.class);
    assertFalse(done.passed());
    assertEquals(CheckResult.FAIL, check(done, Preflight.GREEN_NAME_AVAILABLE).result());
  }

  // ------------------------------------------------------------------ failures and retries

  @Test
  void throttleStorm_isRetriedByTheSdk_andGreenIsStillCreatedOnce() {
    sim.faults().add(Fault.throttle("eks", "CreateCluster", 2));
    sim.faults().add(Fault.throttle("eks", "DescribeCluster", 3));
    sim.faults().add(Fault.throttle("eks", "CreateNodegroup", 2));
    sim.faults().add(Fault.throttle("eks", "DescribeNodegroup", 2));
    sim.faults().add(Fault.throttle("eks", "CreateAddon", 1));

    GreenClusterReady ready =
        send(
            new ProvisionGreen(id(), upgradeId("storm"), "storm-blue", "storm-green", "1.32"),
            GreenClusterReady.class);

    assertEquals("storm-green", ready.greenCluster());
    assertTrue(sim.faults().list().isEmpty(), () -> "unconsumed: " + sim.faults().list());
    assertEquals(1, created("CreateCluster", "storm-green").size());
    assertEquals(2, created("CreateNodegroup", "storm-green/").size());
  }

  @Test
  void nodegroupThatFailsToCreate_failsThePhaseWithEksReason_andCleanUpLeavesNothing() {
    String upgrade = upgradeId("tight");
    PhaseFailed failed =
        send(
            new ProvisionGreen(id(), upgrade, "tight-blue", "tight-green", "1.32"),
            PhaseFailed.class);

    assertEquals("InsufficientFreeAddresses", failed.errorCode());
    assertFalse(failed.retryable());
    assertTrue(failed.reason().contains("batch"), failed.reason());

    GreenCleanedUp cleaned =
        send(new CleanUpGreen(id(), upgrade, "tight-blue", "tight-green"), GreenCleanedUp.class);

    assertEquals(
        List.of("nodegroup/general", "nodegroup/batch", "cluster/tight-green"), cleaned.deleted());
    assertTrue(sim.clusterStatus("tight-green").isEmpty());
    assertTrue(sim.clusterStatus("tight-blue").isPresent(), "blue is never touched");
    assertEquals(2, journal("DeleteNodegroup", "tight-green/").size());
  }

  @Test
  void limitExceededCreatingANodegroup_isAPermanentFailureWithTheAwsCode() {
    String upgrade = upgradeId("noroom");
    sim.faults().add(Fault.failNext("eks", "CreateNodegroup", "ResourceLimitExceededException", 1));

    PhaseFailed failed =
        send(
            new ProvisionGreen(id(), upgrade, "noroom-blue", "noroom-green", "1.32"),
            PhaseFailed.class);

    assertEquals("ResourceLimitExceededException", failed.errorCode());
    assertFalse(failed.retryable());
    GreenCleanedUp cleaned =
        send(new CleanUpGreen(id(), upgrade, "noroom-blue", "noroom-green"), GreenCleanedUp.class);
    assertTrue(cleaned.deleted().contains("cluster/noroom-green"), cleaned.deleted()::toString);
    assertTrue(sim.clusterStatus("noroom-green").isEmpty());
  }

  @Test
  void invalidParameterCreatingTheCluster_failsThePhase_andCreatesNothing() {
    sim.faults().add(Fault.failNext("eks", "CreateCluster", "InvalidParameterException", 1));

    PhaseFailed failed =
        send(
            new ProvisionGreen(id(), upgradeId("invalid"), "blocked-blue", "blocked-green", "1.32"),
            PhaseFailed.class);

    assertEquals("InvalidParameterException", failed.errorCode());
    assertFalse(failed.retryable());
    assertEquals("creating cluster blocked-green", failed.evidence().get("step"));
    assertTrue(sim.clusterStatus("blocked-green").isEmpty());
  }

  @Test
  void cleanUpAfterAnEarlierCleanUpDiedWhileDeletingTheCluster_resumesWaitingForIt() {
    String upgrade = upgradeId("cleanup");
    send(
        new ProvisionGreen(id(), upgrade, "cleanup-blue", "cleanup-green", "1.32"),
        GreenClusterReady.class);
    // What a clean-up that died mid-wait leaves: no node groups, the cluster DELETING.
    Fault held = sim.faults().add(Fault.stuck("cleanup-green"));
    for (String ng : List.of("general", "batch")) {
      eks.deleteNodegroup(r -> r.clusterName("cleanup-green").nodegroupName(ng));
      eks.waiter()
          .waitUntilNodegroupDeleted(
              r -> r.clusterName("cleanup-green").nodegroupName(ng),
              w ->
                  w.backoffStrategyV2(
                          software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(
                              Duration.ofMillis(50)))
                      .waitTimeout(FACT_DEADLINE));
    }
    eks.deleteCluster(r -> r.name("cleanup-green"));
    assertEquals(java.util.Optional.of("DELETING"), sim.clusterStatus("cleanup-green"));

    CleanUpGreen cleanUp = new CleanUpGreen(id(), upgrade, "cleanup-blue", "cleanup-green");
    probe.publish(CloudEvent.of("/orchestrator", cleanUp, Instant.now()));
    await(PhaseProgressed.class, upgrade, p -> p.step().equals("cleanup-resumed"));
    sim.faults().remove(held.id());
    GreenCleanedUp cleaned =
        await(GreenCleanedUp.class, upgrade, f -> f.commandId().equals(cleanUp.commandId()));

    assertEquals(
        List.of("targetgroup/tg-cleanup-green", "cluster/cleanup-green"), cleaned.deleted());
    assertTrue(sim.targetGroupArnOf("cleanup-green").isEmpty(), "green's target group is gone");
    assertTrue(sim.clusterStatus("cleanup-green").isEmpty());
    assertEquals(1, journal("DeleteCluster", "cleanup-green").size());
  }

  /**
   * The orchestrator gave up on provisioning (its phase timed out while green's cluster was held
   * CREATING) and sent the clean-up while the provisioning still waits: the clean-up waits for the
   * provisioning to be done, then deletes all it made, the target group it made last included
   * (found by bin/chaos --long-stuck: the clean-up deleted the target group first, the provisioning
   * then made it, and it was left).
   */
  @Test
  void cleanUpWhileAnAbandonedProvisioningStillWaits_waitsForIt_andLeavesNothingOfGreen() {
    String upgrade = upgradeId("abandoned");
    Fault held = sim.faults().add(Fault.stuck("abandoned-green"));
    ProvisionGreen provision =
        new ProvisionGreen(id(), upgrade, "abandoned-blue", "abandoned-green", "1.32");
    probe.publish(CloudEvent.of("/orchestrator", provision, Instant.now()));
    await(PhaseProgressed.class, upgrade, p -> p.step().equals("cluster-creating"));

    CleanUpGreen cleanUp = new CleanUpGreen(id(), upgrade, "abandoned-blue", "abandoned-green");
    probe.publish(CloudEvent.of("/orchestrator", cleanUp, Instant.now()));
    // The provisioning's wait holds the clean-up back: it has not begun to delete anything.
    await(PhaseProgressed.class, upgrade, p -> p.step().equals("cleanup-waits-for-provisioning"));
    sim.faults().remove(held.id());
    GreenCleanedUp cleaned =
        await(GreenCleanedUp.class, upgrade, f -> f.commandId().equals(cleanUp.commandId()));

    assertTrue(
        cleaned.deleted().contains("targetgroup/tg-abandoned-green"), cleaned.deleted()::toString);
    assertTrue(sim.targetGroupArnOf("abandoned-green").isEmpty(), "green's target group is gone");
    assertTrue(sim.clusterStatus("abandoned-green").isEmpty(), "green's cluster is gone");
  }

  @Test
  void cleanUp_leavesAClusterThatIsNotThisUpgradesAlone() {
    GreenCleanedUp cleaned =
        send(
            new CleanUpGreen(id(), upgradeId("other"), "happy-blue", "dup-blue"),
            GreenCleanedUp.class);
    assertEquals(List.of(), cleaned.deleted());
    assertTrue(sim.clusterStatus("dup-blue").isPresent());
  }

  // ------------------------------------------------------------------ idempotency

  @Test
  void sameCommandDeliveredTwice_andRetriedUnderANewId_createsOneCluster() {
    String upgrade = upgradeId("dup");
    ProvisionGreen command = new ProvisionGreen(id(), upgrade, "dup-blue", "dup-green", "1.32");
    CloudEvent<ProvisionGreen> event = CloudEvent.of("/orchestrator", command, Instant.now());
    probe.publish(event);
    probe.publish(event);
    await(GreenClusterReady.class, upgrade, f -> f.commandId().equals(command.commandId()));

    // The orchestrator retrying the phase (new commandId) finds green there and does not create it.
    ProvisionGreen retry = new ProvisionGreen(id(), upgrade, "dup-blue", "dup-green", "1.32");
    probe.publish(CloudEvent.of("/orchestrator", retry, Instant.now()));
    await(GreenClusterReady.class, upgrade, f -> f.commandId().equals(retry.commandId()));

    assertEquals(1, journal("CreateCluster", "dup-green").size());
    assertEquals(2, created("CreateNodegroup", "dup-green/").size());
    // AssociateAccessPolicy has no request token: listing first is what keeps it to one call each.
    assertEquals(
        List.of("created", "created", "created"),
        journal("AssociateAccessPolicy", "dup-green/").stream().map(JournalEntry::outcome).toList(),
        "three associations, none repeated by the redelivery or the retry");
  }

  @Test
  void awsAuthIdentities_becomeAccessEntriesOnGreen_withTheirGroupsAndPolicies_once() {
    String upgrade = upgradeId("awsauth");
    String oncall = "arn:aws:iam::123456789012:role/oncall";
    String readonly = "arn:aws:iam::123456789012:role/readonly";
    String ci = "arn:aws:iam::123456789012:user/ci";
    String node = "arn:aws:iam::123456789012:role/eks-node-role";

    PreflightCompleted preflight =
        send(
            new RunPreflight(id(), upgrade, "awsauth-blue", "awsauth-green", "1.32"),
            PreflightCompleted.class);
    assertTrue(preflight.passed(), () -> "a warning does not block: " + preflight.checks());
    Check awsAuth = check(preflight, Preflight.AWS_AUTH_TRANSLATABLE);
    assertEquals(CheckResult.WARN, awsAuth.result(), awsAuth.reason());
    assertTrue(awsAuth.reason().contains("system:authenticated"), awsAuth.reason());
    assertEquals("API_AND_CONFIG_MAP", awsAuth.data().get("authenticationMode"));
    assertEquals("read", awsAuth.data().get("awsAuth"));
    assertEquals(List.of(oncall, readonly, ci), field(awsAuth, "carried", "principalArn"));
    assertEquals(List.of(node, SRE), field(awsAuth, "skipped", "arn"));
    assertEquals(List.of(), awsAuth.data().get("notCarried"));

    send(
        new ProvisionGreen(id(), upgrade, "awsauth-blue", "awsauth-green", "1.32"),
        GreenClusterReady.class);

    var onGreen = eks.describeAccessEntry(r -> r.clusterName("awsauth-green").principalArn(oncall));
    assertEquals("oncall:{{SessionName}}", onGreen.accessEntry().username());
    assertEquals(List.of(), onGreen.accessEntry().kubernetesGroups());
    assertEquals("STANDARD", onGreen.accessEntry().type());
    assertEquals(upgrade, onGreen.accessEntry().tags().get(GreenTags.UPGRADE_ID));
    assertEquals(
        Set.of("AmazonEKSClusterAdminPolicy cluster []"),
        accessPolicies("awsauth-green", oncall),
        "system:masters as EKS's cluster admin policy");
    assertEquals(
        List.of("viewers"),
        eks.describeAccessEntry(r -> r.clusterName("awsauth-green").principalArn(readonly))
            .accessEntry()
            .kubernetesGroups());
    var ciEntry =
        eks.describeAccessEntry(r -> r.clusterName("awsauth-green").principalArn(ci)).accessEntry();
    assertEquals(List.of("deployers"), ciEntry.kubernetesGroups());
    assertEquals("ci", ciEntry.username());
    assertEquals(Set.of(), accessPolicies("awsauth-green", ci));
    // The SRE's access entry wins over its aws-auth mapping; the node role is EKS's business.
    assertEquals(accessPolicies("awsauth-blue", SRE), accessPolicies("awsauth-green", SRE));
    assertEquals(
        List.of(SRE, CI_DEPLOYER, oncall, readonly, ci).stream().sorted().toList(),
        eks.listAccessEntries(r -> r.clusterName("awsauth-green")).accessEntries().stream()
            .sorted()
            .toList());

    // A retry of the phase (new commandId) finds every entry and policy there: nothing twice.
    int entries = journal("CreateAccessEntry", "awsauth-green/").size();
    int associations = journal("AssociateAccessPolicy", "awsauth-green/").size();
    send(
        new ProvisionGreen(id(), upgrade, "awsauth-blue", "awsauth-green", "1.32"),
        GreenClusterReady.class);
    assertEquals(5, created("CreateAccessEntry", "awsauth-green/").size());
    assertEquals(entries, journal("CreateAccessEntry", "awsauth-green/").size());
    assertEquals(associations, journal("AssociateAccessPolicy", "awsauth-green/").size());
    assertEquals(
        1,
        journal("AssociateAccessPolicy", "awsauth-green/" + oncall).size(),
        "the cluster admin policy of system:masters, associated once");
  }

  @Test
  void blueInApiMode_itsAwsAuthIsNotRead_andGreenGetsOnlyItsAccessEntries() {
    String upgrade = upgradeId("apionly");
    PreflightCompleted preflight =
        send(
            new RunPreflight(id(), upgrade, "apionly-blue", "apionly-green", "1.32"),
            PreflightCompleted.class);
    Check awsAuth = check(preflight, Preflight.AWS_AUTH_TRANSLATABLE);
    assertEquals(CheckResult.PASS, awsAuth.result(), awsAuth.reason());
    assertEquals("not_used", awsAuth.data().get("awsAuth"));

    send(
        new ProvisionGreen(id(), upgrade, "apionly-blue", "apionly-green", "1.32"),
        GreenClusterReady.class);
    assertEquals(
        List.of(SRE, CI_DEPLOYER).stream().sorted().toList(),
        eks.listAccessEntries(r -> r.clusterName("apionly-green")).accessEntries().stream()
            .sorted()
            .toList(),
        "EKS ignores aws-auth in API mode, so green gets nothing from it");
  }

  @Test
  void awsAuthThatCannotBeRead_failsThePreflightCheck_andProvisioningCreatesNothing() {
    String upgrade = upgradeId("awsauth-unreadable");
    // The provisioner's role lacks its access entry (or RBAC) on blue.
    Fault forbidden =
        sim.faults()
            .add(
                new Fault(
                    null,
                    Fault.Kind.ERROR,
                    "kubernetes",
                    "GET configmaps",
                    "unreadable-blue/kube-system/aws-auth",
                    "Forbidden",
                    403,
                    "configmaps \"aws-auth\" is forbidden",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
    try {
      PreflightCompleted preflight =
          send(
              new RunPreflight(id(), upgrade, "unreadable-blue", "unreadable-green", "1.32"),
              PreflightCompleted.class);
      Check awsAuth = check(preflight, Preflight.AWS_AUTH_TRANSLATABLE);
      assertEquals(CheckResult.FAIL, awsAuth.result(), awsAuth.reason());
      assertTrue(awsAuth.reason().contains("403"), awsAuth.reason());

      PhaseFailed failed =
          send(
              new ProvisionGreen(id(), upgrade, "unreadable-blue", "unreadable-green", "1.32"),
              PhaseFailed.class);
      assertEquals("AwsAuthUnreadable", failed.errorCode());
      assertTrue(failed.retryable(), "reading again is harmless once access is fixed");
      assertEquals(java.util.Optional.empty(), sim.clusterStatus("unreadable-green"));
    } finally {
      sim.faults().remove(forbidden.id());
    }
  }

  /** One field of each item of a list in a check's data. */
  @SuppressWarnings("unchecked")
  private static List<Object> field(Check check, String list, String field) {
    return ((List<Map<String, Object>>) check.data().get(list))
        .stream().map(m -> m.get(field)).toList();
  }

  @Test
  void retryAfterGreensAccessWasChangedByHand_restoresBluesScope_andKeepsWhatWasAdded() {
    String upgrade = upgradeId("rescope");
    send(
        new ProvisionGreen(id(), upgrade, "rescope-blue", "rescope-green", "1.32"),
        GreenClusterReady.class);
    // Someone narrows the CI role on green and gives the SREs one more policy.
    eks.associateAccessPolicy(
        r ->
            r.clusterName("rescope-green")
                .principalArn(CI_DEPLOYER)
                .policyArn(POLICY + "AmazonEKSEditPolicy")
                .accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("payments")));
    eks.associateAccessPolicy(
        r ->
            r.clusterName("rescope-green")
                .principalArn(SRE)
                .policyArn(POLICY + "AmazonEKSViewPolicy")
                .accessScope(s -> s.type(AccessScopeType.CLUSTER)));
    long before = journal("AssociateAccessPolicy", "rescope-green/").size();

    send(
        new ProvisionGreen(id(), upgrade, "rescope-blue", "rescope-green", "1.32"),
        GreenClusterReady.class);

    assertEquals(
        accessPolicies("rescope-blue", CI_DEPLOYER), accessPolicies("rescope-green", CI_DEPLOYER));
    assertEquals(
        Set.of("AmazonEKSClusterAdminPolicy cluster []", "AmazonEKSViewPolicy cluster []"),
        accessPolicies("rescope-green", SRE));
    List<JournalEntry> retry =
        journal("AssociateAccessPolicy", "rescope-green/").stream().skip(before).toList();
    assertEquals(1, retry.size(), () -> "only the narrowed scope is put back: " + retry);
    assertEquals("rescope-green/" + CI_DEPLOYER, retry.get(0).resource());
  }

  @Test
  void restartMidWait_aSecondInstanceGivenTheRedeliveredCommand_resumesWaiting() throws Exception {
    String upgrade = upgradeId("restart");
    Fault held = sim.faults().add(Fault.stuck("restart-green"));
    ProvisionGreen command =
        new ProvisionGreen(id(), upgrade, "restart-blue", "restart-green", "1.32");
    probe.publish(CloudEvent.of("/orchestrator", command, Instant.now()));
    await(PhaseProgressed.class, upgrade, p -> p.step().equals("cluster-creating"));
    assertEquals(java.util.Optional.of("CREATING"), sim.clusterStatus("restart-green"));

    // A fresh process: its own clients, handler and inbox (no memory of the command).
    var record =
        probe.awaitRecord(
            Topics.PROVISIONER_COMMANDS.name(),
            r ->
                new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains(command.commandId()),
            "the ProvisionGreen command",
            FACT_DEADLINE);
    try (EksClient eks2 = AwsClients.configure(EksClient.builder(), aws).build();
        Ec2Client ec2 = AwsClients.configure(Ec2Client.builder(), aws).build()) {
      EksClusters eksClusters = new EksClusters(eks2, settings, Waiting.wallClock());
      var restarted =
          new ProvisionerHandler(
              eksClusters,
              new SubnetFreeIpsReader(ec2, settings),
              targetGroups,
              new BlueAwsAuth(eks2, aws, vertx),
              ec2,
              settings);
      var inbox = new CommandInbox("provisioner", restarted, sink, Clock.systemUTC(), 100);
      CompletableFuture<Void> redelivered = CompletableFuture.runAsync(() -> inbox.receive(record));

      await(PhaseProgressed.class, upgrade, p -> p.step().equals("cluster-resumed"));
      sim.faults().remove(held.id());
      redelivered.get(FACT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    await(GreenClusterReady.class, upgrade, f -> true);
    assertEquals(1, journal("CreateCluster", "restart-green").size());
    assertEquals(2, created("CreateNodegroup", "restart-green/").size());
  }

  // ------------------------------------------------------------------ shared resources

  @Test
  void provisioning_mirrorsForGreenEveryRuleThatAdmitsBlue_tagged_andListsWhatPolicyForbids() {
    String upgrade = upgradeId("shared");
    assertTrue(sim.connectFailure("shared-blue", ProvisionerCloud.ORDERS_DB, 5432).isEmpty());

    send(
        new ProvisionGreen(id(), upgrade, "shared-blue", "shared-green", "1.32"),
        GreenClusterReady.class);

    String greenSg = sim.clusterSecurityGroupOf("shared-green").orElseThrow();
    String original = sim.ingressRuleIds("sg-orders-db").get(0);
    try (Ec2Client ec2 = AwsClients.configure(Ec2Client.builder(), aws).build()) {
      List<SecurityGroupRule> forGreen = rulesAdmitting(ec2, "sg-orders-db", greenSg);
      assertEquals(1, forGreen.size(), forGreen::toString);
      SecurityGroupRule mirror = forGreen.get(0);
      assertEquals(5432, mirror.fromPort());
      assertEquals(5432, mirror.toPort());
      assertEquals(
          Map.of(
              "bluegreen.dev/upgrade-id", upgrade,
              "bluegreen.dev/cluster", "shared-green",
              "bluegreen.dev/mirrors", original),
          mirror.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
      // The group tagged bluegreen.dev/mirror=never is left for a person, and said so.
      assertEquals(List.of(), rulesAdmitting(ec2, "sg-ledger-db", greenSg));
    }
    assertTrue(sim.connectFailure("shared-green", ProvisionerCloud.ORDERS_DB, 5432).isEmpty());
    PhaseProgressed forAPerson =
        await(PhaseProgressed.class, upgrade, p -> p.step().equals("shared-rules-for-a-person"));
    assertTrue(forAPerson.message().contains("sg-ledger-db"), forAPerson::message);
    assertTrue(forAPerson.message().contains("bluegreen.dev/mirror=never"), forAPerson::message);

    // Redelivered (a new command id, as after a restart): green is admitted already, nothing added.
    send(
        new ProvisionGreen(id(), upgrade, "shared-blue", "shared-green", "1.32"),
        GreenClusterReady.class);
    assertEquals(1, created("AuthorizeSecurityGroupIngress", "sg-orders-db").size());
    assertEquals(List.of(), journal("AuthorizeSecurityGroupIngress", "sg-ledger-db"));
  }

  @Test
  void cleanUp_revokesGreensMirrorsBeforeGreensCluster_andKeepsBluesRules() {
    String upgrade = upgradeId("sharedclean");
    send(
        new ProvisionGreen(id(), upgrade, "sharedclean-blue", "sharedclean-green", "1.32"),
        GreenClusterReady.class);
    String greenSg = sim.clusterSecurityGroupOf("sharedclean-green").orElseThrow();
    String blueSg = sim.clusterSecurityGroupOf("sharedclean-blue").orElseThrow();

    GreenCleanedUp cleaned =
        send(
            new CleanUpGreen(id(), upgrade, "sharedclean-blue", "sharedclean-green"),
            GreenCleanedUp.class);

    assertTrue(
        cleaned.deleted().stream().anyMatch(d -> d.startsWith("security-group-rule/")),
        cleaned.deleted()::toString);
    try (Ec2Client ec2 = AwsClients.configure(Ec2Client.builder(), aws).build()) {
      assertEquals(List.of(), rulesAdmitting(ec2, "sg-cache", greenSg));
      assertEquals(1, rulesAdmitting(ec2, "sg-cache", blueSg).size());
    }
    assertTrue(sim.connectFailure("sharedclean-blue", ProvisionerCloud.CACHE, 6379).isEmpty());
    // Green's group had no rule left referencing it, so it went with green's cluster.
    assertEquals(
        List.of(),
        sim.journal().violations().stream().filter(e -> e.resource().equals(greenSg)).toList());
    assertEquals(
        1,
        journal("RevokeSecurityGroupIngress", "sg-cache").stream()
            .filter(e -> "ok".equals(e.outcome()))
            .count());
  }

  // ------------------------------------------------------------------ launch templates

  @Test
  void launchTemplate_greensNodegroupUsesACopyWithBluesNodeSecurityGroup_madeOnce_andCleanedUp() {
    String upgrade = upgradeId("lt");
    // The database admits only blue's node security group, which its launch template names.
    assertTrue(sim.connectFailure("lt-blue", ProvisionerCloud.NODES_DB, 5432).isEmpty());
    PreflightCompleted preflight =
        send(
            new RunPreflight(id(), upgrade, "lt-blue", "lt-green", "1.32"),
            PreflightCompleted.class);
    Check copyable = check(preflight, Preflight.LAUNCH_TEMPLATES_COPYABLE);
    assertEquals(CheckResult.PASS, copyable.result(), copyable::reason);
    assertTrue(preflight.passed(), () -> "checks: " + preflight.checks());

    send(new ProvisionGreen(id(), upgrade, "lt-blue", "lt-green", "1.32"), GreenClusterReady.class);

    Nodegroup blueGeneral =
        eks.describeNodegroup(r -> r.clusterName("lt-blue").nodegroupName("general")).nodegroup();
    Nodegroup greenGeneral =
        eks.describeNodegroup(r -> r.clusterName("lt-green").nodegroupName("general")).nodegroup();
    assertEquals("bluegreen-lt-green-general", greenGeneral.launchTemplate().name());
    assertFalse(
        blueGeneral.launchTemplate().id().equals(greenGeneral.launchTemplate().id()),
        "green's node group uses a copy, not blue's template");
    assertEquals("lt-blue-general", blueGeneral.launchTemplate().name(), "blue's is unchanged");
    assertEquals(
        null,
        eks.describeNodegroup(r -> r.clusterName("lt-green").nodegroupName("batch"))
            .nodegroup()
            .launchTemplate());
    try (Ec2Client ec2 = AwsClients.configure(Ec2Client.builder(), aws).build()) {
      LaunchTemplate copy =
          ec2.describeLaunchTemplates(r -> r.launchTemplateIds(greenGeneral.launchTemplate().id()))
              .launchTemplates()
              .get(0);
      Map<String, String> tags =
          copy.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
      assertEquals(upgrade, tags.get("bluegreen.dev/upgrade-id"));
      assertEquals("lt-green", tags.get("bluegreen.dev/cluster"));
      assertEquals("green", tags.get("bluegreen.dev/role"));
      assertEquals("payments", tags.get("team"), "blue template's own tags come along");
      var data =
          ec2.describeLaunchTemplateVersions(
                  r -> r.launchTemplateId(copy.launchTemplateId()).versions("$Default"))
              .launchTemplateVersions()
              .get(0)
              .launchTemplateData();
      assertEquals(List.of("sg-lt-nodes"), data.securityGroupIds());
      assertEquals("m6i.large", data.instanceTypeAsString());
      assertEquals("IyEvYmluL2Jhc2gKZWNobyBoZWxsbw==", data.userData());
      assertEquals(null, data.imageId());
    }
    // Green's nodes carry blue's node group: the database that admits only it admits green too.
    assertEquals(
        java.util.Optional.empty(),
        sim.connectFailure("lt-green", ProvisionerCloud.NODES_DB, 5432));
    assertEquals(
        List.of(), journal("AuthorizeSecurityGroupIngress", "sg-nodes-db"), "nothing to mirror");

    // Redelivered under a new command id (a restart): the copy is found by name, not made again.
    send(new ProvisionGreen(id(), upgrade, "lt-blue", "lt-green", "1.32"), GreenClusterReady.class);
    assertEquals(1, created("CreateLaunchTemplate", "bluegreen-lt-green-").size());

    GreenCleanedUp cleaned =
        send(new CleanUpGreen(id(), upgrade, "lt-blue", "lt-green"), GreenCleanedUp.class);
    assertTrue(
        cleaned.deleted().contains("launch-template/bluegreen-lt-green-general"),
        cleaned.deleted()::toString);
    try (Ec2Client ec2 = AwsClients.configure(Ec2Client.builder(), aws).build()) {
      assertEquals(
          1,
          ec2.describeLaunchTemplates(r -> r.launchTemplateNames("lt-blue-general"))
              .launchTemplates()
              .size(),
          "blue's template is the team's: left alone");
      assertEquals(
          List.of(),
          ec2.describeLaunchTemplates(
                  r ->
                      r.filters(
                          f -> f.name("launch-template-name").values("bluegreen-lt-green-general")))
              .launchTemplates(),
          "green's copy is deleted");
    }
    // Deleted after green's node group, never under it; blue's nodes stay admitted.
    assertEquals(
        List.of(),
        sim.journal().violations().stream()
            .filter(e -> e.operation().equals("DeleteLaunchTemplate"))
            .toList());
    assertTrue(sim.connectFailure("lt-blue", ProvisionerCloud.NODES_DB, 5432).isEmpty());
  }

  @Test
  void
      launchTemplateWithACustomAmi_failsPreflightNamingItAndWhatToDo_andProvisioningCreatesNothing() {
    Check c = assertFails("ltami-blue", "1.32", Preflight.LAUNCH_TEMPLATES_COPYABLE);
    assertTrue(c.reason().contains("ltami-blue-general"), c.reason());
    assertTrue(c.reason().contains("ami-0c0ffee0c0ffee000"), c.reason());
    assertTrue(c.reason().contains("without ImageId"), c.reason());

    String upgrade = upgradeId("ltami");
    PhaseFailed failed =
        send(
            new ProvisionGreen(id(), upgrade, "ltami-blue", "ltami-green", "1.32"),
            PhaseFailed.class);
    assertEquals("LaunchTemplateNotCopyable", failed.errorCode());
    assertFalse(failed.retryable(), "retrying cannot help until a person changes the template");
    assertEquals(java.util.Optional.empty(), sim.clusterStatus("ltami-green"));
    assertEquals(List.of(), journal("CreateLaunchTemplate", "bluegreen-ltami-green"));
  }

  private static List<SecurityGroupRule> rulesAdmitting(
      Ec2Client ec2, String groupId, String admitted) {
    return ec2
        .describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(groupId)))
        .securityGroupRules()
        .stream()
        .filter(
            r ->
                r.referencedGroupInfo() != null
                    && admitted.equals(r.referencedGroupInfo().groupId()))
        .toList();
  }

  // ------------------------------------------------------------------ helpers

  private static final String POLICY = "arn:aws:eks::aws:cluster-access-policy/";
  private static final String SRE = "arn:aws:iam::123456789012:role/sre";
  private static final String CI_DEPLOYER = "arn:aws:iam::123456789012:role/ci-deployer";

  /** An entry's policies as "name scope [namespaces]", namespaces sorted (EKS keeps no order). */
  private Set<String> accessPolicies(String cluster, String principal) {
    return eks
        .listAssociatedAccessPoliciesPaginator(r -> r.clusterName(cluster).principalArn(principal))
        .associatedAccessPolicies()
        .stream()
        .map(
            p ->
                p.policyArn().substring(POLICY.length())
                    + " "
                    + p.accessScope().typeAsString()
                    + " "
                    + p.accessScope().namespaces().stream().sorted().toList())
        .collect(Collectors.toSet());
  }

  /**
   * Endpoint access, control-plane logging, secrets encryption and the Kubernetes network as
   * DescribeCluster reports them: green's must be blue's.
   */
  private static void assertSameControlPlane(Cluster blue, Cluster green) {
    var b = blue.resourcesVpcConfig();
    var g = green.resourcesVpcConfig();
    assertEquals(b.endpointPublicAccess(), g.endpointPublicAccess(), "public endpoint");
    assertEquals(b.endpointPrivateAccess(), g.endpointPrivateAccess(), "private endpoint");
    assertEquals(b.publicAccessCidrs(), g.publicAccessCidrs(), "public access CIDRs");
    assertEquals(enabledLogTypes(blue), enabledLogTypes(green), "control-plane logs");
    assertEquals(blue.encryptionConfig(), green.encryptionConfig(), "secrets encryption");
    assertEquals(blue.kubernetesNetworkConfig(), green.kubernetesNetworkConfig(), "network");
    // Blue is not on EKS's defaults, so equal values mean they were copied, not defaulted.
    assertEquals(List.of("198.51.100.0/24", "203.0.113.0/24"), g.publicAccessCidrs());
    assertEquals(Set.of("api", "audit", "scheduler"), enabledLogTypes(green));
    assertEquals(1, green.encryptionConfig().size());
    assertEquals("10.100.0.0/16", green.kubernetesNetworkConfig().serviceIpv4Cidr());
  }

  private static Set<String> enabledLogTypes(Cluster c) {
    return c.logging().clusterLogging().stream()
        .filter(s -> Boolean.TRUE.equals(s.enabled()))
        .flatMap(s -> s.typesAsStrings().stream())
        .collect(Collectors.toSet());
  }

  private Check assertFails(String blue, String target, String checkName) {
    String upgrade = upgradeId("pf");
    PreflightCompleted done =
        send(
            new RunPreflight(id(), upgrade, blue, blue + "-green", target),
            PreflightCompleted.class);
    assertFalse(done.passed(), () -> "checks: " + done.checks());
    Check c = check(done, checkName);
    assertEquals(CheckResult.FAIL, c.result(), () -> c.reason() + " " + c.data());
    return c;
  }

  private static Check check(PreflightCompleted done, String name) {
    return done.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /** Publishes a command and awaits the fact answering it (or the failure, to show it). */
  private <T extends UpgradeEvent> T send(Command command, Class<T> answer) {
    probe.publish(CloudEvent.of("/orchestrator", command, Instant.now()));
    UpgradeEvent fact =
        probe
            .await(
                Topics.FACTS,
                UpgradeEvent.class,
                f ->
                    command.upgradeId().equals(f.upgradeId())
                        && f instanceof Fact answering
                        && !(f instanceof PhaseProgressed)
                        && answering.commandId().equals(command.commandId()),
                FACT_DEADLINE)
            .data();
    assertTrue(
        answer.isInstance(fact), () -> "expected a " + answer.getSimpleName() + " but got " + fact);
    return answer.cast(fact);
  }

  private <T extends UpgradeEvent> T await(Class<T> type, String upgrade, Predicate<T> matching) {
    return probe
        .await(
            Topics.FACTS,
            type,
            f -> upgrade.equals(f.upgradeId()) && matching.test(f),
            FACT_DEADLINE)
        .data();
  }

  private List<JournalEntry> journal(String operation, String resourcePrefix) {
    return sim.journal().entries(operation).stream()
        .filter(
            e ->
                e.resource() != null
                    && (e.resource().equals(resourcePrefix)
                        || e.resource().startsWith(resourcePrefix)))
        .toList();
  }

  private List<JournalEntry> created(String operation, String resourcePrefix) {
    return journal(operation, resourcePrefix).stream()
        .filter(e -> "created".equals(e.outcome()))
        .toList();
  }

  private static String upgradeId(String scenario) {
    return scenario + "-" + UUID.randomUUID();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
