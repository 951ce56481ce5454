package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fleet campaigns on the demo fleet, end to end: a plan whose pre-flights run for real and touch
 * nothing; three waves in which the payments cluster fails pre-flight (it still uses APIs removed
 * in the target version) within the budget; a budget of 0 that stops the line until the cause is
 * fixed and the member retried; a wave rolled back while its blues are kept.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CampaignIT {

  private static final Set<String> ENDED = Set.of("COMPLETED", "CANCELLED", "ROLLED_BACK");
  private static final Duration LONG = Duration.ofMinutes(5);

  /** Two traffic steps, no gates, blue kept for {@code retention}. */
  private static String plan(String retention) {
    return """
        {"steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}],
         "retention":"%s","approvalGates":{"beforeShift":false,"beforeDecommission":false}}
        """
        .formatted(retention);
  }

  @Test
  void campaignsOverTheDemoFleet(KafkaBroker broker) {
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      UpgradeApi api = platform.api();
      api.awaitQueryable(Duration.ofSeconds(60));

      // Runs beside the campaigns: its shift waits for a freeze to end.
      Instant freezeEnds = Instant.now().plusSeconds(45);
      String gated = upgradeInAFreeze(api, freezeEnds);
      badInput_isRefusedWithAProblem(api);
      planFirst_changesNothing_thenRunsWhatWasApproved(api, cloud);
      threeWaves_aFailureWithinTheBudget_isReported(api);
      budgetZero_stopsTheLine_andRetryAfterTheFixCompletesIt(api, cloud);
      waveRollback_sendsEveryMemberBackToBlue(api, cloud);
      theWindowOpening_startedTheShift(api, gated, freezeEnds);
    }
  }

  /** An upgrade whose maintenance windows are closed by a freeze until {@code ends}. */
  private String upgradeInAFreeze(UpgradeApi api, Instant ends) {
    String id =
        api.requestUpgrade(
            """
            {"cluster":"identity-009","targetVersion":"1.35",
             "steps":[{"type":"setWeight","weight":50},{"type":"setWeight","weight":100}],
             "retention":"PT3S","approvalGates":{"beforeShift":false,"beforeDecommission":false},
             "windows":{"freezes":[{"from":"%s","to":"%s","reason":"release"}]}}
            """
                .formatted(ends.minusSeconds(3600), ends));
    JsonNode waiting = api.awaitState(id, Set.of("AWAITING_WINDOW"), false, LONG);
    assertEquals("SHIFTING", waiting.path("heldFor").asText(), waiting.toString());
    assertEquals(ends, Instant.parse(waiting.path("windowOpensAt").asText()));
    return id;
  }

  private void theWindowOpening_startedTheShift(UpgradeApi api, String id, Instant opened) {
    api.awaitState(id, Set.of("COMPLETED"), false, LONG);
    JsonNode shift =
        api.auditTrail(id).stream()
            .filter(e -> "SHIFTING".equals(e.path("data").path("to").asText()))
            .findFirst()
            .orElseThrow();
    Instant at = Instant.parse(shift.path("data").path("at").asText());
    assertFalse(
        at.isBefore(opened),
        "the first shift started at " + at + ", the window opened at " + opened);
    assertTrue(
        shift.path("data").path("reason").asText().contains("maintenance window open"),
        shift.toString());
  }

  private void badInput_isRefusedWithAProblem(UpgradeApi api) {
    UpgradeApi.Answer none =
        api.post(
            "/campaigns",
            "{\"targetVersion\":\"next\",\"selector\":{\"clusters\":[\"nothing-*\"]}}");
    assertEquals(422, none.status(), String.valueOf(none.body()));
    assertTrue(none.body().path("detail").asText().contains("matches no logical cluster"));
    UpgradeApi.Answer zero =
        api.post("/campaigns", "{\"targetVersion\":\"next\",\"maxConcurrency\":\"0\"}");
    assertEquals(400, zero.status(), String.valueOf(zero.body()));
    assertEquals("maxConcurrency", zero.body().path("field").asText());
    UpgradeApi.Answer bigWave =
        api.post(
            "/campaigns",
            "{\"targetVersion\":\"next\",\"waves\":[{\"name\":\"huge\",\"limit\":500}]}");
    assertEquals(422, bigWave.status(), String.valueOf(bigWave.body()));
    UpgradeApi.Answer unknown = api.post("/campaigns", "{\"targetVersion\":\"next\",\"colour\":1}");
    assertEquals(400, unknown.status(), String.valueOf(unknown.body()));
  }

  private void planFirst_changesNothing_thenRunsWhatWasApproved(
      UpgradeApi api, SimulatedCloud cloud) {
    int writesBefore = cloud.sim.journal().entries().size();
    String id =
        api.createCampaign(
            """
            {"name":"plan first","targetVersion":"next",
             "selector":{"clusters":["payments-010","identity-012"]},"plan":%s}
            """
                .formatted(plan("PT3S")),
            true);
    JsonNode planned = api.awaitCampaign(id, Set.of("PLANNED"), LONG);
    assertEquals(
        writesBefore,
        cloud.sim.journal().entries().size(),
        "planning (pre-flight only) made no mutating call: " + cloud.sim.journal().entries());
    JsonNode payments = UpgradeApi.member(planned, "payments-010");
    assertFalse(payments.path("planPassed").asBoolean(), payments.toString());
    assertTrue(
        payments.path("planResult").asText().contains("pre-flight checks failed"),
        payments.toString());
    assertTrue(UpgradeApi.member(planned, "identity-012").path("planPassed").asBoolean());
    // The plan's dry runs are not upgrades a person scanning the fleet should see.
    JsonNode listed = api.get("/upgrades?cluster=payments-010").body();
    assertEquals(0, listed.size(), listed.toString());

    assertEquals(
        202,
        api.post("/campaigns/" + id + "/members/payments-010/skip", "{\"reason\":\"removed APIs\"}")
            .status());
    assertEquals(
        202, api.post("/campaigns/" + id + "/start", "{\"reason\":\"plan approved\"}").status());
    JsonNode done = api.awaitCampaign(id, ENDED, LONG);
    assertEquals("COMPLETED", done.path("status").asText(), done.toString());
    assertEquals("SKIPPED", UpgradeApi.memberStatus(done, "payments-010"));
    JsonNode identity = UpgradeApi.member(done, "identity-012");
    assertEquals("COMPLETED", identity.path("status").asText());
    assertEquals(
        "pre-flight passed", identity.path("planResult").asText(), "the plan beside what happened");
    assertEquals("1.33", api.get("/clusters/identity-012").body().path("version").asText());
  }

  private void threeWaves_aFailureWithinTheBudget_isReported(UpgradeApi api) {
    String id =
        api.createCampaign(
            """
            {"name":"1.32 to 1.33","targetVersion":"1.33","maxConcurrency":"2","failureBudget":"1",
             "selector":{"clusters":["payments-001","search-002","identity-003","search-011","search-101","identity-103"]},
             "waves":[{"name":"canary","onePerTeam":true},
                      {"name":"search","selector":{"teams":["search"]}},
                      {"name":"rest"}],
             "plan":%s}
            """
                .formatted(plan("PT3S")),
            false);
    JsonNode started = api.campaign(id);
    List<String> canary = new ArrayList<>();
    started
        .path("waves")
        .get(0)
        .path("members")
        .forEach(m -> canary.add(m.path("cluster").asText()));
    assertEquals(List.of("identity-003", "payments-001", "search-002"), canary);
    JsonNode done = api.awaitCampaign(id, ENDED, LONG);
    assertEquals("COMPLETED", done.path("status").asText(), done.toString());
    JsonNode failed = UpgradeApi.member(done, "payments-001");
    assertEquals("FAILED", failed.path("status").asText());
    assertEquals("PREFLIGHT", failed.path("failedIn").asText());
    assertTrue(
        failed.path("reason").asText().contains("pre-flight checks failed"), failed.toString());
    assertEquals(5, done.path("counts").path("COMPLETED").asInt(), done.path("counts").toString());
    assertEquals(0, done.path("budget").path("left").asInt());
    String timeline = api.get("/campaigns/" + id + "/events").body().toString();
    assertTrue(timeline.contains("wave canary done; wave search starts"), timeline);
  }

  private void budgetZero_stopsTheLine_andRetryAfterTheFixCompletesIt(
      UpgradeApi api, SimulatedCloud cloud) {
    String id =
        api.createCampaign(
            """
            {"targetVersion":"1.33","failureBudget":0,
             "selector":{"clusters":["payments-001","search-102"]},
             "waves":[{"name":"payments","selector":{"teams":["payments"]}},{"name":"search"}],
             "plan":%s}
            """
                .formatted(plan("PT3S")),
            false);
    JsonNode paused = api.awaitCampaign(id, Set.of("PAUSED"), LONG);
    assertTrue(paused.path("pauseReason").asText().contains("budget is 0"), paused.toString());
    assertEquals("PENDING", UpgradeApi.memberStatus(paused, "search-102"), "nothing new starts");
    // The payments team moves off the removed API; the member is retried with its pinned plan.
    cloud.sim.inspect(
        w -> {
          w.eks().clusters().find("payments-001").orElseThrow().deprecatedApis.clear();
          return null;
        });
    assertEquals(
        202,
        api.post(
                "/campaigns/" + id + "/members/payments-001/retry",
                "{\"reason\":\"APIs migrated\"}")
            .status());
    JsonNode done = api.awaitCampaign(id, ENDED, LONG);
    assertEquals("COMPLETED", done.path("status").asText(), done.toString());
    assertEquals("COMPLETED", UpgradeApi.memberStatus(done, "payments-001"));
    assertEquals("COMPLETED", UpgradeApi.memberStatus(done, "search-102"));
  }

  private void waveRollback_sendsEveryMemberBackToBlue(UpgradeApi api, SimulatedCloud cloud) {
    String id =
        api.createCampaign(
            """
            {"targetVersion":"1.34","maxConcurrency":"100%%",
             "selector":{"clusters":["search-005","identity-006"]},
             "waves":[{"name":"all"}],"plan":%s}
            """
                .formatted(plan("PT10M")),
            false);
    UpgradeApi.Answer overlap =
        api.post(
            "/campaigns",
            "{\"targetVersion\":\"1.34\",\"selector\":{\"clusters\":[\"search-005\"]}}");
    assertEquals(409, overlap.status(), String.valueOf(overlap.body()));
    assertTrue(overlap.body().path("detail").asText().contains(id));
    api.awaitCampaign(id, Set.of("RUNNING"), LONG);
    awaitCount(api, id, "ON_GREEN", 2);
    assertEquals(
        202,
        api.post("/campaigns/" + id + "/rollback", "{\"wave\":\"all\",\"reason\":\"latency\"}")
            .status());
    JsonNode back = api.awaitCampaign(id, Set.of("PAUSED"), LONG);
    for (String m : List.of("search-005", "identity-006")) {
      JsonNode member = UpgradeApi.member(back, m);
      String upgrade = member.path("upgradeId").asText();
      api.awaitState(upgrade, Set.of("ROLLED_BACK"), false, LONG);
      String rule = cloud.sim.ruleArnOf(m).orElseThrow();
      assertTrue(
          cloud.sim.weightsOf(rule).stream()
              .allMatch(
                  w ->
                      w.weight() == 0
                          || w.targetGroupArn()
                              .equals(cloud.sim.targetGroupArnOf(m).orElseThrow())),
          "all traffic on blue: " + cloud.sim.weightsOf(rule));
    }
    JsonNode after = awaitCount(api, id, "ROLLED_BACK", 2);
    assertEquals("ROLLED_BACK", UpgradeApi.memberStatus(after, "search-005"), after.toString());
    assertEquals(
        202, api.post("/campaigns/" + id + "/cancel", "{\"reason\":\"done for today\"}").status());
    assertEquals("CANCELLED", api.awaitCampaign(id, ENDED, LONG).path("status").asText());
  }

  /** Waits until {@code n} members of the campaign are {@code status}; returns it then. */
  private static JsonNode awaitCount(UpgradeApi api, String id, String status, int n) {
    dev.bluegreen.testkit.Deadline deadline = dev.bluegreen.testkit.Deadline.in(LONG);
    while (true) {
      JsonNode c = api.campaign(id);
      if (c.path("counts").path(status).asInt() == n) {
        return c;
      }
      deadline.check(n + " members " + status + "; last seen " + c.path("counts"));
      deadline.pause();
    }
  }
}
