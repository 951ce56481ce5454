package dev.bluegreen.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsConfig;
import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.InjectCloudSim;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The {@code shared-resources} smoke check against cloud-sim ({@link DeployerCloud}'s {@code db}
 * pair): a database whose security group admits only blue's cluster security group is out of
 * green's reach until green's group is admitted too (what the provisioner's mirroring does), and
 * the check says so from a pod on green.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.deployer.DeployerCloud"))
@QuarkusTestResource(value = SharedResourcesIT.WithEndpoints.class, restrictToAnnotatedClass = true)
class SharedResourcesIT {

  static final String DB = DeployerCloud.ORDERS_DB;

  /** The check's configuration, for this class only (as {@link HttpProbesIT}'s probes). */
  public static final class WithEndpoints implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return Map.of("bluegreen.deployer.shared-resources.endpoints", DB + ":5432");
    }

    @Override
    public void stop() {}
  }

  private static final Duration FACT_DEADLINE = Duration.ofSeconds(40);

  @InjectCloudSim CloudSim sim;

  @Inject AwsConfig aws;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private EventProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrapServers);
  }

  @AfterEach
  void close() {
    probe.close();
  }

  @Test
  void sharedResources_failsWhileOnlyBlueIsAdmitted_andPassesOnceGreensGroupIsAdmitted() {
    try (KubernetesClient green = DeployerIT.kubernetes(sim, "db-green")) {
      DeployerIT.runAddOns(green);
    }

    Check before = sharedResourcesCheck();
    assertEquals(CheckResult.FAIL, before.result(), before.reason());
    assertTrue(before.reason().contains(DB + ":5432"), before.reason());
    assertEquals(List.of(DB + ":5432"), before.data().get("endpoints"));

    // What the provisioner does for green: the same permission, from green's group.
    String greenSg = sim.clusterSecurityGroupOf("db-green").orElseThrow();
    try (Ec2Client ec2 = AwsClients.configure(Ec2Client.builder(), aws).build()) {
      ec2.authorizeSecurityGroupIngress(
          r ->
              r.groupId("sg-orders-db")
                  .ipPermissions(
                      p ->
                          p.ipProtocol("tcp")
                              .fromPort(5432)
                              .toPort(5432)
                              .userIdGroupPairs(g -> g.groupId(greenSg))));
    }

    Check after = sharedResourcesCheck();
    assertEquals(CheckResult.PASS, after.result(), after.reason());
    assertEquals(List.of(), after.data().get("unreachable"));
    assertFalse(
        sim.journal().entries().stream()
            .filter(e -> e.operation().equals("POST jobs"))
            .noneMatch(e -> e.resource().startsWith("db-green/default/bluegreen-conn-")),
        "the connection ran as a Job on green");
  }

  private Check sharedResourcesCheck() {
    VerifyGreen cmd =
        new VerifyGreen(
            UUID.randomUUID().toString(), UUID.randomUUID().toString(), "db-blue", "db-green");
    probe.publish(CloudEvent.of("test", cmd, Instant.now()));
    SmokeTestsCompleted done =
        probe
            .await(
                Topics.FACTS,
                SmokeTestsCompleted.class,
                f -> f.commandId().equals(cmd.commandId()),
                FACT_DEADLINE)
            .data();
    return done.checks().stream()
        .filter(c -> c.name().equals("shared-resources"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no shared-resources check in " + done.checks()));
  }
}
