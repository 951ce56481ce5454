package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.issuer.DemoUsers;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform as its users meet it: the orchestrator (a child JVM) accepts only tokens of the
 * platform's issuer (in the test's JVM, its JWKS over HTTP), a team operates only its own clusters
 * (the demo fleet's {@code team} tag), and the audit log names the token's subject.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ApiSecurityIT {

  @Test
  void onlyTokensOfTheIssuer_onlyTheTeamsClusters_andTheAuditNamesTheSubject(KafkaBroker broker)
      throws Exception {
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      // No token: 401 problem+json saying so.
      HttpResponse<String> anonymous =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          platform.service("orchestrator").baseUri().resolve("/upgrades"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(401, anonymous.statusCode(), anonymous.body());
      assertEquals(
          "application/problem+json",
          anonymous.headers().firstValue("Content-Type").orElse(""),
          anonymous.body());
      assertTrue(anonymous.body().contains("no bearer token"), anonymous.body());

      // paul operates payments' clusters, not search's.
      UpgradeApi.Answer paul =
          platform
              .api()
              .as(DemoUsers.PAUL)
              .post("/upgrades", "{\"cluster\":\"search-002\",\"targetVersion\":\"1.33\"}");
      assertEquals(403, paul.status(), String.valueOf(paul.body()));
      assertTrue(
          paul.body().path("detail").asText().contains("owned by team search"),
          String.valueOf(paul.body()));

      // sam operates search's: the upgrade is his, in the audit log too, and he cancels it.
      UpgradeApi sam = platform.api().as(DemoUsers.SAM);
      String id = sam.requestUpgrade("{\"cluster\":\"search-002\",\"targetVersion\":\"1.33\"}");
      assertEquals("sam", sam.upgrade(id).path("requestedBy").asText());
      sam.control(id, "cancel", "security test");
      sam.awaitState(id, Set.of("CANCELLED"), false, Duration.ofSeconds(120));
      List<JsonNode> trail = sam.auditTrail(id);
      assertTrue(
          trail.stream().anyMatch(l -> "sam".equals(l.path("data").path("actor").asText())),
          "sam is in the audit trail: " + trail);

      // Another team's reader does not see it; a platform viewer does.
      assertEquals(403, platform.api().as(DemoUsers.PAUL).get("/upgrades/" + id).status());
      assertEquals(200, platform.api().as(DemoUsers.VIC).get("/upgrades/" + id).status());
    }
  }
}
