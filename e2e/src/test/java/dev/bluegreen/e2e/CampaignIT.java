package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cli.ExitCodes;
import dev.bluegreen.e2e.InProcessCli.Run;
import dev.bluegreen.replay.CampaignAuditReader;
import dev.bluegreen.replay.CampaignReplayer;
import dev.bluegreen.replay.Replayer;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet campaigns on the demo fleet, end to end: a plan whose pre-flights run for real and touch
 * nothing; three waves in which the payments cluster fails pre-flight (it still uses APIs removed
 * in the target version) within the budget; a budget of 0 that stops the line until the cause is
 * fixed and the member retried; a wave rolled back while its blues are kept.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CampaignIT {

  @TempDir Path home;

  /** The CLI's BLUEGREEN_TOKEN: alice's (the platform admin), from the platform's issuer. */
  private String token;

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
  void campaignsOverTheDemoFleet(KafkaBroker broker) throws IOException {
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      UpgradeApi api = platform.api();
      token = platform.issuer().token("alice");
      api.awaitQueryable(Duration.ofSeconds(60));

      // Runs beside the campaigns: its shift waits for a freeze to end.
      Instant freezeEnds = Instant.now().plusSeconds(45);
      String gated = upgradeInAFreeze(api, freezeEnds);
      badInput_isRefusedWithAProblem(api);
      String apiBase = platform.service("orchestrator").baseUri().toString();
      planFirst_changesNothing_thenRunsWhatWasApproved(api, cloud, apiBase, broker);
      threeWaves_aFailureWithinTheBudget_isReported(api);
      budgetZero_stopsTheLine_andRetryAfterTheFixCompletesIt(api, cloud, apiBase);
      waveRollback_sendsEveryMemberBackToBlue(api, cloud);
      theWindowOpening_startedTheShift(api, gated, freezeEnds);
      aFleetFreeze_holdsTheShiftsOfARunningCampaign_untilItIsLifted(api, apiBase, broker);
    }
  }

  /**
   * An SRE declares a fleet freeze with the CLI (an incident): a campaign's members provision and
   * deploy green, then wait before their first shift; the campaign shows the freeze. Lifted, they
   * shift and the campaign completes. Every upgrade learned of both through its audit log.
   */
  private void aFleetFreeze_holdsTheShiftsOfARunningCampaign_untilItIsLifted(
      UpgradeApi api, String apiBase, KafkaBroker broker) {
    Run declared =
        cli(apiBase, "freeze", "declare", "e2e-incident", "--for", "2h", "--reason", "incident");
    assertEquals(0, declared.exitCode(), declared.toString());
    assertTrue(declared.out().contains("IN_EFFECT"), declared.toString());
    String id =
        api.createCampaign(
            """
            {"targetVersion":"1.34","maxConcurrency":"100%%",
             "selector":{"clusters":["search-005","identity-006"]},
             "waves":[{"name":"all"}],"plan":%s}
            """
                .formatted(plan("PT3S")),
            false);
    JsonNode held = awaitCount(api, id, "UPGRADING", 2);
    for (String m : List.of("search-005", "identity-006")) {
      String upgrade = awaitUpgradeOf(api, id, m);
      JsonNode waiting = api.awaitState(upgrade, Set.of("AWAITING_WINDOW"), false, LONG);
      assertEquals("SHIFTING", waiting.path("heldFor").asText(), waiting.toString());
      assertTrue(
          waiting.path("fleetFreezes").toString().contains("e2e-incident"), waiting.toString());
    }
    JsonNode campaign = api.campaign(id);
    assertTrue(campaign.path("fleetFreezes").toString().contains("incident"), held.toString());

    Run lifted = cli(apiBase, "freeze", "lift", "e2e-incident");
    assertEquals(0, lifted.exitCode(), lifted.toString());
    JsonNode done = api.awaitCampaign(id, ENDED, LONG);
    assertEquals("COMPLETED", done.path("status").asText(), done.toString());
    String upgrade = UpgradeApi.member(done, "search-005").path("upgradeId").asText();
    List<String> reasons =
        api.auditTrail(upgrade).stream()
            .filter(
                e ->
                    "dev.bluegreen.orchestrator.FleetFreezes"
                        .equals(e.path("data").path("cause").path("type").asText()))
            .map(e -> e.path("data").path("reason").asText())
            .toList();
    assertEquals(2, reasons.size(), reasons.toString());
    assertTrue(
        reasons.get(0).contains("declared") && reasons.get(1).contains("lifted"),
        reasons.toString());
    // The freezes are inputs on the audit log: read back from Kafka, it replays through decide.
    Replayer.Report replayed =
        new Replayer(new UpgradeDecider(PhaseTimeouts.defaults()))
            .replayLines(AuditHistory.through(broker, upgrade, "COMPLETED").inLogOrder());
    assertEquals(Replayer.Verdict.REPRODUCED, replayed.verdict(), replayed.render());
    Run list = cli(apiBase, "freeze", "list", "--all");
    assertTrue(list.out().contains("LIFTED"), list.toString());
  }

  /** The upgrade a campaign started for {@code member}, once the orchestrator has it. */
  private static String awaitUpgradeOf(UpgradeApi api, String id, String member) {
    dev.bluegreen.testkit.Deadline deadline = dev.bluegreen.testkit.Deadline.in(LONG);
    while (true) {
      // The campaign names the upgrade when it asks for it; the upgrade exists once decided.
      String upgrade = UpgradeApi.member(api.campaign(id), member).path("upgradeId").asText("");
      if (!upgrade.isEmpty() && api.get("/upgrades/" + upgrade).status() == 200) {
        return upgrade;
      }
      deadline.check("an upgrade of " + member);
      deadline.pause();
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

  /**
   * Through bin/bluegreen, as an SRE does it: plan (real pre-flights, nothing changed), skip the
   * member that fails, start, watch to COMPLETED; then bin/replay --campaign reproduces every
   * decision from the campaign audit log.
   */
  private void planFirst_changesNothing_thenRunsWhatWasApproved(
      UpgradeApi api, SimulatedCloud cloud, String apiBase, KafkaBroker broker) throws IOException {
    int writesBefore = cloud.sim.journal().entries().size();
    Path file = home.resolve("plan-first.json");
    Files.writeString(
        file,
        """
        {"name":"plan first","targetVersion":"next",
         "selector":{"clusters":["payments-010","identity-012"]},"plan":%s}
        """
            .formatted(plan("PT3S")));
    Run plan = cli(apiBase, "campaign", "plan", file.toString(), "--interval", "PT0.5S");
    System.out.println("CampaignIT: bluegreen campaign plan:\n" + plan);
    assertEquals(ExitCodes.OK, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("pre-flights done"), "a progress line: " + plan);
    String id = plan.out().lines().findFirst().orElseThrow().split(" ")[1];
    assertTrue(
        plan.out()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("  payments-010")
                        && l.contains("FAILED")
                        && l.contains("pre-flight checks failed")),
        plan.toString());
    assertTrue(
        plan.out().lines().anyMatch(l -> l.startsWith("  identity-012") && l.contains("passed")),
        plan.toString());
    assertTrue(plan.out().contains("start it: bluegreen campaign start " + id), plan.toString());
    JsonNode planned = api.awaitCampaign(id, Set.of("PLANNED"), LONG);
    assertEquals(
        writesBefore,
        cloud.sim.journal().entries().size(),
        "planning (pre-flight only) made no mutating call: " + cloud.sim.journal().entries());
    JsonNode payments = UpgradeApi.member(planned, "payments-010");
    assertFalse(payments.path("planPassed").asBoolean(), payments.toString());
    assertTrue(UpgradeApi.member(planned, "identity-012").path("planPassed").asBoolean());
    // The plan's dry runs are not upgrades a person scanning the fleet should see.
    JsonNode listed = api.get("/upgrades?cluster=payments-010").body();
    assertEquals(0, listed.size(), listed.toString());

    Run skip = cli(apiBase, "campaign", "skip", id, "payments-010", "--reason", "removed APIs");
    assertEquals(ExitCodes.OK, skip.exitCode(), skip.toString());
    Run start = cli(apiBase, "campaign", "start", id, "--reason", "plan approved");
    assertEquals(ExitCodes.OK, start.exitCode(), start.toString());
    assertTrue(start.out().startsWith("start " + id + ": now "), start.toString());
    Run watch = cli(apiBase, "campaign", "watch", id, "--interval", "PT0.5S", "--timeout", "PT5M");
    System.out.println("CampaignIT: bluegreen campaign watch:\n" + watch);
    assertEquals(ExitCodes.OK, watch.exitCode(), watch.toString());
    assertTrue(watch.out().contains("campaign " + id + " ended COMPLETED"), watch.toString());

    JsonNode done = api.campaign(id);
    assertEquals("COMPLETED", done.path("status").asText(), done.toString());
    assertEquals("SKIPPED", UpgradeApi.memberStatus(done, "payments-010"));
    JsonNode identity = UpgradeApi.member(done, "identity-012");
    assertEquals("COMPLETED", identity.path("status").asText());
    assertEquals(
        "pre-flight passed", identity.path("planResult").asText(), "the plan beside what happened");
    assertEquals("1.33", api.get("/clusters/identity-012").body().path("version").asText());

    Run get = cli(apiBase, "campaign", "get", id);
    assertEquals(ExitCodes.OK, get.exitCode(), get.toString());
    assertTrue(
        get.out()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("  identity-012")
                        && l.contains("COMPLETED")
                        && l.contains("passed")),
        "the plan beside what happened: " + get);
    Run list = cli(apiBase, "campaign", "list", "--status", "COMPLETED");
    assertTrue(list.out().contains(id), list.toString());
    Run late = cli(apiBase, "campaign", "pause", id, "--reason", "too late");
    assertEquals(ExitCodes.ERROR, late.exitCode(), late.toString());
    assertTrue(
        late.err().lines().anyMatch(l -> l.startsWith("bluegreen: The action makes no sense")),
        late.toString());
    Run events = cli(apiBase, "-o", "json", "campaign", "events", id);
    assertEquals(ExitCodes.OK, events.exitCode(), events.toString());
    JsonNode trail = new com.fasterxml.jackson.databind.ObjectMapper().readTree(events.out());
    assertTrue(trail.isArray() && trail.size() > 3, events.toString());
    Run timeline = cli(apiBase, "campaign", "timeline", id);
    assertTrue(timeline.out().contains("COMPLETED"), timeline.toString());

    // bin/replay --campaign: every decision of the audit log comes out of decide again.
    // The API reads its store, which sees a decision as soon as it is made; the topic shows it to
    // read_committed readers once its transaction commits: read until the two agree.
    CampaignAuditReader.Result read = new CampaignAuditReader(broker.bootstrapServers()).read(id);
    dev.bluegreen.testkit.Deadline committed =
        dev.bluegreen.testkit.Deadline.in(Duration.ofSeconds(30));
    while (read.entries().size() < trail.size()) {
      committed.check("the audit topic to show all " + trail.size() + " entries of " + id);
      committed.pause();
      read = new CampaignAuditReader(broker.bootstrapServers()).read(id);
    }
    CampaignReplayer.Report report = new CampaignReplayer().replay(id, read.entries());
    String replayed = CampaignReplayer.timeline(read.entries(), report);
    System.out.println("CampaignIT: bin/replay --campaign " + id + ":\n" + replayed);
    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), replayed);
    assertEquals(trail.size(), read.entries().size(), "the API's trail is the audit topic's");
    assertTrue(replayed.contains("identity-012") && replayed.contains("SKIPPED"), replayed);
    assertTrue(replayed.contains("REFUSED in COMPLETED"), "the refused pause is replayed too");
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
    // Every member is still in the fleet (now on its next generation): nothing vanished.
    UpgradeApi.Answer drift = api.get("/campaigns/" + id + "/drift");
    assertEquals(200, drift.status(), drift.body().toString());
    assertEquals(0, drift.body().path("vanished").size(), drift.body().toString());
  }

  private void budgetZero_stopsTheLine_andRetryAfterTheFixCompletesIt(
      UpgradeApi api, SimulatedCloud cloud, String apiBase) {
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
    // bluegreen campaign watch --exit-on-pause: the line stops, the watch says why and exits 13.
    Run watch =
        cli(
            apiBase,
            "campaign",
            "watch",
            id,
            "--exit-on-pause",
            "--interval",
            "PT0.5S",
            "--timeout",
            "PT5M");
    assertEquals(ExitCodes.CAMPAIGN_PAUSED, watch.exitCode(), watch.toString());
    assertTrue(watch.err().contains("budget is 0"), watch.toString());
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

  /** bin/bluegreen in-process against the platform's API, output captured. */
  private Run cli(String api, String... args) {
    return new InProcessCli(api, token, home, "campaign-it").run(args);
  }
}
