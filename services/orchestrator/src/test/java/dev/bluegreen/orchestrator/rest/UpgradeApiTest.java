package dev.bluegreen.orchestrator.rest;

import static dev.bluegreen.orchestrator.security.AsUser.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API against the real application and a real in-process broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class UpgradeApiTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static EventProbe probe;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @BeforeEach
  void probe() {
    if (probe == null) {
      probe = new EventProbe(bootstrapServers);
    }
    // Stores are queryable once Kafka Streams runs; until then reads answer 503.
    await().atMost(DEADLINE).untilAsserted(() -> given().get("/upgrades").then().statusCode(200));
  }

  @AfterAll
  static void closeProbe() {
    if (probe != null) {
      probe.close();
      probe = null;
    }
  }

  private static String body(String cluster) {
    return "{\"cluster\":\"" + cluster + "\",\"targetVersion\":\"1.31\"}";
  }

  private static Response post(String json) {
    return given().contentType(ContentType.JSON).body(json).when().post("/upgrades");
  }

  private static void awaitState(String id, String state) {
    awaitUpgrade(id, "state", equalTo(state));
  }

  /** Waits until the upgrade, as {@code GET /upgrades/{id}} answers, has {@code path} matching. */
  private static void awaitUpgrade(String id, String path, Matcher<?> matcher) {
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> given().get("/upgrades/" + id).then().statusCode(200).body(path, matcher));
  }

  // ----------------------------------------------------------------- the flow

  @Test
  void post_sendsRunPreflightToTheProvisioner_andAFactFedBackAdvancesTheState() {
    Response accepted = post(body("flow-cluster"));
    accepted
        .then()
        .statusCode(202)
        .header("Location", containsString("/upgrades/"))
        .body("id", notNullValue())
        .body("state", equalTo("PREFLIGHT"));
    String id = accepted.jsonPath().getString("id");

    CloudEvent<RunPreflight> command =
        probe.await(Topics.PROVISIONER_COMMANDS, RunPreflight.class, c -> c.upgradeId().equals(id));
    assertEquals(id + ":1:RunPreflight", command.data().commandId());
    assertEquals("1.31", command.data().targetVersion());

    probe.publish(
        CloudEvent.causedBy(
            command,
            "/test/provisioner",
            new PreflightCompleted(
                command.data().commandId(),
                id,
                "flow-cluster",
                command.data().greenCluster(),
                true,
                List.of(new Check("version-skew", CheckResult.PASS, "ok", null))),
            Instant.now()));

    awaitState(id, "PROVISIONING");
    given()
        .get("/upgrades/" + id + "/events")
        .then()
        .statusCode(200)
        .body("size()", greaterThanOrEqualTo(2))
        .body("data.to", hasItem("PROVISIONING"));
    given()
        .get("/upgrades/" + id + "/timeline")
        .then()
        .statusCode(200)
        .contentType(containsString("text/markdown"))
        .body(containsString("## Upgrade `" + id + "` of `flow-cluster`"))
        .body(containsString("PREFLIGHT → PROVISIONING"));
    given()
        .queryParam("format", "html")
        .get("/upgrades/" + id + "/timeline")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<svg"));
    given()
        .queryParam("format", "pdf")
        .get("/upgrades/" + id + "/timeline")
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"))
        .body("field", equalTo("format"));
    given()
        .queryParam("cluster", "flow-cluster")
        .queryParam("state", "provisioning")
        .get("/upgrades")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
  }

  @Test
  void twentyParallelPosts_forOneCluster_acceptExactlyOne_andRefuseTheRestWith409()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<Integer>> posts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        posts.add(() -> post(body("race-cluster")).statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(posts)) {
        statuses.add(f.get());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
      assertEquals(19, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        1,
        given()
            .queryParam("cluster", "race-cluster")
            .get("/upgrades")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id")
            .size());
  }

  @Test
  void secondPost_whileActive_is409NamingTheActiveUpgrade() {
    String first = post(body("busy-cluster")).then().statusCode(202).extract().path("id");
    post(body("busy-cluster"))
        .then()
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("activeUpgradeId", equalTo(first))
        .body("field", equalTo("cluster"));
  }

  @Test
  void controlThatMakesNoSense_is409WithTheReason_andASensibleOneIs202() {
    String id = post(body("control-cluster")).then().statusCode(202).extract().path("id");
    given()
        .post("/upgrades/" + id + "/approve")
        .then()
        .statusCode(409)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("nothing awaits approval"))
        .body("state", equalTo("PREFLIGHT"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"maintenance window\"}")
        .post("/upgrades/" + id + "/pause")
        .then()
        .statusCode(202)
        .body("state", equalTo("PAUSED"));
    given()
        .post("/upgrades/" + id + "/rollback")
        .then()
        .statusCode(409)
        .body("detail", containsString("cancel"));
    given()
        .post("/upgrades/" + id + "/cancel")
        .then()
        .statusCode(202)
        .body("state", equalTo("CANCELLED"));
  }

  @Test
  void dryRun_answersWithThePlan_runsThePreflight_andIsNotListedAsAnUpgrade() {
    Response plan =
        post("{\"cluster\":\"dry-cluster\",\"targetVersion\":\"1.31\",\"dryRun\":true}");
    plan.then()
        .statusCode(200)
        .body("phases.state", hasItem("PROVISIONING"))
        .body(
            "phases.find { it.state == 'DECOMMISSIONING' }.deletes",
            hasItem(containsString("dry-cluster")))
        .body("greenCluster", containsString("dry-cluster-g"));
    String id = plan.jsonPath().getString("upgradeId");
    // The real pre-flight runs (no provisioner answers in this test, so it stays there).
    awaitState(id, "PREFLIGHT");
    // A dry run occupies nothing: a real upgrade may start right after.
    post(body("dry-cluster")).then().statusCode(202);
    given()
        .get("/upgrades?cluster=dry-cluster")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(id)))
        .body("id", hasItem(notNullValue()));
    given()
        .get("/upgrades?cluster=dry-cluster&dryRun=true")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
  }

  @Test
  void poisonPillOnTheFactsTopic_goesToDeadLetter_andTheAppKeepsGoing() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_type", "dev.bluegreen.Nonsense.v1".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    probe.publishRaw(
        Topics.FACTS.name(), "poison-cluster", headers, "{]".getBytes(StandardCharsets.UTF_8));

    ConsumerRecord<String, byte[]> dead =
        probe.awaitRecord(
            Topics.DEAD_LETTER.name(),
            r -> "poison-cluster".equals(r.key()),
            "the poison pill on the dead-letter topic",
            DEADLINE);
    assertEquals("UNKNOWN_TYPE", CloudEventCodec.header(dead.headers(), DeadLetters.PROBLEM));
    assertEquals(
        Topics.FACTS.name(), CloudEventCodec.header(dead.headers(), DeadLetters.SOURCE_TOPIC));
    assertEquals(
        "bluegreen-orchestrator", CloudEventCodec.header(dead.headers(), DeadLetters.CONSUMER));

    post(body("poison-cluster")).then().statusCode(202);
  }

  // ------------------------------------------------------------ client mistakes

  @Test
  void unknownField_is400NamingIt() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"1.31\",\"colour\":\"blue\"}")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("status", equalTo(400))
        .body("type", notNullValue())
        .body("title", notNullValue())
        .body("detail", containsString("colour"));
  }

  @Test
  void malformedJson_is400() {
    post("{\"cluster\":").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void clusterNameLongerThanEksAllows_isRefusedUpFront() {
    // 100 characters is the longest EKS cluster name, so the longest a blue can have; every name
    // the platform derives from it stays within AWS's limits (PhysicalNamesTest).
    String longest = "c".repeat(100);
    post(body(longest)).then().statusCode(202).body("greenCluster", hasLength(63));
    post(body(longest + "c"))
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("field", equalTo("cluster"));
  }

  @Test
  void missingCluster_is400NamingTheField() {
    post("{\"targetVersion\":\"1.31\"}").then().statusCode(400).body("field", equalTo("cluster"));
  }

  @Test
  void malformedVersion_is400OnTargetVersion() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"latest\"}")
        .then()
        .statusCode(400)
        .body("field", equalTo("targetVersion"));
  }

  @Test
  void unknownVersion_is422() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"1.99\"}")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("field", equalTo("targetVersion"));
  }

  @Test
  void stepsNotEndingAt100_are422() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"1.31\",\"steps\":[{\"type\":\"setWeight\",\"weight\":10}]}")
        .then()
        .statusCode(422)
        .body("field", equalTo("steps"));
  }

  @Test
  void weightOutOfRange_is422NamingTheStep() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"1.31\",\"steps\":[{\"type\":\"setWeight\",\"weight\":150}]}")
        .then()
        .statusCode(422)
        .body("field", equalTo("steps[0].weight"));
  }

  @Test
  void unknownStepType_is400() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"1.31\",\"steps\":[{\"type\":\"jump\"}]}")
        .then()
        .statusCode(400)
        .body("field", equalTo("steps[0].type"));
  }

  @Test
  void negativeRetention_is422() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"1.31\",\"retention\":\"-PT1H\"}")
        .then()
        .statusCode(422)
        .body("field", equalTo("retention"));
  }

  @Test
  void malformedDuration_is400() {
    post("{\"cluster\":\"c1\",\"targetVersion\":\"1.31\",\"bakeTime\":\"ten minutes\"}")
        .then()
        .statusCode(400)
        .body("field", equalTo("bakeTime"));
  }

  @Test
  void unknownUpgrade_is404Problem() {
    given().get("/upgrades/nope").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    given().post("/upgrades/nope/approve").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void unknownStateFilter_is400() {
    given()
        .queryParam("state", "SLEEPING")
        .get("/upgrades")
        .then()
        .statusCode(400)
        .body("field", equalTo("state"));
  }

  @Test
  void readiness_includesKafkaStreams() {
    given().get("/q/health/ready").then().statusCode(200).body(containsString("Kafka Streams"));
  }

  @Test
  void openApi_documentsTheUpgradesApi() {
    given().get("/q/openapi").then().statusCode(200).body(containsString("/upgrades/{id}/events"));
  }

  // ----------------------------------------------------------------- fleet freezes

  private static Response putFreeze(String id, String json) {
    return given().contentType(ContentType.JSON).body(json).when().put("/freezes/" + id);
  }

  @Test
  void aFleetFreeze_isDeclaredListedToldToRunningUpgradesAndLifted() {
    String upgradeId = post(body("freeze-cluster")).then().statusCode(202).extract().path("id");
    String to = Instant.now().plus(Duration.ofDays(2)).toString();
    String json = "{\"to\":\"" + to + "\",\"reason\":\"payments incident\"}";

    putFreeze("inc-42", json)
        .then()
        .statusCode(201)
        .body("freezeId", equalTo("inc-42"))
        .body("standing", equalTo("IN_EFFECT"))
        .body("declaredBy", equalTo("alice"));
    CloudEvent<FleetFreeze> recorded =
        probe.await(Topics.FLEET_FREEZES, FleetFreeze.class, f -> f.freezeId().equals("inc-42"));
    assertEquals("payments incident", recorded.data().reason());
    assertEquals("inc-42", recorded.subject());
    putFreeze("inc-42", json).then().statusCode(200).body("standing", equalTo("IN_EFFECT"));
    given().get("/freezes").then().statusCode(200).body("freezeId", hasItem("inc-42"));
    awaitUpgrade(upgradeId, "fleetFreezes.reason", hasItem(containsString("payments incident")));

    given().delete("/freezes/inc-42").then().statusCode(200).body("standing", equalTo("LIFTED"));
    given().get("/freezes").then().statusCode(200).body("freezeId", not(hasItem("inc-42")));
    given().get("/freezes?all=true").then().body("freezeId", hasItem("inc-42"));
    given().delete("/freezes/inc-42").then().statusCode(200).body("liftedBy", equalTo("alice"));
    awaitUpgrade(upgradeId, "fleetFreezes.size()", equalTo(0));
  }

  @Test
  void aFreezeAskedWrongly_isAProblemSayingWhy_andNothingIsRecorded() {
    String to = Instant.now().plus(Duration.ofDays(1)).toString();
    putFreeze("Not_An_Id", "{\"to\":\"" + to + "\"}")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("lowercase"));
    putFreeze("no-end", "{\"reason\":\"x\"}")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("field", equalTo("to"));
    putFreeze("backwards", "{\"from\":\"" + to + "\",\"to\":\"2026-01-01T00:00:00Z\"}")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("must be after"));
    putFreeze("unknown-field", "{\"to\":\"" + to + "\",\"until\":\"tomorrow\"}")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE);
    given()
        .delete("/freezes/never-declared")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE);
    given()
        .get("/freezes?all=true")
        .then()
        .statusCode(200)
        .body("freezeId", not(hasItem("backwards")));
  }
}
