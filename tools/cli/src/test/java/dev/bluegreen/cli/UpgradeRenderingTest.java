package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UpgradeRenderingTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  private static final String STEPS =
      """
      "plan":{"steps":[{"type":"setWeight","weight":10},{"type":"analysis","analysis":"errors"},
        {"type":"setWeight","weight":50},{"type":"pause"},{"type":"setWeight","weight":100}],
        "retention":"PT30M"}
      """;

  private static JsonNode view(String fields) {
    return Json.parse("{" + fields + "," + STEPS + "}");
  }

  @Test
  void phaseBar_marksTheCurrentPhase_passedInCapitals_aheadInLowerCase() {
    assertEquals(
        "PREFLIGHT > PROVISIONING > [DEPLOYING] > verifying > shifting > handover > soaking"
            + " > decommissioning > completed",
        UpgradeRendering.phaseBar("DEPLOYING", null, null));
  }

  @Test
  void phaseBar_showsAGateOnlyWhileTheUpgradeWaitsAtIt() {
    assertEquals(
        "PREFLIGHT > PROVISIONING > DEPLOYING > VERIFYING > [AWAITING_SHIFT_APPROVAL] > shifting"
            + " > handover > soaking > decommissioning > completed",
        UpgradeRendering.phaseBar("AWAITING_SHIFT_APPROVAL", null, null));
    assertEquals(
        "PREFLIGHT > PROVISIONING > DEPLOYING > VERIFYING > SHIFTING > HANDOVER > SOAKING"
            + " > DECOMMISSIONING > [COMPLETED]",
        UpgradeRendering.phaseBar("COMPLETED", null, null));
  }

  @Test
  void phaseBar_ofAPause_marksThePhaseItInterrupted() {
    assertEquals(
        "PREFLIGHT > PROVISIONING > DEPLOYING > VERIFYING > [SHIFTING paused] > handover"
            + " > soaking > decommissioning > completed",
        UpgradeRendering.phaseBar("PAUSED", "SHIFTING", null));
  }

  @Test
  void phaseBar_offTheHappyPath_showsHowFarItGotAndWhereItWent() {
    assertEquals(
        "PREFLIGHT > PROVISIONING > deploying > verifying > shifting > handover > soaking"
            + " > decommissioning > completed  => [FAILED]",
        UpgradeRendering.phaseBar("FAILED", null, "PROVISIONING"));
    assertTrue(
        UpgradeRendering.phaseBar("ROLLED_BACK", null, null).startsWith("preflight > provisioning"),
        "nothing is claimed as passed without the audit trail");
    assertTrue(UpgradeRendering.phaseBar("REQUESTED", null, null).startsWith("[REQUESTED] > "));
  }

  @Test
  void furthest_isTheLastHappyPathStateTheAuditTrailReached() {
    JsonNode events =
        Json.parse(
            """
            [{"type":"UpgradeTransitioned","data":{"from":"REQUESTED","to":"PREFLIGHT"}},
             {"type":"UpgradeTransitioned","data":{"from":"PREFLIGHT","to":"PROVISIONING"}},
             {"type":"InputRejected","data":{"reason":"not now"}},
             {"type":"UpgradeTransitioned","data":{"from":"PROVISIONING","to":"CLEANING_UP"}}]
            """);
    assertEquals("PROVISIONING", UpgradeRendering.furthest(events));
    assertNull(UpgradeRendering.furthest(Json.parse("[]")));
  }

  @Test
  void traffic_whileShifting_isTheLastWeightSetBeforeTheCurrentStep() {
    JsonNode shifting =
        view(
            """
            "state":"SHIFTING","stepIndex":2,"currentStep":{"type":"setWeight","weight":50}
            """);
    assertEquals("blue 90% | green 10%", UpgradeRendering.traffic(shifting, null));
    assertEquals("step 3/5: setWeight 50%", UpgradeRendering.step(shifting));
  }

  @Test
  void traffic_beforeAndAfterTheShift_andAfterAFailure() {
    assertEquals(
        "blue 100% | green 0%", UpgradeRendering.traffic(view("\"state\":\"VERIFYING\""), null));
    assertEquals(
        "blue 0% | green 100%", UpgradeRendering.traffic(view("\"state\":\"SOAKING\""), null));
    assertEquals(
        "blue 100% | green 0%",
        UpgradeRendering.traffic(view("\"state\":\"FAILED\""), "PROVISIONING"));
    assertEquals(
        "blue 0% | green 100%",
        UpgradeRendering.traffic(view("\"state\":\"FAILED\""), "DECOMMISSIONING"));
    assertEquals(
        "moving back to blue", UpgradeRendering.traffic(view("\"state\":\"ROLLING_BACK\""), null));
  }

  @Test
  void step_ofAPauseThatWaitsForAPerson_saysSo() {
    JsonNode paused =
        view(
            """
            "state":"SHIFTING","stepIndex":3,"currentStep":{"type":"pause"},"awaitingPromote":true
            """);
    assertEquals(
        "step 4/5: pause until promoted (waiting for promote)", UpgradeRendering.step(paused));
    assertEquals("blue 50% | green 50%", UpgradeRendering.traffic(paused, null));
  }

  @Test
  void changeLine_givesTimeStateStepTrafficAndProgress() {
    JsonNode shifting =
        view(
            """
            "state":"SHIFTING","stepIndex":2,"currentStep":{"type":"setWeight","weight":50},
            "progress":{"phase":"SHIFTING","step":"settle","done":1,"total":3,
              "message":"weights read back"}
            """);
    assertEquals(
        "10:15:30  SHIFTING                         step 3/5: setWeight 50%; blue 90% | green 10%;"
            + " weights read back (1/3)",
        UpgradeRendering.changeLine(shifting, Instant.parse("2026-01-02T10:15:30Z"), UTC));
  }

  @Test
  void changeLine_ofAnEndedUpgrade_dropsItsLastProgress_andShowsItsError() {
    JsonNode failed =
        view(
            """
            "state":"FAILED","lastError":"ResourceLimitExceeded: node group quota",
            "progress":{"phase":"CLEANING_UP","message":"deleting green (3/3)"}
            """);
    assertEquals(
        "10:15:30  FAILED                           error: ResourceLimitExceeded: node group quota",
        UpgradeRendering.changeLine(failed, Instant.parse("2026-01-02T10:15:30Z"), UTC));
  }

  @Test
  void summary_showsWhoWhatThePhaseBarAndTheLastEvents() {
    JsonNode v =
        view(
            """
            "id":"u-1","cluster":"search-002","greenCluster":"search-002-gu1","logicalCluster":"search-002",
            "currentVersion":"1.32","targetVersion":"1.33","state":"PROVISIONING",
            "updatedAt":"2026-01-02T10:00:00Z","lastError":null
            """);
    JsonNode events =
        Json.parse(
            """
            [{"type":"UpgradeTransitioned","at":"2026-01-02T09:59:58Z",
              "data":{"to":"REQUESTED","actor":"alice","reason":"asked"}},
             {"type":"UpgradeTransitioned","at":"2026-01-02T10:00:00Z",
              "data":{"from":"PREFLIGHT","to":"PROVISIONING","actor":"orchestrator",
                      "reason":"pre-flight passed"}}]
            """);
    String summary = UpgradeRendering.summary(v, events, 1, UTC);
    assertEquals(
        """
        upgrade u-1  search-002: search-002 -> search-002-gu1  (1.32 -> 1.33)
        state     PROVISIONING  since 10:00:00
        phases    PREFLIGHT > [PROVISIONING] > deploying > verifying > shifting > handover > soaking > decommissioning > completed
        traffic   blue 100% | green 0%
        last events
          10:00:00  PREFLIGHT -> PROVISIONING  orchestrator  pre-flight passed
        """,
        summary);
  }

  @Test
  void eventLine_ofARejectedInput_namesTheInputByItsEventName() {
    JsonNode rejected =
        Json.parse(
            """
            {"type":"InputRejected","at":"2026-01-02T10:00:05Z",
             "data":{"cause":{"eventId":"e1","type":"dev.bluegreen.UpgradeControlRequested.v1"},
                     "actor":"bob","reason":"approve makes no sense in SHIFTING"}}
            """);
    assertEquals(
        "10:00:05  rejected UpgradeControlRequested  bob  approve makes no sense in SHIFTING",
        UpgradeRendering.eventLine(rejected, UTC));
  }

  @Test
  void list_isATableNewestFirst_orSaysThereAreNone() {
    String table =
        UpgradeRendering.list(
            Json.parse(
                """
                [{"id":"u-2","logicalCluster":"search-002","state":"SHIFTING","currentVersion":"1.33",
                  "targetVersion":"1.34","requestedAt":"2026-01-02T10:00:00Z","requestedBy":"alice"},
                 {"id":"u-1","cluster":"search-002","state":"COMPLETED","currentVersion":"1.32",
                  "targetVersion":"1.33","requestedAt":"2025-01-02T10:00:00Z","requestedBy":"bob"}]
                """),
            UTC);
    assertEquals(
        """
        ID   CLUSTER     STATE      VERSIONS      REQUESTED         BY
        u-2  search-002  SHIFTING   1.33 -> 1.34  2026-01-02 10:00  alice
        u-1  search-002  COMPLETED  1.32 -> 1.33  2025-01-02 10:00  bob
        """,
        table);
    assertEquals("no upgrades\n", UpgradeRendering.list(Json.parse("[]"), UTC));
  }
}
