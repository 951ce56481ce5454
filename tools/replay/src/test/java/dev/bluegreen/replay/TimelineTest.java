package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.timeline.Format;
import dev.bluegreen.timeline.SharedStrings;
import dev.bluegreen.timeline.Timeline;
import dev.bluegreen.timeline.TimelineCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A recorded history becomes the timeline a postmortem needs. */
class TimelineTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private final Timeline timeline =
      Timeline.of("upg-1", History.rolledBack("upg-1", "payments-prod", T0).lines());

  @Test
  void phases_followTheTransitions_withTheirDurations() {
    assertEquals(
        List.of(
            UpgradeState.REQUESTED,
            UpgradeState.PREFLIGHT,
            UpgradeState.PROVISIONING,
            UpgradeState.DEPLOYING,
            UpgradeState.VERIFYING,
            UpgradeState.AWAITING_SHIFT_APPROVAL,
            UpgradeState.SHIFTING,
            UpgradeState.ROLLING_BACK,
            UpgradeState.ROLLED_BACK),
        timeline.phases().stream().map(Timeline.Stay::state).toList());
    assertEquals(Duration.ofMinutes(15), timeline.timePerState().get(UpgradeState.PROVISIONING));
    assertEquals(
        Duration.ofMinutes(5), timeline.timePerState().get(UpgradeState.AWAITING_SHIFT_APPROVAL));
    assertEquals(Optional.of(UpgradeState.ROLLED_BACK), timeline.finalState());
  }

  @Test
  void failures_listTheRejectionAndTheRollbackWithTheirReasons() {
    List<String> reasons = timeline.failures().stream().map(AuditLine::reason).toList();
    assertEquals(3, reasons.size(), reasons.toString());
    assertTrue(reasons.get(0).contains("no traffic has moved yet"));
    assertTrue(reasons.get(1).contains("analysis error-rate FAILED"));
    assertTrue(reasons.get(2).contains("traffic 100% on blue"));
  }

  @Test
  void stateAt_answersWhatTheClusterWasDoingAtAMoment() {
    assertEquals(Optional.empty(), timeline.stateAt(T0.minusSeconds(1)));
    assertEquals(Optional.of(UpgradeState.PROVISIONING), timeline.stateAt(T0.plusSeconds(10 * 60)));
    assertEquals(Optional.of(UpgradeState.SHIFTING), timeline.stateAt(T0.plusSeconds(27 * 60)));
  }

  @Test
  void text_showsEveryDecisionWithCauseAndActor() {
    String text = Format.TEXT.render(List.of(timeline));
    assertTrue(text.contains("Upgrade upg-1 of cluster payments-prod — ROLLED_BACK"), text);
    assertTrue(text.contains("SHIFTING → ROLLING_BACK"), text);
    assertTrue(text.contains("by traffic-shifter"), text);
    assertTrue(text.contains("cause AnalysisCompleted → RollBackTraffic"), text);
    assertTrue(text.contains("PROVISIONING                     15m 0s"), text);
  }

  @Test
  void markdown_isATableAPostmortemCanPaste() {
    String md = Format.MARKDOWN.render(List.of(timeline));
    assertTrue(md.contains("## Upgrade `upg-1` of `payments-prod`"), md);
    assertTrue(md.contains("| PROVISIONING | 15m 0s |"), md);
    assertTrue(
        md.contains(
            "| 2026-11-25T09:31:00Z | SHIFTING → ROLLING_BACK | traffic-shifter | AnalysisCompleted `cause-8` | RollBackTraffic |"),
        md);
  }

  @Test
  void html_isSelfContained_withAGanttBarPerStay() {
    String html = Format.HTML.render(List.of(timeline));
    assertTrue(html.startsWith("<!doctype html>"));
    assertEquals(timeline.phases().size(), html.split("<rect ").length - 1);
    assertTrue(html.contains("class=\"bar fail\""), "rollback bars are marked");
    assertTrue(
        !html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
  }

  @Test
  void collectedTimelines_keepNoEntries_andRenderAsTimelinesOfTheWholeLines() throws Exception {
    List<AuditLine> lines =
        new ArrayList<>(
            DecidedHistory.withRollback(T0).events().stream().map(AuditLine::of).toList());
    TimelineCollector collector = new TimelineCollector();
    lines.forEach(collector);
    List<Timeline> collected = collector.timelines();

    lines.sort(Comparator.comparing(AuditLine::at));
    List<Timeline> whole = Timeline.byUpgrade(lines);
    assertTrue(whole.size() > 1, "more than one upgrade: " + whole.size());
    assertTrue(
        collected.stream().flatMap(t -> t.lines().stream()).allMatch(l -> l.entry() == null));
    for (Format format : Format.values()) {
      StringBuilder streamed = new StringBuilder();
      format.render(collected, streamed);
      assertEquals(format.render(whole), streamed.toString(), format.name());
    }
  }

  @Test
  void sharedStrings_keepOneCopyOfWhatRepeats_andStopRememberingPastTheLimit() {
    SharedStrings strings = new SharedStrings();
    String a = strings.of(new String("traffic-shifter"));
    assertSame(a, strings.of(new String("traffic-shifter")));
    for (int i = 0; i < SharedStrings.LIMIT + 10; i++) {
      strings.of("reason " + i);
    }
    String late = new String("never seen before");
    assertSame(late, strings.of(late), "past the limit a value is kept as it is");
    assertSame(a, strings.of(new String("traffic-shifter")), "what it knew it still shares");
  }

  @Test
  void html_escapesWhatPeopleTyped() {
    var history =
        new History("upg-2", "c", T0)
            .to(UpgradeState.REQUESTED, 0, "<script>x</script>", "UpgradeRequested", "a < b");
    String html = Format.HTML.render(List.of(Timeline.of("upg-2", history.lines())));
    assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"));
    assertTrue(!html.contains("<script>"));
  }
}
