package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign commands over real HTTP, in-process, against a {@link ScriptedApi}: what is sent,
 * what is waited for, what is printed and the exit code. The whole platform is in e2e's CampaignIT.
 */
class CampaignCommandsTest {

  @TempDir Path home;

  private ScriptedApi api;
  private List<String> requests;

  @BeforeEach
  void serve() throws IOException {
    api = new ScriptedApi();
    requests = api.requests();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void answer(String request, String... bodies) {
    api.answer(request, bodies);
  }

  private CliRun run(String... args) {
    return api.run(home, args);
  }

  private static String withStatus(JsonNode campaign, String status) {
    return Json.write(((ObjectNode) campaign.deepCopy()).put("status", status));
  }

  @Test
  void plan_postsADryRun_waitsWithProgress_untilPlanned_thenPrintsThePlan() throws IOException {
    JsonNode planned = CampaignRenderingTest.resource("planned.json");
    ObjectNode planning = (ObjectNode) planned.path("campaign").deepCopy();
    planning.put("status", "PLANNING");
    ((ObjectNode) planning.path("waves").get(0).path("members").get(1)).putNull("planPassed");
    ObjectNode accepted = planned.deepCopy();
    accepted.set("campaign", planning);
    answer("POST /campaigns?dryRun=true", Json.write(accepted));
    answer("GET /campaigns/cmp-plan", Json.write(planning), Json.write(planned.path("campaign")));
    Path file = home.resolve("campaign.json");
    Files.writeString(file, "{\"targetVersion\":\"next\"}");

    CliRun run = run("campaign", "plan", file.toString(), "--interval", "PT0.05S");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("POST /campaigns?dryRun=true {\"targetVersion\":\"next\"}", requests.get(0));
    assertTrue(run.err().contains("planning cmp-plan: 1 of 2 pre-flights done"), run.err());
    assertTrue(run.out().startsWith("plan cmp-plan  plan first: PLANNED"), run.out());
    assertTrue(run.out().contains("search-101: already on 1.33"), run.out());
  }

  @Test
  void watch_exitsWithTheOutcome_andPrintsALinePerChange() throws IOException {
    JsonNode c = CampaignRenderingTest.resource("running.json");
    answer(
        "GET /campaigns/c1",
        withStatus(c, "RUNNING"),
        withStatus(c, "RUNNING"),
        withStatus(c, "COMPLETED"));
    CliRun done = run("campaign", "watch", "c1", "--interval", "PT0.05S");
    assertEquals(ExitCodes.OK, done.exitCode(), done.err());
    assertEquals(3, done.out().lines().count(), "one line per change, then the end: " + done.out());
    assertTrue(done.out().contains("ended COMPLETED"), done.out());

    answer("GET /campaigns/c2", withStatus(c, "CANCELLING"), withStatus(c, "CANCELLED"));
    assertEquals(
        ExitCodes.CANCELLED, run("campaign", "watch", "c2", "--interval", "PT0.05S").exitCode());

    answer("GET /campaigns/c3", withStatus(c, "PAUSED"));
    CliRun paused = run("campaign", "watch", "c3", "--exit-on-pause", "--interval", "PT0.05S");
    assertEquals(ExitCodes.CAMPAIGN_PAUSED, paused.exitCode());
    assertTrue(paused.err().contains("paused: failure budget spent"), paused.err());

    CliRun timedOut =
        run("campaign", "watch", "c3", "--timeout", "PT0.2S", "--interval", "PT0.05S");
    assertEquals(ExitCodes.GAVE_UP, timedOut.exitCode(), "a pause is waited out until --timeout");

    CliRun unknown = run("campaign", "watch", "nope");
    assertEquals(ExitCodes.ERROR, unknown.exitCode());
    assertTrue(unknown.err().contains("no GET /campaigns/nope"), unknown.err());
  }

  @Test
  void controls_postTheReason_theWave_andTheMember() throws IOException {
    JsonNode c = CampaignRenderingTest.resource("running.json");
    answer("POST /campaigns/c1/rollback", withStatus(c, "PAUSED"));
    answer("POST /campaigns/c1/members/payments-001/retry", withStatus(c, "RUNNING"));

    CliRun rollback = run("campaign", "rollback", "c1", "--wave", "search", "--reason", "latency");
    assertEquals(0, rollback.exitCode(), rollback.err());
    assertEquals(
        "POST /campaigns/c1/rollback {\"reason\":\"latency\",\"wave\":\"search\"}",
        requests.get(0));
    assertTrue(rollback.out().startsWith("rollback cmp-1a2b3c4d-5e6f: now PAUSED"), rollback.out());

    CliRun retry = run("campaign", "retry", "c1", "payments-001", "--reason", "APIs migrated");
    assertEquals(0, retry.exitCode(), retry.err());
    assertEquals(
        "POST /campaigns/c1/members/payments-001/retry {\"reason\":\"APIs migrated\"}",
        requests.get(1));

    CliRun noReason = run("campaign", "pause", "c1");
    assertEquals(ExitCodes.USAGE, noReason.exitCode());
    assertEquals(2, requests.size(), "nothing sent without a reason");
  }

  @Test
  void events_asJson_areTheApisAnswer() {
    String events =
        "[{\"eventId\":\"e1\",\"type\":\"CampaignTransitioned\",\"data\":{\"to\":\"RUNNING\"}}]";
    answer("GET /campaigns/c1/events", events);
    CliRun run = run("campaign", "events", "c1", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(events + "\n", run.out());
  }

  @Test
  void aCampaignFileThatIsNotAnObject_isRefusedBeforeAnyRequest() throws IOException {
    Path file = home.resolve("c.json");
    Files.writeString(file, "[1]");
    CliRun run = run("campaign", "create", file.toString());
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertEquals("bluegreen: the campaign " + file + " must be a JSON object\n", run.err());
    assertTrue(requests.isEmpty());
  }
}
