package dev.bluegreen.orchestrator.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.WindowSchedule;
import dev.bluegreen.orchestrator.inventory.LogicalCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Selection, waves, counts and windows of a campaign, from a body and an inventory. */
class CampaignPlannerTest {

  static LogicalCluster cluster(String name, String version, String next) {
    String team = name.substring(0, name.indexOf('-'));
    return new LogicalCluster(
        name,
        name,
        1,
        version,
        team,
        "STANDARD_SUPPORT",
        LocalDate.parse(version.equals("1.32") ? "2026-03-23" : "2026-07-29"),
        null,
        next,
        null,
        null,
        List.of());
  }

  static final List<LogicalCluster> FLEET =
      List.of(
          cluster("payments-001", "1.32", "1.33"),
          cluster("search-002", "1.32", "1.33"),
          cluster("identity-003", "1.32", "1.33"),
          cluster("search-011", "1.32", "1.33"),
          cluster("search-005", "1.33", "1.34"),
          cluster("identity-009", "1.35", null));

  static CampaignPlanner.Context ctx(Map<String, MaintenanceWindows> teamWindows) {
    return new CampaignPlanner.Context(
        "cmp-1",
        FLEET,
        Map.of(),
        Set.of("1.33", "1.34", "1.35"),
        1,
        Duration.ofHours(24),
        false,
        "alice",
        Instant.parse("2026-01-01T00:00:00Z"),
        teamWindows::get,
        List.of());
  }

  static CampaignBody body(
      String target,
      CampaignBody.Selector selector,
      List<CampaignBody.Wave> waves,
      String concurrency,
      String budget) {
    return new CampaignBody(
        null, target, selector, waves, concurrency, budget, null, null, null, null, null);
  }

  static CampaignBody.Selector clusters(String... names) {
    return new CampaignBody.Selector(List.of(names), null, null, null, null, null);
  }

  static CampaignBody.Wave wave(
      String name, CampaignBody.Selector s, Boolean onePerTeam, Integer limit) {
    return new CampaignBody.Wave(name, s, onePerTeam, limit, null, null, null, null, null);
  }

  @Test
  void windowsThatDoNotOpenBeforeTheDeadline_areRefused_namingTheMembers() {
    // Now is 2026-01-01; the 1.32 members' deadline (end of support) is 2026-03-23. A year-long
    // freeze on the payments team keeps its window shut past it.
    MaintenanceWindows frozen =
        new MaintenanceWindows(
            List.of(),
            List.of(
                new Freeze(
                    Instant.parse("2025-12-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"),
                    "migration")));
    CampaignPlanner.Result r =
        CampaignPlanner.plan(
            body("1.33", clusters("payments-001", "search-002"), null, null, null),
            ctx(Map.of("payments", frozen)));
    assertEquals(422, r.violation().status());
    assertEquals("plan.windows", r.violation().field());
    assertTrue(
        r.violation().detail().contains("payments-001 (opens 2026-12-01T00:00:00Z)"),
        r.violation().detail());
    assertTrue(!r.violation().detail().contains("search-002"), r.violation().detail());
    // With a deadline after the freeze, the same campaign is planned.
    CampaignBody later =
        new CampaignBody(
            null,
            "1.33",
            clusters("payments-001", "search-002"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Instant.parse("2027-01-01T00:00:00Z"));
    assertNull(CampaignPlanner.plan(later, ctx(Map.of("payments", frozen))).violation());
  }

  @Test
  void aStandingFleetFreezePastTheDeadline_isRefusedForEveryMember_thoughNoPlanPinsIt() {
    Freeze fleet =
        new Freeze(
            Instant.parse("2025-12-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"),
            "fleet freeze migration");
    CampaignPlanner.Context base = ctx(Map.of());
    CampaignPlanner.Context frozen =
        new CampaignPlanner.Context(
            base.campaignId(),
            base.fleet(),
            base.tagsByServingCluster(),
            base.supportedVersions(),
            base.maxMinorVersionsPerUpgrade(),
            base.defaultRetention(),
            base.dryRun(),
            base.requestedBy(),
            base.now(),
            base.teamWindows(),
            List.of(fleet));
    CampaignBody b = body("1.33", clusters("payments-001", "search-002"), null, null, null);
    CampaignPlanner.Result r = CampaignPlanner.plan(b, frozen);
    assertEquals(422, r.violation().status(), String.valueOf(r.violation()));
    assertTrue(r.violation().detail().contains("payments-001"), r.violation().detail());
    assertTrue(r.violation().detail().contains("search-002"), r.violation().detail());
    CampaignPlanner.Result free = CampaignPlanner.plan(b, base);
    assertNull(free.violation());
    assertTrue(
        free.request().members().stream()
            .allMatch(
                m ->
                    m.plan() == null
                        || m.plan().windows() == null
                        || m.plan().windows().freezes().isEmpty()),
        "a fleet freeze is never pinned in a member's plan");
  }

  @Test
  void aGateAfterAWave_isTheGateBeforeTheNext_andAfterTheLastIsRefused() {
    CampaignBody.Wave canary =
        new CampaignBody.Wave("canary", null, true, null, null, null, null, null, true);
    CampaignPlanner.Result r =
        CampaignPlanner.plan(
            body(
                "1.33",
                clusters("payments-001", "search-002", "search-011"),
                List.of(canary, wave("rest", null, null, null)),
                null,
                null),
            ctx(Map.of()));
    assertNull(r.violation(), String.valueOf(r.violation()));
    assertEquals(
        List.of(false, true),
        r.request().waves().stream().map(CampaignWave::approvalBefore).toList());

    CampaignPlanner.Result last =
        CampaignPlanner.plan(
            body("1.33", clusters("payments-001"), List.of(canary), null, null), ctx(Map.of()));
    assertEquals(422, last.violation().status());
    assertEquals("waves[0].approvalAfter", last.violation().field());
    assertTrue(last.violation().detail().contains("beforeDecommission"), last.violation().detail());
  }

  @Test
  void next_picksEachMembersNextVersion_andLeavesOutWhatCannotBeUpgraded() {
    CampaignPlanner.Result r =
        CampaignPlanner.plan(body("next", null, null, null, null), ctx(Map.of()));
    assertNull(r.violation());
    CampaignRequested c = r.request();
    assertEquals(5, c.members().size());
    assertEquals(
        "1.34",
        c.members().stream()
            .filter(m -> m.cluster().equals("search-005"))
            .findFirst()
            .orElseThrow()
            .targetVersion());
    assertEquals(
        List.of("identity-009"),
        r.excluded().stream().map(CampaignPlanner.Excluded::cluster).toList());
    assertEquals(1, c.waves().size());
    assertEquals(
        Instant.parse("2026-03-23T00:00:00Z"),
        c.deadline(),
        "the earliest end of standard support");
  }

  @Test
  void globsAndExclusions_select() {
    CampaignBody.Selector s =
        new CampaignBody.Selector(
            List.of("search-*"), null, null, null, null, List.of("search-011"));
    CampaignRequested c =
        CampaignPlanner.plan(body("next", s, null, null, null), ctx(Map.of())).request();
    assertEquals(
        List.of("search-002", "search-005"), c.members().stream().map(m -> m.cluster()).toList());
  }

  @Test
  void waves_canaryOnePerTeam_thenASelector_thenTheRest() {
    CampaignPlanner.Result r =
        CampaignPlanner.plan(
            body(
                "1.33",
                clusters("payments-001", "search-002", "identity-003", "search-011"),
                List.of(
                    wave("canary", null, true, null),
                    wave(
                        "search",
                        new CampaignBody.Selector(null, List.of("search"), null, null, null, null),
                        null,
                        null)),
                "50%",
                "25%"),
            ctx(Map.of()));
    assertNull(r.violation(), String.valueOf(r.violation()));
    CampaignRequested c = r.request();
    List<List<String>> waves = c.waves().stream().map(CampaignWave::members).toList();
    assertEquals(
        List.of(List.of("identity-003", "payments-001", "search-002"), List.of("search-011")),
        waves.subList(0, 2));
    assertEquals(2, c.maxConcurrency(), "50% of 4");
    assertEquals(1, c.failureBudget(), "25% of 4");
  }

  @Test
  void mistakes_areNamed() {
    assertEquals(
        422,
        CampaignPlanner.plan(body("next", clusters("nothing-*"), null, null, null), ctx(Map.of()))
            .violation()
            .status());
    assertEquals(
        "maxConcurrency",
        CampaignPlanner.plan(body("next", null, null, "0", null), ctx(Map.of()))
            .violation()
            .field());
    assertEquals(
        "maxConcurrency",
        CampaignPlanner.plan(body("next", null, null, "lots", null), ctx(Map.of()))
            .violation()
            .field());
    assertEquals(
        422,
        CampaignPlanner.plan(
                body("next", null, List.of(wave("huge", null, null, 50)), null, null),
                ctx(Map.of()))
            .violation()
            .status());
    assertEquals(
        "targetVersion",
        CampaignPlanner.plan(body("1.99", null, null, null, null), ctx(Map.of()))
            .violation()
            .field());
    CampaignPlanner.Result empty =
        CampaignPlanner.plan(
            body(
                "next",
                clusters("search-002"),
                List.of(wave("all", null, null, null), wave("none", null, null, null)),
                null,
                null),
            ctx(Map.of()));
    assertTrue(
        empty.violation().detail().contains("matches no member"), empty.violation().detail());
    CampaignPlanner.Result leftOver =
        CampaignPlanner.plan(
            body(
                "next",
                null,
                List.of(
                    wave(
                        "payments",
                        new CampaignBody.Selector(
                            null, List.of("payments"), null, null, null, null),
                        null,
                        null)),
                null,
                null),
            ctx(Map.of()));
    assertTrue(leftOver.violation().detail().contains("in no wave"), leftOver.violation().detail());
  }

  @Test
  void aTeamsWindows_pinnedInItsMembersPlans() {
    MaintenanceWindows nights =
        new MaintenanceWindows(
            List.of(new WindowSchedule("0 22 * * *", "UTC", Duration.ofHours(2))), null);
    CampaignRequested c =
        CampaignPlanner.plan(
                body("next", clusters("payments-001", "search-002"), null, null, null),
                ctx(Map.of("payments", nights)))
            .request();
    assertNotNull(c.members().get(0).plan(), "payments gets its own plan");
    assertEquals(nights.schedules(), c.members().get(0).plan().windows().schedules());
    assertNull(c.members().get(1).plan(), "search uses the template");
  }
}
