package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What goes wrong and what people do about it, end to end: a provisioning failure, a cancel before
 * traffic moves, a manual rollback while blue is kept. Each leaves traffic 100% on blue, blue's
 * CronJobs running on blue, and nothing of green behind (invariant 6). One platform serves all
 * scenarios; each upgrades its own cluster of the demo fleet.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureAndControlIT {

  private static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED");
  private static final Duration WITHIN = Duration.ofMinutes(4);

  private SimulatedCloud cloud;
  private Platform platform;
  private UpgradeApi api;

  @BeforeAll
  void startPlatform(KafkaBroker broker) {
    cloud = new SimulatedCloud();
    platform = Platform.start(broker, cloud.serviceSettings());
    api = new UpgradeApi(platform.service("orchestrator").baseUri());
  }

  @AfterAll
  void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void provisioningFailure_endsFailed_withNothingOrphaned_andTrafficUntouched() {
    String blue = "identity-003";
    Blue before = Blue.of(cloud, blue);
    cloud
        .sim
        .faults()
        .add(Fault.failNext("eks", "CreateNodegroup", "ResourceLimitExceededException", 1));

    String id = api.requestUpgrade(body(blue, "1.33", "PT1M"));
    JsonNode done = api.awaitState(id, TERMINAL, true, WITHIN);

    assertEquals("FAILED", done.path("state").asText(), done.toString());
    assertTrue(done.path("lastError").asText().contains("ResourceLimitExceeded"), done.toString());
    before.assertUntouched(cloud, done.path("greenCluster").asText());
  }

  @Test
  void cancelBeforeTrafficMoves_endsCancelled_andRemovesGreen() {
    String blue = "identity-012";
    Blue before = Blue.of(cloud, blue);

    String id = api.requestUpgrade(body(blue, "1.33", "PT1M"));
    api.awaitState(id, Set.of("AWAITING_SHIFT_APPROVAL"), false, WITHIN);
    assertEquals(
        202, api.post("/upgrades/" + id + "/cancel", "{\"reason\":\"change freeze\"}").status());
    JsonNode done = api.awaitState(id, TERMINAL, false, WITHIN);

    assertEquals("CANCELLED", done.path("state").asText(), done.toString());
    before.assertUntouched(cloud, done.path("greenCluster").asText());
  }

  @Test
  void manualRollbackWhileBlueIsKept_sendsEverythingBackToBlue_andRemovesGreen() {
    String blue = "search-011";
    Blue before = Blue.of(cloud, blue);

    String id = api.requestUpgrade(body(blue, "1.33", "PT30M"));
    JsonNode soaking = api.awaitState(id, Set.of("SOAKING"), true, WITHIN);
    String green = soaking.path("greenCluster").asText();
    assertEquals(before.cronJobs, cloud.activeCronJobs(green), "CronJobs were handed to green");
    assertEquals(
        202,
        api.post("/upgrades/" + id + "/rollback", "{\"reason\":\"latency regression\"}").status());
    JsonNode done = api.awaitState(id, TERMINAL, false, WITHIN);

    assertEquals("ROLLED_BACK", done.path("state").asText(), done.toString());
    before.assertUntouched(cloud, green);
  }

  private static String body(String cluster, String target, String retention) {
    return """
        {"cluster":"%s","targetVersion":"%s","retention":"%s",
         "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}]}
        """
        .formatted(cluster, target, retention);
  }

  /** What blue looked like before the upgrade, and the check that it looks so again. */
  private record Blue(
      String name, String ruleArn, Map<String, Integer> weights, List<String> cronJobs) {

    static Blue of(SimulatedCloud cloud, String name) {
      String rule = cloud.sim.ruleArnOf(name).orElseThrow();
      return new Blue(name, rule, cloud.ruleWeights(rule), cloud.activeCronJobs(name));
    }

    void assertUntouched(SimulatedCloud cloud, String green) {
      assertEquals(weights, cloud.ruleWeights(ruleArn), "traffic is 100% on blue, as before");
      assertEquals(cronJobs, cloud.activeCronJobs(name), "blue's CronJobs run on blue");
      assertTrue(cloud.sim.isActive(name), "blue is ACTIVE");
      assertTrue(cloud.sim.clusterStatus(green).isEmpty(), "green's cluster is gone");
      assertTrue(cloud.sim.targetGroupArnOf(green).isEmpty(), "green's target group is gone");
      assertEquals(List.of(), cloud.sim.journal().violations(), "no invariant violated");
      assertEquals(List.of(), cloud.sim.journal().duplicateCreations(), "nothing created twice");
    }
  }
}
