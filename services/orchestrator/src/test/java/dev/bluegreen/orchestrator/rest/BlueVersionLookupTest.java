package dev.bluegreen.orchestrator.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The version rules against blue's real version, read with EKS DescribeCluster from cloud-sim's
 * demo fleet (payments-001 and search-002 run 1.32).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    restrictToAnnotatedClass = true,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.orchestrator.rest.OrchestratorCloud"))
class BlueVersionLookupTest {

  @BeforeEach
  void streamsRunning() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get("/upgrades").then().statusCode(200));
  }

  private static Response post(String cluster, String version) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"cluster\":\"" + cluster + "\",\"targetVersion\":\"" + version + "\"}")
        .post("/upgrades");
  }

  @Test
  void nextMinorOfBlue_isAccepted_andRecordsBluesVersion() {
    String id = post("payments-001", "1.33").then().statusCode(202).extract().path("id");
    given().get("/upgrades/" + id).then().statusCode(200).body("currentVersion", equalTo("1.32"));
  }

  @Test
  void downgrade_is422() {
    // payments-004 runs 1.33; 1.32 is still supported by EKS (1.31 no longer is: unknown).
    post("payments-004", "1.32")
        .then()
        .statusCode(422)
        .body("field", equalTo("targetVersion"))
        .body("detail", containsString("downgrade"));
  }

  @Test
  void versionBlueIsAlreadyOn_is422() {
    post("search-002", "1.32").then().statusCode(422).body("detail", containsString("already on"));
  }

  @Test
  void skippingAMinorVersion_is422() {
    post("search-002", "1.34").then().statusCode(422).body("detail", containsString("skips"));
  }

  @Test
  void clusterEksDoesNotKnow_is422OnCluster() {
    post("no-such-cluster", "1.33")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("field", equalTo("cluster"));
  }
}
