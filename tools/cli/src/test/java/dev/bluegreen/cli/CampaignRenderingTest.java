package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The campaign's faces in the terminal, from the API's JSON (a CampaignView as it answers). */
class CampaignRenderingTest {

  static JsonNode resource(String name) throws IOException {
    try (InputStream in = CampaignRenderingTest.class.getResourceAsStream("/campaigns/" + name)) {
      return Json.MAPPER.readTree(in);
    }
  }

  @Test
  void theBoard_showsWavesAsSections_membersWithThePlanBesideWhatHappened() throws IOException {
    String board = CampaignRendering.board(resource("running.json"), ZoneOffset.UTC);
    assertTrue(board.startsWith("campaign cmp-1a2b3c4d-5e6f  1.32 to 1.33\n"), board);
    assertTrue(board.contains("status    PAUSED  wave 2/2 search  since 10:08:00\n"), board);
    assertTrue(board.contains("members   1 UPGRADING, 1 COMPLETED, 1 FAILED\n"), board);
    assertTrue(board.contains("budget    1 allowed, 1 counted, 0 left\n"), board);
    assertTrue(
        board.contains("paused    failure budget spent: payments-001 failed in PREFLIGHT\n"),
        board);
    assertTrue(
        board.contains("schedule  ends ~2026-12-07 11:00, deadline 2027-03-23 00:00: on time\n"),
        board);
    assertTrue(board.contains("wave 1/2 canary  (max 2, soak PT1M)\n"), board);
    assertTrue(
        board.contains("wave 2/2 search  (max 2, gate approved, budget 0)  <- now\n"), board);
    String payments = board.lines().filter(l -> l.startsWith("  payments-001")).findFirst().get();
    assertTrue(payments.contains("FAILED in PREFLIGHT"), payments);
    assertTrue(
        payments.contains(" FAILED "), "the plan's verdict beside what happened: " + payments);
    assertTrue(payments.endsWith("pre-flight checks failed: removed APIs"), payments);
    String search = board.lines().filter(l -> l.startsWith("  search-002")).findFirst().get();
    assertTrue(search.contains("UPGRADING") && search.contains("SHIFTING"), search);
  }

  @Test
  void aGateWaiting_namesTheCommandThatPassesIt() throws IOException {
    ObjectNode c = (ObjectNode) resource("running.json");
    c.put("status", "AWAITING_APPROVAL");
    String board = CampaignRendering.board(c, ZoneOffset.UTC);
    assertTrue(
        board.contains(
            "gate      wave search waits for approval: bluegreen campaign approve"
                + " cmp-1a2b3c4d-5e6f --reason ...\n"),
        board);
    assertFalse(board.contains("paused "), board);
  }

  @Test
  void thePlan_listsEachPreflight_theExcluded_andALateEstimate() throws IOException {
    JsonNode answer = resource("planned.json");
    String plan =
        CampaignRendering.plan(answer.path("campaign"), answer.path("excluded"), ZoneOffset.UTC);
    assertTrue(plan.startsWith("plan cmp-plan  plan first: PLANNED; nothing was changed\n"), plan);
    String payments = plan.lines().filter(l -> l.startsWith("  payments-010")).findFirst().get();
    assertTrue(payments.contains("FAILED") && payments.endsWith("removed APIs in use"), payments);
    assertTrue(plan.contains("pre-flight  1 passed, 1 failed\n"), plan);
    assertTrue(plan.contains("excluded\n  search-101: already on 1.33\n"), plan);
    assertTrue(
        plan.contains("schedule    ends ~2026-12-07 12:00, deadline 2026-12-01 00:00: LATE\n"),
        plan);
    assertTrue(plan.contains("bluegreen campaign skip cmp-plan CLUSTER --reason"), plan);
    assertTrue(plan.endsWith("start it: bluegreen campaign start cmp-plan --reason ...\n"), plan);
  }

  @Test
  void thePlan_showsTheWindowsEachMemberCanUse_andWhenTheyOpen() throws IOException {
    JsonNode answer = resource("planned.json");
    String anyTime =
        CampaignRendering.plan(answer.path("campaign"), answer.path("excluded"), ZoneOffset.UTC);
    assertFalse(anyTime.contains("windows "), "no windows, no section: " + anyTime);
    JsonNode waves = answer.path("campaign").path("waves");
    for (JsonNode w : waves) {
      for (JsonNode m : w.path("members")) {
        if (m.path("cluster").asText().startsWith("payments")) {
          ((ObjectNode) m).put("windows", "'0 2 * * TUE' Europe/Berlin for PT4H");
          ((ObjectNode) m).put("windowOpensAt", "2026-12-08T01:00:00Z");
        }
      }
    }
    String plan =
        CampaignRendering.plan(answer.path("campaign"), answer.path("excluded"), ZoneOffset.UTC);
    assertTrue(
        plan.contains(
            "  '0 2 * * TUE' Europe/Berlin for PT4H, next opens 2026-12-08 01:00: payments-010\n"),
        plan);
    assertTrue(plan.contains("  any time: identity-012\n"), plan);
  }

  @Test
  void aChangeLine_perChange_andTheKeyMovesWithAMember() throws IOException {
    JsonNode c = resource("running.json");
    assertEquals(
        "10:09:00  PAUSED             wave 2/2 search; 1 UPGRADING, 1 COMPLETED, 1 FAILED;"
            + " budget left 0; in flight: search-002 SHIFTING;"
            + " paused: failure budget spent: payments-001 failed in PREFLIGHT",
        CampaignRendering.changeLine(c, Instant.parse("2026-12-07T10:09:00Z"), ZoneOffset.UTC));
    String before = CampaignRendering.changeKey(c);
    ((ObjectNode) c.path("waves").get(1).path("members").get(0)).put("upgradeState", "HANDOVER");
    assertNotEquals(before, CampaignRendering.changeKey(c));
  }

  @Test
  void theList_andTheOutcomes() throws IOException {
    JsonNode list = Json.MAPPER.createArrayNode().add(resource("running.json"));
    String table = CampaignRendering.list(list, ZoneOffset.UTC);
    assertTrue(table.startsWith("ID  "), table);
    assertTrue(table.contains("cmp-1a2b3c4d-5e6f  1.32 to 1.33  PAUSED"), table);
    assertEquals("no campaigns\n", CampaignRendering.list(Json.MAPPER.createArrayNode(), null));
    assertEquals(ExitCodes.OK, CampaignRendering.exitCodeOf("COMPLETED"));
    assertEquals(ExitCodes.ROLLED_BACK, CampaignRendering.exitCodeOf("ROLLED_BACK"));
    assertEquals(ExitCodes.CANCELLED, CampaignRendering.exitCodeOf("CANCELLED"));
    assertThrows(IllegalArgumentException.class, () -> CampaignRendering.exitCodeOf("PAUSED"));
  }

  @Test
  void anAuditLine_namesTheMemberAndTheRefusal() throws IOException {
    JsonNode line =
        Json.MAPPER.readTree(
            """
            {"eventId":"e1","type":"CampaignTransitioned","at":"2026-12-07T10:01:00Z",
             "data":{"from":"RUNNING","to":"PAUSED","wave":1,"member":"payments-001",
                     "memberStatus":"FAILED","actor":"upgrade/u-2","reason":"budget spent"}}
            """);
    assertEquals(
        "10:01:00  RUNNING -> PAUSED  wave 2  payments-001 FAILED  upgrade/u-2  budget spent",
        CampaignRendering.eventLine(line, ZoneOffset.UTC));
    ((ObjectNode) line.path("data")).put("rejected", true).put("from", "PAUSED");
    assertTrue(
        CampaignRendering.eventLine(line, ZoneOffset.UTC).contains("  REFUSED PAUSED  "),
        "a refused control");
  }

  @Test
  void drift_listsWhatAppearedAndVanished_orSaysThereIsNone() {
    String none = CampaignRendering.drift(Json.parse("{\"appeared\":[],\"vanished\":[]}"));
    assertTrue(none.startsWith("no drift"), none);

    String some =
        CampaignRendering.drift(
            Json.parse(
                "{\"appeared\":[{\"cluster\":\"search-014\",\"team\":\"search\","
                    + "\"version\":\"1.32\"}],\"vanished\":[\"search-011\"]}"));
    assertTrue(some.contains("appeared (named by the selector, not in the campaign): 1"), some);
    assertTrue(some.contains("  search-014  team search  at 1.32"), some);
    assertTrue(
        some.contains("vanished (in the snapshot, gone from the fleet): 1\n  search-011"), some);
  }
}
