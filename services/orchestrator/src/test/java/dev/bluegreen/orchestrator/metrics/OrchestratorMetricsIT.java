package dev.bluegreen.orchestrator.metrics;

import static dev.bluegreen.orchestrator.security.AsUser.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.PreflightCompleted;
import dev.bluegreen.contracts.events.RunPreflight;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import dev.bluegreen.testkit.MetricCatalog;
import dev.bluegreen.testkit.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's metrics move as upgrades move: driven through the real API and a real broker,
 * read the way Prometheus reads them, by scraping {@code /q/metrics} over HTTP.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class OrchestratorMetricsIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  private EventProbe probe;

  @BeforeEach
  void ready() {
    probe = new EventProbe(bootstrapServers);
    await().atMost(DEADLINE).untilAsserted(() -> given().get("/upgrades").then().statusCode(200));
  }

  @AfterEach
  void close() {
    probe.close();
  }

  @Test
  void anUpgradeLeavingPreflight_countsTheTransition_timesThePhase_andMovesTheStateGauge()
      throws Exception {
    PrometheusScrape before = PrometheusScrape.of(metrics);
    Map<String, String> preflightToProvisioning = Map.of("from", "PREFLIGHT", "to", "PROVISIONING");
    Map<String, String> preflightSucceeded = Map.of("phase", "PREFLIGHT", "outcome", "succeeded");
    double transitions = before.sum("bluegreen_transitions_total", preflightToProvisioning);
    double timed = before.sum("bluegreen_phase_duration_seconds_count", preflightSucceeded);

    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"cluster\":\"metrics-cluster\",\"targetVersion\":\"1.31\"}")
            .post("/upgrades")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    CloudEvent<RunPreflight> command =
        probe.await(Topics.PROVISIONER_COMMANDS, RunPreflight.class, c -> c.upgradeId().equals(id));
    probe.publish(
        CloudEvent.causedBy(
            command,
            "/test/provisioner",
            new PreflightCompleted(
                command.data().commandId(),
                id,
                "metrics-cluster",
                command.data().greenCluster(),
                true,
                List.of(new Check("version-skew", CheckResult.PASS, "ok", null))),
            Instant.now()));
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> given().get("/upgrades/" + id).then().body("state", equalTo("PROVISIONING")));

    PrometheusScrape.await(
        metrics,
        "bluegreen_transitions_total",
        preflightToProvisioning,
        n -> n == transitions + 1,
        DEADLINE);
    PrometheusScrape.await(
        metrics,
        "bluegreen_phase_duration_seconds_count",
        preflightSucceeded,
        n -> n == timed + 1,
        DEADLINE);
    PrometheusScrape after =
        PrometheusScrape.await(
            metrics, "bluegreen_upgrades", Map.of("state", "PROVISIONING"), n -> n >= 1, DEADLINE);
    // Every state is on the gauge, even those no upgrade is in.
    assertEquals(
        UpgradeState.values().length,
        after.samples().stream().filter(s -> s.name().equals("bluegreen_upgrades")).count());
    // Each series is catalogued with exactly its labels; no upgrade id or cluster name in them.
    MetricCatalog catalog = MetricCatalog.load();
    after.samples().stream()
        .filter(s -> s.name().startsWith("bluegreen_"))
        .forEach(
            s -> {
              assertEquals(catalog.labelsOf(s.name()), s.labels().keySet(), s.toString());
              assertFalse(
                  s.labels().containsValue(id) || s.labels().containsValue("metrics-cluster"),
                  "unbounded label on " + s);
            });
    Files.writeString(
        Path.of("target", "orchestrator-metrics-sample.txt"),
        given().accept("text/plain").get("/q/metrics").asString());
  }

  @Test
  void aPoisonPill_isCountedAsADeadLetterByReasonAndSourceTopic() {
    Map<String, String> unknownType =
        Map.of("reason", "UNKNOWN_TYPE", "source_topic", Topics.REQUESTS.name());
    double before = PrometheusScrape.of(metrics).sum("bluegreen_dead_letters_total", unknownType);
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_type", "dev.bluegreen.Nonsense.v1".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    probe.publishRaw(
        Topics.REQUESTS.name(), "poison-metrics", headers, "{]".getBytes(StandardCharsets.UTF_8));

    PrometheusScrape.await(
        metrics, "bluegreen_dead_letters_total", unknownType, n -> n == before + 1, DEADLINE);
  }

  @Test
  void consumerLag_ofTheStreamsConsumers_isExported() {
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                PrometheusScrape.of(metrics).names().stream()
                    .anyMatch(n -> n.equals("kafka_consumer_fetch_manager_records_lag_max")));
  }
}
