package dev.bluegreen.provisioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.ProvisionGreen;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.provisioner.core.Preflight;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.InjectCloudSim;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Behaviours that need other settings than {@link ProvisionerIT}'s: the account-limits check end to
 * end (the quota is configuration, as cloud-sim serves no Service Quotas; the use is what {@code
 * ListClusters} reports), and the wait deadline.
 */
@QuarkusTest
@TestProfile(TightAccountIT.TightAccount.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.provisioner.ProvisionerCloud"))
class TightAccountIT {

  /** A cluster quota the test fleet already exceeds, and a short wait for clusters. */
  public static final class TightAccount implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "bluegreen.provisioner.quotas.clusters-per-region", "3",
          "bluegreen.provisioner.waits.cluster", "PT2S");
    }
  }

  @InjectCloudSim CloudSim sim;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void preflight_noRoomForAnotherCluster_fails() {
    String upgrade = "quota-" + UUID.randomUUID();
    try (EventProbe probe = new EventProbe(bootstrapServers)) {
      probe.publish(
          CloudEvent.of(
              "/orchestrator",
              new RunPreflight(
                  UUID.randomUUID().toString(), upgrade, "happy-blue", "quota-green", "1.32"),
              Instant.now()));
      PreflightCompleted done =
          probe
              .await(
                  Topics.FACTS,
                  PreflightCompleted.class,
                  f -> upgrade.equals(f.upgradeId()),
                  Duration.ofSeconds(60))
              .data();

      assertFalse(done.passed());
      Check limits =
          done.checks().stream()
              .filter(c -> c.name().equals(Preflight.ACCOUNT_LIMITS))
              .findFirst()
              .orElseThrow();
      assertEquals(CheckResult.FAIL, limits.result(), limits.reason());
      assertEquals(3, limits.data().get("clusterQuota"));
      assertTrue(((Number) limits.data().get("clustersInRegion")).intValue() > 3, limits::toString);
    }
  }

  @Test
  void clusterStuckCreatingPastTheDeadline_failsThePhaseAsRetryable() {
    String upgrade = "deadline-" + UUID.randomUUID();
    sim.faults().add(Fault.stuck("deadline-green"));
    try (EventProbe probe = new EventProbe(bootstrapServers)) {
      probe.publish(
          CloudEvent.of(
              "/orchestrator",
              new ProvisionGreen(
                  UUID.randomUUID().toString(), upgrade, "happy-blue", "deadline-green", "1.32"),
              Instant.now()));
      PhaseFailed failed =
          probe
              .await(
                  Topics.FACTS,
                  PhaseFailed.class,
                  f -> upgrade.equals(f.upgradeId()),
                  Duration.ofSeconds(60))
              .data();

      assertEquals("WaitDeadlineExceeded", failed.errorCode());
      assertTrue(failed.retryable());
      assertEquals("CREATING", failed.evidence().get("status"));
    } finally {
      sim.faults().clear();
    }
  }
}
