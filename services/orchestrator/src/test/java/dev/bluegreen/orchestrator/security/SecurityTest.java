package dev.bluegreen.orchestrator.security;

import static dev.bluegreen.orchestrator.security.AsUser.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.AccessDenied;
import dev.bluegreen.issuer.DemoUsers;
import dev.bluegreen.issuer.SigningKey;
import dev.bluegreen.issuer.TokenSigner;
import dev.bluegreen.orchestrator.rest.Problem;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who is calling and what they may do, over real HTTP with real tokens signed by a real issuer
 * (libs/issuer, its JWKS served over HTTP), against cloud-sim's demo fleet whose clusters carry a
 * {@code team} tag. Demo users: alice (platform admin), paul (payments operator), petra (payments
 * approver), sam (search operator and approver), vic (platform viewer).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(IssuerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    restrictToAnnotatedClass = true,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.orchestrator.security.SecuredCloud"))
class SecurityTest {

  @BeforeEach
  void streamsRunning() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get("/upgrades").then().statusCode(200));
  }

  private static ValidatableResponse unauthenticated(Response r, String why) {
    return r.then()
        .statusCode(401)
        .contentType(Problem.MEDIA_TYPE)
        .body("status", equalTo(401))
        .body("detail", containsString(why));
  }

  private static Response request(RequestSpecification as, String json) {
    return as.contentType(ContentType.JSON).body(json).post("/upgrades");
  }

  // ----------------------------------------------------------------- who is calling: 401

  @Test
  void noToken_is401ProblemSayingSo() {
    unauthenticated(RestAssured.given().get("/upgrades"), "no bearer token");
    unauthenticated(
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/upgrades"),
        "no bearer token");
  }

  @Test
  void expiredToken_is401() {
    String token =
        AsUser.signer()
            .sign(
                AsUser.spec(DemoUsers.ALICE)
                    .issued(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));
    unauthenticated(AsUser.withToken(token).get("/upgrades"), "expired");
  }

  @Test
  void tokenFromAnotherIssuer_is401() {
    String token =
        AsUser.signer().sign(AsUser.spec(DemoUsers.ALICE).withIssuer("https://idp.evil.example"));
    unauthenticated(AsUser.withToken(token).get("/upgrades"), "another issuer");
  }

  @Test
  void tokenForAnotherAudience_is401() {
    String token = AsUser.signer().sign(AsUser.spec(DemoUsers.ALICE).withAudience("billing-api"));
    unauthenticated(AsUser.withToken(token).get("/upgrades"), "another audience");
  }

  @Test
  void tokenSignedByAnotherKey_is401() {
    String token = new TokenSigner(SigningKey.generate()).sign(AsUser.spec(DemoUsers.ALICE));
    unauthenticated(AsUser.withToken(token).get("/upgrades"), "signature");
  }

  @Test
  void unsignedTokenWithAlgNone_is401() {
    String token = AsUser.signer().unsigned(AsUser.spec(DemoUsers.ALICE));
    unauthenticated(AsUser.withToken(token).get("/upgrades"), "not signed");
  }

  @Test
  void garbageToken_is401() {
    unauthenticated(AsUser.withToken("not-a-jwt").get("/upgrades"), "could not be verified");
  }

  @Test
  void healthMetricsAndOpenApi_needNoToken() {
    RestAssured.given().get("/q/health/live").then().statusCode(200);
    RestAssured.given().get("/q/metrics").then().statusCode(200);
    RestAssured.given().get("/q/openapi").then().statusCode(200);
  }

  // ------------------------------------------------------------- the console's sign-in

  @Test
  void consoleConfig_needsNoToken_andNamesTheIssuerAndThePublicClient() {
    RestAssured.given()
        .get("/console/config.json")
        .then()
        .statusCode(200)
        .body("issuer", equalTo(AsUser.issuerUrl()))
        .body("clientId", equalTo("bluegreen-console"))
        .body("scope", equalTo("openid"));
  }

  @Test
  void me_answersWhoTheCallerIsAndTheirRoles_fromTheirToken() {
    given(DemoUsers.ALICE)
        .get("/me")
        .then()
        .statusCode(200)
        .body("actor", equalTo("alice"))
        .body("platformAdmin", equalTo(true))
        .body("platformViewer", equalTo(true));
    given(DemoUsers.VIC)
        .get("/me")
        .then()
        .statusCode(200)
        .body("actor", equalTo("vic"))
        .body("platformAdmin", equalTo(false))
        .body("platformViewer", equalTo(true))
        .body("teams.size()", equalTo(0));
    given(DemoUsers.SAM)
        .get("/me")
        .then()
        .statusCode(200)
        .body("actor", equalTo("sam"))
        .body("platformAdmin", equalTo(false))
        .body("platformViewer", equalTo(false))
        .body("teams.search", equalTo(List.of("operator", "approver")))
        .body("teams.size()", equalTo(1));
    given(DemoUsers.PETRA).get("/me").then().body("teams.payments", equalTo(List.of("approver")));
    // Any group pattern of the configuration: a viewer of a team reads, nothing more.
    given("tess", List.of("team-identity-viewers", "unrelated"))
        .get("/me")
        .then()
        .body("teams.identity", equalTo(List.of("viewer")));
  }

  @Test
  void me_withoutAToken_is401() {
    unauthenticated(RestAssured.given().get("/me"), "no bearer token");
  }

  // ----------------------------------------------------------- who may do what: 403

  @Test
  void operatorOfAnotherTeam_is403NamingTheOwningTeam() {
    request(given(DemoUsers.PAUL), "{\"cluster\":\"search-002\",\"targetVersion\":\"1.33\"}")
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("owned by team search"))
        .body("detail", containsString("paul"));
  }

  @Test
  void onlyPlatformAdmins_declareOrLiftFleetFreezes_andEveryoneSignedInReadsThem() {
    String body = "{\"to\":\"2099-01-01T00:00:00Z\",\"reason\":\"not mine to say\"}";
    given(DemoUsers.PAUL)
        .contentType("application/json")
        .body(body)
        .put("/freezes/pauls-freeze")
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("only platform admins may"));
    given(DemoUsers.PAUL).delete("/freezes/pauls-freeze").then().statusCode(403);
    given(DemoUsers.PAUL).get("/freezes").then().statusCode(200);
    given(DemoUsers.VIC).get("/freezes").then().statusCode(200);
  }

  @Test
  void viewerAndApprover_mayNotRequest() {
    String body = "{\"cluster\":\"payments-007\",\"targetVersion\":\"1.35\",\"dryRun\":true}";
    request(given(DemoUsers.VIC), body).then().statusCode(403);
    request(given(DemoUsers.PETRA), body)
        .then()
        .statusCode(403)
        .body("detail", containsString("needs the operator role of team payments"));
    request(given(DemoUsers.PAUL), body).then().statusCode(200);
  }

  @Test
  void requesterIsTheTokensSubject_andTeamsSeeOnlyTheirOwn() {
    String id =
        request(given(DemoUsers.SAM), "{\"cluster\":\"search-011\",\"targetVersion\":\"1.33\"}")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    given(DemoUsers.SAM)
        .get("/upgrades/" + id)
        .then()
        .statusCode(200)
        .body("requestedBy", equalTo("sam"));
    given(DemoUsers.VIC).get("/upgrades/" + id).then().statusCode(200);
    given(DemoUsers.PAUL)
        .get("/upgrades/" + id)
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("owned by team search"));
    given(DemoUsers.PAUL).get("/upgrades/" + id + "/events").then().statusCode(403);
    given(DemoUsers.PAUL)
        .post("/upgrades/" + id + "/cancel")
        .then()
        .statusCode(403)
        .body("detail", containsString("owned by team search"));
    given(DemoUsers.PAUL).get("/upgrades").then().statusCode(200).body("id", not(hasItem(id)));
    given(DemoUsers.VIC).get("/upgrades").then().statusCode(200).body("id", hasItem(id));
    given(DemoUsers.SAM).get("/upgrades").then().statusCode(200).body("id", hasItem(id));
  }

  @Test
  void clusterList_showsACallerOnlyTheirTeamsClusters() {
    given(DemoUsers.PAUL)
        .get("/clusters")
        .then()
        .statusCode(200)
        .body("team", everyItem(equalTo("payments")))
        .body("name", hasItem("payments-001"));
    given(DemoUsers.VIC).get("/clusters").then().statusCode(200).body("team", hasItem("search"));
    given(DemoUsers.PAUL)
        .get("/clusters/search-002")
        .then()
        .statusCode(403)
        .body("detail", containsString("owned by team search"));
  }

  @Test
  void identityInTheBody_isRefused() {
    request(
            given(DemoUsers.PAUL),
            "{\"cluster\":\"payments-007\",\"targetVersion\":\"1.35\",\"dryRun\":true,"
                + "\"requestedBy\":\"alice\"}")
        .then()
        .statusCode(422)
        .body("field", equalTo("requestedBy"));
  }

  // ------------------------------------------------------------ four eyes and policy

  @Test
  void requesterApprovingTheirOwnUpgrade_is403_anotherApproverIsNot() {
    List<String> operatorAndApprover =
        List.of("team-payments-operators", "team-payments-approvers");
    String id =
        request(
                given("pat", operatorAndApprover),
                "{\"cluster\":\"payments-010\",\"targetVersion\":\"1.33\"}")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    given("pat", operatorAndApprover)
        .post("/upgrades/" + id + "/approve")
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", containsString("four-eyes"))
        .body("detail", containsString("policy '" + SecuredCloud.POLICY + "'"));
    // petra may approve: the state machine answers (nothing awaits approval yet), not security.
    given(DemoUsers.PETRA)
        .post("/upgrades/" + id + "/approve")
        .then()
        .statusCode(409)
        .body("detail", containsString("nothing awaits approval"));
    // paul operates payments but does not approve
    given(DemoUsers.PAUL)
        .post("/upgrades/" + id + "/approve")
        .then()
        .statusCode(403)
        .body("detail", containsString("approver role of team payments"));
    given(DemoUsers.PAUL)
        .contentType(ContentType.JSON)
        .body("{\"actor\":\"petra\"}")
        .post("/upgrades/" + id + "/pause")
        .then()
        .statusCode(422)
        .body("field", equalTo("actor"));
    given(DemoUsers.PAUL).post("/upgrades/" + id + "/cancel").then().statusCode(202);
  }

  @Test
  void requestSwitchingOffAGatePolicyRequires_is422NamingThePolicy() {
    request(
            given(DemoUsers.PAUL),
            "{\"cluster\":\"payments-004\",\"targetVersion\":\"1.34\","
                + "\"approvalGates\":{\"beforeShift\":false}}")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("field", equalTo("approvalGates.beforeShift"))
        .body("detail", containsString("policy '" + SecuredCloud.POLICY + "'"));
  }

  @Test
  void requestLooseningRetentionOrAnalysis_is422_tighteningIsFine() {
    request(
            given(DemoUsers.PAUL),
            "{\"cluster\":\"payments-004\",\"targetVersion\":\"1.34\",\"retention\":\"PT1H\"}")
        .then()
        .statusCode(422)
        .body("field", equalTo("retention"))
        .body("detail", containsString("at least PT12H"));
    request(
            given(DemoUsers.PAUL),
            "{\"cluster\":\"payments-004\",\"targetVersion\":\"1.34\",\"dryRun\":true,"
                + "\"steps\":[{\"type\":\"setWeight\",\"weight\":100}]}")
        .then()
        .statusCode(422)
        .body("field", equalTo("steps"));
    request(
            given(DemoUsers.PAUL),
            "{\"cluster\":\"payments-004\",\"targetVersion\":\"1.34\",\"dryRun\":true,"
                + "\"retention\":\"PT72H\"}")
        .then()
        .statusCode(200);
    // search is under no such policy: its operator may switch the gates off.
    request(
            given(DemoUsers.SAM),
            "{\"cluster\":\"search-005\",\"targetVersion\":\"1.34\",\"dryRun\":true,"
                + "\"approvalGates\":{\"beforeShift\":false},\"retention\":\"PT1H\"}")
        .then()
        .statusCode(200);
  }

  @Test
  void campaignsSpanTeams_soOnlyAdminsRunThem_andPlatformViewersReadThem() {
    given(DemoUsers.PAUL)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/campaigns")
        .then()
        .statusCode(403)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("only platform admins"));
    given(DemoUsers.PAUL).get("/campaigns").then().statusCode(403);
    given(DemoUsers.VIC).get("/campaigns").then().statusCode(200);
    // alice passes security; the empty body is the campaign rules' to refuse, not security's.
    given(DemoUsers.ALICE)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/campaigns")
        .then()
        .statusCode(not(equalTo(403)));
  }

  @Test
  void aCampaignLooseningAMembersPolicy_is422NamingTheMemberAndThePolicy() {
    given(DemoUsers.ALICE)
        .contentType(ContentType.JSON)
        .body(
            "{\"targetVersion\":\"next\",\"selector\":{\"clusters\":[\"payments-004\"]},"
                + "\"plan\":{\"approvalGates\":{\"beforeShift\":false}}}")
        .post("/campaigns?dryRun=true")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("payments-004"))
        .body("detail", containsString("policy '" + SecuredCloud.POLICY + "'"));
  }

  // ---------------------------------------------------------------- denied attempts

  @Test
  void deniedAttempts_areCountedByStatusAndReason() {
    request(given(DemoUsers.PAUL), "{\"cluster\":\"search-002\",\"targetVersion\":\"1.33\"}")
        .then()
        .statusCode(403);
    RestAssured.given().get("/upgrades").then().statusCode(401);
    String metrics = RestAssured.given().get("/q/metrics").asString();
    List<String> lines =
        metrics.lines().filter(l -> l.startsWith("bluegreen_api_denied_total")).toList();
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("reason=\"wrong-team\"") && l.contains("status=\"403\"")),
        "wrong-team counted: " + lines);
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("reason=\"no-token\"") && l.contains("status=\"401\"")),
        "no-token counted: " + lines);
  }

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void deniedAttemptsOfSignedInPeople_goOnTheAccessAuditLog_withWhoWhatAndWhy() {
    request(given(DemoUsers.PAUL), "{\"cluster\":\"search-002\",\"targetVersion\":\"1.33\"}")
        .then()
        .statusCode(403);
    given(DemoUsers.PAUL).get("/campaigns").then().statusCode(403);

    try (EventProbe probe = new EventProbe(bootstrapServers)) {
      AccessDenied onCluster =
          probe
              .await(
                  Topics.ACCESS_AUDIT,
                  AccessDenied.class,
                  d -> "paul".equals(d.actor()) && "search-002".equals(d.cluster()),
                  Duration.ofSeconds(30))
              .data();
      assertEquals("search-002", onCluster.subject());
      assertEquals("request", onCluster.action());
      assertEquals(403, onCluster.status());
      assertEquals("wrong-team", onCluster.reason());
      assertTrue(onCluster.detail().contains("owned by team search"), onCluster.detail());

      CloudEvent<AccessDenied> onFleet =
          probe.await(
              Topics.ACCESS_AUDIT,
              AccessDenied.class,
              d -> "paul".equals(d.actor()) && "read".equals(d.action()) && d.cluster() == null,
              Duration.ofSeconds(30));
      assertEquals(AccessDenied.FLEET, onFleet.subject());
      assertEquals("not-viewer", onFleet.data().reason());
    }
  }
}
