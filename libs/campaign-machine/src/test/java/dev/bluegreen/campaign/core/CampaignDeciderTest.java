package dev.bluegreen.campaign.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.campaign.core.CampaignInput.Control;
import dev.bluegreen.campaign.core.CampaignInput.MemberUpdate;
import dev.bluegreen.campaign.core.CampaignInput.Requested;
import dev.bluegreen.campaign.core.CampaignInput.Tick;
import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.CampaignAction;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.MemberStatus;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The campaign state machine, input by input, without Kafka. */
class CampaignDeciderTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final UpgradePlan PLAN =
      new UpgradePlan(
          List.of(TrafficStep.setWeight(100)),
          Duration.ofMinutes(10),
          new ApprovalGates(false, false),
          null);

  final CampaignDecider decider = new CampaignDecider();
  int seq;
  Instant now = T0;

  // ------------------------------------------------------------------------------ fixtures

  static CampaignMember member(String name) {
    return new CampaignMember(name, name, "1.31", "1.32", name.split("-")[0], null);
  }

  static CampaignWave wave(
      String name,
      int concurrency,
      Duration soak,
      boolean gate,
      Integer budget,
      String... members) {
    return new CampaignWave(name, List.of(members), concurrency, soak, gate, budget);
  }

  static CampaignRequested spec(
      List<CampaignWave> waves, int maxConcurrency, int budget, Integer sameLimit, boolean dryRun) {
    List<CampaignMember> members =
        waves.stream().flatMap(w -> w.members().stream()).map(CampaignDeciderTest::member).toList();
    return new CampaignRequested(
        "cmp-1",
        "test",
        null,
        members,
        waves,
        maxConcurrency,
        budget,
        sameLimit,
        PLAN,
        null,
        null,
        dryRun,
        "alice",
        T0,
        null,
        null);
  }

  /** Three waves: canary (1), two (2 at once), rest (3, at most 2 at once). */
  static CampaignRequested threeWaves(int budget) {
    return spec(
        List.of(
            wave("canary", 1, null, false, null, "search-001"),
            wave("two", 2, null, false, null, "search-002", "payments-001"),
            wave("rest", 2, null, false, null, "search-003", "payments-002", "payments-003")),
        10,
        budget,
        null,
        false);
  }

  CampaignDecision feed(Campaign state, CampaignInput input) {
    CampaignDecision d = decider.decide(state, input);
    return d;
  }

  Requested request(CampaignRequested spec) {
    return new Requested("req-" + (++seq), "CampaignRequested", now, spec);
  }

  Control control(CampaignAction action, String member, String wave) {
    return new Control(
        "ctl-" + (++seq),
        "CampaignControlRequested",
        now,
        new CampaignControlRequested("cmp-1", action, member, wave, "bob", "because", now));
  }

  MemberUpdate moved(Campaign c, String member, UpgradeState from, UpgradeState to, String reason) {
    String id = c.member(member).orElseThrow().upgradeId();
    return new MemberUpdate(
        "aud-" + (++seq),
        "UpgradeTransitioned",
        now,
        member,
        id,
        from,
        to,
        reason,
        false,
        false,
        false);
  }

  MemberUpdate refusedStart(Campaign c, String member, String reason) {
    String id = c.member(member).orElseThrow().upgradeId();
    return new MemberUpdate(
        "aud-" + (++seq), "InputRejected", now, member, id, null, null, reason, true, true, false);
  }

  /** Takes a member's upgrade from start to the given end. */
  Campaign finish(Campaign c, String member, UpgradeState end) {
    return feed(
            c,
            moved(
                c,
                member,
                UpgradeState.PREFLIGHT,
                end,
                end == UpgradeState.FAILED ? "pre-flight checks failed: removed-apis" : "done"))
        .next();
  }

  static MemberStatus status(Campaign c, String member) {
    return c.member(member).orElseThrow().status();
  }

  static List<String> started(CampaignDecision d) {
    return d.orders().stream()
        .filter(o -> o instanceof MemberOrder.Start)
        .map(MemberOrder::member)
        .toList();
  }

  // --------------------------------------------------------------------------------- tests

  @Test
  void request_startsTheFirstWave_withinItsConcurrency() {
    CampaignDecision d = feed(null, request(threeWaves(0)));
    assertEquals(CampaignStatus.RUNNING, d.next().status());
    assertEquals(List.of("search-001"), started(d));
    MemberOrder.Start s = (MemberOrder.Start) d.orders().get(0);
    assertEquals(CampaignDecider.upgradeIdFor("cmp-1", "search-001", 1), s.upgradeId());
    assertEquals("1.32", s.targetVersion());
    assertFalse(s.dryRun());
    assertNull(d.auditEntry().from());
    assertEquals(CampaignStatus.RUNNING, d.auditEntry().to());
    assertEquals("alice", d.auditEntry().actor());
  }

  @Test
  void memberOnGreen_startsTheNextWave_andTheCampaignCompletesWhenAllEnded() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    CampaignDecision d =
        feed(c, moved(c, "search-001", UpgradeState.HANDOVER, UpgradeState.SOAKING, "on green"));
    assertEquals(MemberStatus.ON_GREEN, status(d.next(), "search-001"));
    assertEquals(1, d.next().wave());
    assertEquals(List.of("search-002", "payments-001"), started(d));
    c = d.next();
    c = finish(c, "search-002", UpgradeState.COMPLETED);
    d = feed(c, moved(c, "payments-001", UpgradeState.PREFLIGHT, UpgradeState.COMPLETED, "done"));
    assertEquals(2, d.next().wave());
    assertEquals(List.of("search-003", "payments-002"), started(d), "the last wave: 2 at a time");
    c = finish(d.next(), "search-003", UpgradeState.COMPLETED);
    assertEquals(
        MemberStatus.UPGRADING, status(c, "payments-003"), "a slot freed: the third starts");
    c = finish(c, "payments-002", UpgradeState.COMPLETED);
    c = finish(c, "payments-003", UpgradeState.COMPLETED);
    assertEquals(CampaignStatus.RUNNING, c.status(), "search-001 still keeps its blue");
    c = finish(c, "search-001", UpgradeState.COMPLETED);
    assertEquals(CampaignStatus.COMPLETED, c.status());
    assertNotNull(c.endedAt());
  }

  @Test
  void campaignConcurrency_capsEveryWave() {
    CampaignRequested spec =
        spec(
            List.of(wave("all", 10, null, false, null, "a-1", "a-2", "a-3", "a-4")),
            2,
            0,
            null,
            false);
    CampaignDecision d = feed(null, request(spec));
    assertEquals(List.of("a-1", "a-2"), started(d));
    d =
        feed(
            d.next(),
            moved(d.next(), "a-1", UpgradeState.HANDOVER, UpgradeState.SOAKING, "on green"));
    assertEquals(
        List.of("a-3"), started(d), "a member on green no longer counts against concurrency");
  }

  @Test
  void failuresWithinTheBudget_goOn_andAreReported() {
    Campaign c = feed(null, request(threeWaves(3))).next();
    c = finish(c, "search-001", UpgradeState.COMPLETED);
    c = finish(c, "payments-001", UpgradeState.FAILED);
    assertEquals(CampaignStatus.RUNNING, c.status());
    Member failed = c.member("payments-001").orElseThrow();
    assertEquals(MemberStatus.FAILED, failed.status());
    assertEquals(UpgradeState.PREFLIGHT, failed.failedIn());
    assertTrue(failed.reason().contains("removed-apis"));
    c = finish(c, "search-002", UpgradeState.COMPLETED);
    assertEquals(2, c.wave());
  }

  @Test
  void failurePastTheBudget_pausesWithTheReason_andNothingNewStarts() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    c = finish(c, "search-001", UpgradeState.COMPLETED);
    CampaignDecision d =
        feed(
            c,
            moved(
                c,
                "payments-001",
                UpgradeState.PREFLIGHT,
                UpgradeState.FAILED,
                "pre-flight checks failed: removed-apis"));
    assertEquals(CampaignStatus.PAUSED, d.next().status());
    assertTrue(d.next().pauseReason().contains("stopped the line"), d.next().pauseReason());
    assertTrue(d.auditEntry().reason().contains("budget is 0"));
    c = finish(d.next(), "search-002", UpgradeState.COMPLETED);
    assertEquals(CampaignStatus.PAUSED, c.status());
    assertEquals(1, c.wave(), "the next wave does not start while paused");
  }

  @Test
  void retryOfTheFailedMember_resumesTheFailedUpgrade_andTheCampaignGoesOnItself() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    c = finish(c, "search-001", UpgradeState.COMPLETED);
    c = finish(c, "payments-001", UpgradeState.FAILED);
    assertEquals(CampaignStatus.PAUSED, c.status());
    String upgrade = c.member("payments-001").orElseThrow().upgradeId();
    CampaignDecision d = feed(c, control(CampaignAction.RETRY, "payments-001", null));
    MemberOrder.Control retry = (MemberOrder.Control) d.orders().get(0);
    assertEquals(ControlAction.RETRY, retry.action());
    assertEquals(upgrade, retry.upgradeId(), "the same upgrade, with its pinned plan");
    assertEquals(CampaignStatus.RUNNING, d.next().status(), "failures back within the budget");
    c = finish(d.next(), "payments-001", UpgradeState.COMPLETED);
    c = finish(c, "search-002", UpgradeState.COMPLETED);
    assertEquals(2, c.wave());
  }

  @Test
  void resume_acceptsTheFailuresSeen() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    c = finish(c, "search-001", UpgradeState.COMPLETED);
    c = finish(c, "payments-001", UpgradeState.FAILED);
    c = feed(c, control(CampaignAction.RESUME, null, null)).next();
    assertEquals(CampaignStatus.RUNNING, c.status());
    assertTrue(c.member("payments-001").orElseThrow().acknowledged());
    c = finish(c, "search-002", UpgradeState.COMPLETED);
    assertEquals(2, c.wave());
  }

  @Test
  void sameFailureOnSeveralMembers_tripsEarly_evenWithinTheBudget() {
    CampaignRequested spec =
        spec(
            List.of(
                wave("all", 3, null, false, null, "payments-001", "payments-002", "search-001")),
            3,
            5,
            2,
            false);
    Campaign c = feed(null, request(spec)).next();
    c = finish(c, "payments-001", UpgradeState.FAILED);
    assertEquals(CampaignStatus.RUNNING, c.status());
    c = finish(c, "payments-002", UpgradeState.FAILED);
    assertEquals(CampaignStatus.PAUSED, c.status());
    assertTrue(c.pauseReason().contains("the same failure on 2 members"), c.pauseReason());
  }

  @Test
  void refusedStart_countsAsAFailure() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    CampaignDecision d =
        feed(c, refusedStart(c, "search-001", "cluster search-001 already has an active upgrade"));
    assertEquals(MemberStatus.FAILED, status(d.next(), "search-001"));
    assertEquals(CampaignStatus.PAUSED, d.next().status());
    d = feed(d.next(), control(CampaignAction.RETRY, "search-001", null));
    MemberOrder.Start again = (MemberOrder.Start) d.orders().get(0);
    assertEquals(
        CampaignDecider.upgradeIdFor("cmp-1", "search-001", 2), again.upgradeId(), "a new attempt");
  }

  @Test
  void waveGate_waitsForApproval() {
    CampaignRequested spec =
        spec(
            List.of(
                wave("canary", 1, null, false, null, "a-1"),
                wave("gated", 1, null, true, null, "a-2")),
            5,
            0,
            null,
            false);
    Campaign c = feed(null, request(spec)).next();
    c = finish(c, "a-1", UpgradeState.COMPLETED);
    assertEquals(CampaignStatus.AWAITING_APPROVAL, c.status());
    CampaignDecision d = feed(c, control(CampaignAction.APPROVE, null, null));
    assertEquals(CampaignStatus.RUNNING, d.next().status());
    assertEquals(List.of("a-2"), started(d));
    assertTrue(d.auditEntry().reason().contains("approved by bob"));
  }

  @Test
  void soak_holdsTheNextWave_untilItHasPassed() {
    CampaignRequested spec =
        spec(
            List.of(
                wave("canary", 1, Duration.ofHours(1), false, null, "a-1"),
                wave("rest", 1, null, false, null, "a-2")),
            5,
            0,
            null,
            false);
    Campaign c = feed(null, request(spec)).next();
    c = feed(c, moved(c, "a-1", UpgradeState.HANDOVER, UpgradeState.SOAKING, "on green")).next();
    assertEquals(T0.plus(Duration.ofHours(1)), c.soakUntil());
    now = T0.plus(Duration.ofMinutes(30));
    assertNull(feed(c, new Tick("t1", now)).auditEntry(), "a quiet tick records nothing");
    now = T0.plus(Duration.ofMinutes(61));
    CampaignDecision d = feed(c, new Tick("t2", now));
    assertEquals(List.of("a-2"), started(d));
  }

  @Test
  void notBefore_holdsTheStart() {
    CampaignRequested base = threeWaves(0);
    CampaignRequested later =
        new CampaignRequested(
            base.campaignId(),
            base.name(),
            null,
            base.members(),
            base.waves(),
            10,
            0,
            null,
            PLAN,
            T0.plus(Duration.ofHours(2)),
            null,
            false,
            "alice",
            T0,
            null,
            null);
    CampaignDecision d = feed(null, request(later));
    assertEquals(CampaignStatus.SCHEDULED, d.next().status());
    assertTrue(d.orders().isEmpty());
    now = T0.plus(Duration.ofHours(3));
    d = feed(d.next(), new Tick("t", now));
    assertEquals(CampaignStatus.RUNNING, d.next().status());
    assertEquals(List.of("search-001"), started(d));
  }

  @Test
  void pause_holds_andCancel_startsNothingMore_andEndsWhenInFlightEnd() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    c = feed(c, control(CampaignAction.PAUSE, null, null)).next();
    assertEquals(CampaignStatus.PAUSED, c.status());
    c = finish(c, "search-001", UpgradeState.SOAKING);
    assertEquals(MemberStatus.PENDING, status(c, "search-002"), "paused: nothing starts");
    CampaignDecision d = feed(c, control(CampaignAction.CANCEL, null, null));
    assertEquals(CampaignStatus.CANCELLING, d.next().status());
    assertEquals(MemberStatus.SKIPPED, status(d.next(), "search-002"));
    c = finish(d.next(), "search-001", UpgradeState.COMPLETED);
    assertEquals(CampaignStatus.CANCELLED, c.status());
  }

  @Test
  void rollbackOfAWave_sendsEveryMemberThatKeepsItsBlue_back() {
    CampaignRequested spec =
        spec(
            List.of(wave("all", 3, null, false, null, "a-1", "a-2", "a-3", "a-4")),
            3,
            0,
            null,
            false);
    Campaign c = feed(null, request(spec)).next();
    c = feed(c, moved(c, "a-1", UpgradeState.HANDOVER, UpgradeState.SOAKING, "on green")).next();
    c = feed(c, moved(c, "a-2", UpgradeState.VERIFYING, UpgradeState.SHIFTING, "shifting")).next();
    // a-3 is still provisioning: no traffic moved, so it is cancelled; a-4 started when a-1 went
    // green.
    CampaignDecision d = feed(c, control(CampaignAction.ROLLBACK, null, "all"));
    Map<String, ControlAction> actions =
        d.orders().stream()
            .map(o -> (MemberOrder.Control) o)
            .collect(
                java.util.stream.Collectors.toMap(
                    MemberOrder.Control::member, MemberOrder.Control::action));
    assertEquals(ControlAction.ROLLBACK, actions.get("a-1"));
    assertEquals(ControlAction.ROLLBACK, actions.get("a-2"));
    assertEquals(ControlAction.CANCEL, actions.get("a-3"));
    assertEquals(CampaignStatus.PAUSED, d.next().status());
    c = d.next();
    c = finish(c, "a-1", UpgradeState.ROLLED_BACK);
    assertEquals(MemberStatus.ROLLED_BACK, status(c, "a-1"));
    assertEquals(CampaignStatus.PAUSED, c.status(), "rolled back members are not failures");
  }

  @Test
  void rollbackOfTheCampaign_endsRolledBack() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    c =
        feed(c, moved(c, "search-001", UpgradeState.HANDOVER, UpgradeState.SOAKING, "on green"))
            .next();
    CampaignDecision d = feed(c, control(CampaignAction.ROLLBACK, null, null));
    assertEquals(CampaignStatus.ROLLING_BACK, d.next().status());
    c = d.next();
    for (String m : List.of("search-002", "payments-001")) {
      c = finish(c, m, UpgradeState.CANCELLED);
    }
    c = finish(c, "search-001", UpgradeState.ROLLED_BACK);
    assertEquals(CampaignStatus.ROLLED_BACK, c.status());
    assertEquals(MemberStatus.SKIPPED, status(c, "payments-003"));
  }

  @Test
  void dryRun_plansEveryMember_thenStartRunsThePlan() {
    CampaignRequested spec =
        spec(List.of(wave("all", 1, null, false, null, "a-1", "a-2")), 1, 0, null, true);
    CampaignDecision d = feed(null, request(spec));
    assertEquals(CampaignStatus.PLANNING, d.next().status());
    assertEquals(List.of("a-1", "a-2"), started(d));
    assertTrue(((MemberOrder.Start) d.orders().get(0)).dryRun());
    Campaign c = finish(d.next(), "a-1", UpgradeState.COMPLETED);
    c = finish(c, "a-2", UpgradeState.FAILED);
    assertEquals(CampaignStatus.PLANNED, c.status());
    assertEquals(Boolean.TRUE, c.member("a-1").orElseThrow().planPassed());
    assertEquals(Boolean.FALSE, c.member("a-2").orElseThrow().planPassed());
    c = feed(c, control(CampaignAction.SKIP, "a-2", null)).next();
    d = feed(c, control(CampaignAction.START, null, null));
    assertEquals(CampaignStatus.RUNNING, d.next().status());
    MemberOrder.Start real = (MemberOrder.Start) d.orders().get(0);
    assertFalse(real.dryRun());
    assertEquals(CampaignDecider.upgradeIdFor("cmp-1", "a-1", 2), real.upgradeId());
    assertEquals(MemberStatus.SKIPPED, status(d.next(), "a-2"));
    assertEquals(
        "pre-flight passed",
        d.next().member("a-1").orElseThrow().planResult(),
        "the plan stays beside what happens");
  }

  @Test
  void redeliveredInput_changesNothing() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    MemberUpdate u =
        moved(c, "search-001", UpgradeState.HANDOVER, UpgradeState.SOAKING, "on green");
    Campaign once = feed(c, u).next();
    CampaignDecision twice = feed(once, u);
    assertEquals(once, twice.next());
    assertTrue(twice.orders().isEmpty());
    assertNull(twice.auditEntry());
  }

  @Test
  void refusedControls_areAuditedAsRejected() {
    Campaign c = feed(null, request(threeWaves(0))).next();
    CampaignDecision d = feed(c, control(CampaignAction.APPROVE, null, null));
    assertTrue(d.auditEntry().rejected());
    assertTrue(d.auditEntry().reason().contains("no gate waits"));
    assertEquals(c.members(), d.next().members());
    d = feed(c, control(CampaignAction.SKIP, "search-001", null));
    assertTrue(d.auditEntry().reason().contains("not waiting to start"));
  }

  @Test
  void replayingTheRecordedInputs_reproducesEveryState() {
    List<CampaignInput> inputs = new java.util.ArrayList<>();
    Campaign c = null;
    CampaignInput first = request(threeWaves(1));
    inputs.add(first);
    c = feed(c, first).next();
    for (String[] step :
        new String[][] {
          {"search-001", "COMPLETED"}, {"payments-001", "FAILED"}, {"search-002", "COMPLETED"}
        }) {
      CampaignInput in =
          moved(c, step[0], UpgradeState.PREFLIGHT, UpgradeState.valueOf(step[1]), "x");
      inputs.add(in);
      c = feed(c, in).next();
    }
    Campaign replayed = null;
    for (CampaignInput in : inputs) {
      replayed = new CampaignDecider().decide(replayed, in).next();
    }
    assertEquals(c, replayed);
  }
}
