package dev.bluegreen.orchestrator.health;

import static dev.bluegreen.orchestrator.security.AsUser.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.InjectKafkaBroker;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator is ready only while its Streams app is RUNNING and the broker answers:
 * /q/health/ready goes DOWN (503) when the broker stops and UP again when it returns; liveness
 * stays UP throughout (a broker outage is no reason to restart the pod).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class OrchestratorReadinessIT {

  @InjectKafkaBroker KafkaBroker broker;

  @Test
  void readiness_followsTheBroker_andLivenessStaysUp() {
    awaitStatus("/q/health/ready", 200, "ready once Streams runs");
    assertEquals(
        "RUNNING",
        given()
            .get("/q/health/ready")
            .then()
            .extract()
            .path("checks.find { it.name == 'orchestrator-streams' }.data.state"));
    broker.stopBroker();
    try {
      awaitStatus("/q/health/ready", 503, "not ready while the broker is stopped");
      assertEquals(200, given().get("/q/health/live").statusCode(), "alive during the outage");
    } finally {
      broker.restartBroker();
    }
    awaitStatus("/q/health/ready", 200, "ready again after the broker returned");
  }

  private static void awaitStatus(String path, int status, String what) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(120));
    while (true) {
      Response response = given().get(path);
      if (response.statusCode() == status) {
        return;
      }
      if (deadline.passed()) {
        assertEquals(status, response.statusCode(), what + ": " + response.asString());
      }
      deadline.pause();
    }
  }
}
