package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/replay --campaign} without Kafka: a campaign history decided by the real decide (see
 * {@link CampaignHistory}), replayed, drawn, and tampered with.
 */
class CampaignReplayerTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void givenADecidedCampaign_whenReplayed_thenEveryEntryIsReproduced_andTheTimelineShowsIt() {
    CampaignHistory h = CampaignHistory.stopTheLineThenRetry("cmp-r1", T0);
    assertEquals(CampaignStatus.COMPLETED, h.state().status(), "the history ends completed");

    CampaignReplayer.Report report = new CampaignReplayer().replay(h.id, h.log);

    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
    assertEquals(h.log.size(), report.reproduced());
    assertEquals(h.state(), report.state(), "the replay ends in the state the orchestrator kept");
    String timeline = CampaignReplayer.timeline(h.log, report);
    assertTrue(
        timeline.startsWith("campaign cmp-r1  replayed  COMPLETED, 3 members in 2 waves\n"),
        timeline);
    assertTrue(timeline.contains("RUNNING → PAUSED"), "the line stopped:\n" + timeline);
    assertTrue(timeline.contains("REFUSED in PAUSED"), "the refused approve:\n" + timeline);
    assertTrue(timeline.contains("  wave 1 canary\n    search-001 "), timeline);
    assertTrue(timeline.contains("  wave 2 rest\n"), timeline);
    assertTrue(
        timeline.lines().anyMatch(l -> l.startsWith("    payments-001") && l.contains("COMPLETED")),
        "retried, then completed:\n" + timeline);
    assertTrue(
        timeline.endsWith(
            "REPRODUCED: "
                + h.log.size()
                + " of "
                + h.log.size()
                + " campaign audit entries of cmp-r1 reproduced by decide\n"),
        timeline);
    assertEquals(0, ReplayMain.exitStatus(report.verdict()));
  }

  @Test
  void givenARewrittenDecision_whenReplayed_thenItIsTheFirstDivergence() {
    CampaignHistory h = CampaignHistory.stopTheLineThenRetry("cmp-r2", T0);
    List<CampaignTransitioned> log = new ArrayList<>(h.log);
    int paused = indexOfTo(log, CampaignStatus.PAUSED);
    // Someone rewrites history: the failure "did not stop the line".
    log.set(paused, withTo(log.get(paused), CampaignStatus.RUNNING));

    CampaignReplayer.Report report = new CampaignReplayer().replay("cmp-r2", log);

    assertEquals(Replayer.Verdict.DIVERGED, report.verdict(), report.render());
    assertEquals(paused, report.divergence().index());
    assertEquals(CampaignStatus.RUNNING, report.divergence().recorded().to());
    assertEquals(CampaignStatus.PAUSED, report.divergence().replayed().to());
    assertEquals(log.size() - paused - 1, report.skipped());
    assertTrue(report.render().contains("first divergence: entry #" + paused), report.render());
    assertEquals(1, ReplayMain.exitStatus(report.verdict()));
  }

  @Test
  void givenAnEntryWithoutItsInput_whenReplayed_thenItIsNotReplayable_andReplayStopsThere() {
    CampaignHistory h = CampaignHistory.stopTheLineThenRetry("cmp-r3", T0);
    List<CampaignTransitioned> log = new ArrayList<>(h.log);
    log.set(2, withInputDropped(log.get(2)));

    CampaignReplayer.Report report = new CampaignReplayer().replay("cmp-r3", log);

    assertEquals(Replayer.Verdict.INCOMPLETE, report.verdict(), report.render());
    assertNull(report.divergence());
    assertEquals(2, report.reproduced());
    assertTrue(report.notReplayable().startsWith("entry #2 "), report.notReplayable());
    assertEquals(3, ReplayMain.exitStatus(report.verdict()));
  }

  @Test
  void givenNoEntries_theVerdictIsIncomplete_neverReproduced() {
    CampaignReplayer.Report report = new CampaignReplayer().replay("cmp-none", List.of());
    assertEquals(Replayer.Verdict.INCOMPLETE, report.verdict());
    assertTrue(report.render().contains("no audit entry found for campaign cmp-none"));
  }

  @Test
  void campaign_takesOnlyBootstrapAndOut() {
    assertEquals(
        2, ReplayMainRun.status("--campaign", "cmp-1", "--cluster", "search-001"), "refused");
  }

  private static int indexOfTo(List<CampaignTransitioned> log, CampaignStatus to) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).to() == to && log.get(i).from() != to && !log.get(i).rejected()) {
        return i;
      }
    }
    throw new AssertionError("no entry to " + to);
  }

  private static CampaignTransitioned withTo(CampaignTransitioned t, CampaignStatus to) {
    return new CampaignTransitioned(
        t.campaignId(),
        t.from(),
        to,
        t.wave(),
        t.member(),
        t.memberStatus(),
        t.cause(),
        t.actor(),
        t.reason(),
        t.rejected(),
        t.at(),
        t.decisionVersion(),
        t.commands(),
        t.input());
  }

  private static CampaignTransitioned withInputDropped(CampaignTransitioned t) {
    return new CampaignTransitioned(
        t.campaignId(),
        t.from(),
        t.to(),
        t.wave(),
        t.member(),
        t.memberStatus(),
        t.cause(),
        t.actor(),
        t.reason(),
        t.rejected(),
        t.at(),
        t.decisionVersion(),
        t.commands(),
        null);
  }

  /** Runs the command line's argument check (no broker is reached when it refuses). */
  static final class ReplayMainRun {
    static int status(String... args) {
      try {
        return ReplayMain.run(args);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
  }
}
