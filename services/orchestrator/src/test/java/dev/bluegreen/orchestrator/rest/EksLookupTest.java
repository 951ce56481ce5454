package dev.bluegreen.orchestrator.rest;

import static dev.bluegreen.orchestrator.security.AsUser.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the API reads from EKS, against cloud-sim's demo fleet (12 clusters, 3 teams, 1.32-1.34;
 * payments-001 and search-002 run 1.32) and its version catalog (1.35 in standard support): the
 * version rules against blue's real version, the supported versions, and the fleet inventory.
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
class EksLookupTest {

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

  @Test
  void everyDemoClusterIsAdoptedAsGenerationOne_withTeamAndDeadlines() {
    given()
        .get("/clusters")
        .then()
        .statusCode(200)
        .body("", hasSize(12))
        .body("generation", everyItem(equalTo(1)))
        .body("team", everyItem(notNullValue()))
        .body("endOfStandardSupport", everyItem(notNullValue()));
    given()
        .get("/clusters/search-002")
        .then()
        .statusCode(200)
        .body("servingCluster", equalTo("search-002"))
        .body("version", equalTo("1.32"))
        .body("team", equalTo("search"))
        .body("nextVersion", equalTo("1.33"));
  }

  @Test
  void filtersByTeamAndVersion_andSortsByDeadline() {
    given()
        .get("/clusters?team=search")
        .then()
        .statusCode(200)
        .body("team", everyItem(equalTo("search")))
        .body("", hasSize(4));
    given()
        .get("/clusters?version=1.34")
        .then()
        .statusCode(200)
        .body("version", everyItem(equalTo("1.34")));
    List<String> deadlines =
        given()
            .get("/clusters?sort=deadline")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("endOfStandardSupport", String.class);
    assertSorted(deadlines);
  }

  @Test
  void badFilterOrUnknownCluster_isAProblem() {
    given()
        .get("/clusters?support=sometimes")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("field", equalTo("support"));
    given().get("/clusters/no-such").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void aVersionEksSupports_isAcceptedWithoutConfiguringIt() {
    // search-008 runs 1.34; the catalog has 1.35 in standard support, which no setting lists.
    given()
        .contentType(ContentType.JSON)
        .body("{\"cluster\":\"search-008\",\"targetVersion\":\"1.35\",\"dryRun\":true}")
        .post("/upgrades")
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body("{\"cluster\":\"search-008\",\"targetVersion\":\"1.36\",\"dryRun\":true}")
        .post("/upgrades")
        .then()
        .statusCode(422)
        .body("detail", containsString("1.36"));
  }

  private static void assertSorted(List<String> values) {
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i - 1).compareTo(values.get(i)) > 0) {
        throw new AssertionError("not sorted: " + values);
      }
    }
  }
}
