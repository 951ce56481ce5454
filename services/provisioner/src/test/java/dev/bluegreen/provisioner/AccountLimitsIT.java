package dev.bluegreen.provisioner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.provisioner.core.Preflight;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
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
 * The account-limits check end to end: the quota is configuration (Service Quotas in production,
 * which cloud-sim does not serve), the use is what {@code ListClusters} reports.
 */
@QuarkusTest
@TestProfile(AccountLimitsIT.QuotaOfThreeClusters.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(CloudSimTestResource.class)
class AccountLimitsIT {

  /** A region whose cluster quota the test fleet already exceeds. */
  public static final class QuotaOfThreeClusters implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("bluegreen.provisioner.quotas.clusters-per-region", "3");
    }
  }

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
}
