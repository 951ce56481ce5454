package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.timeline.Format;
import dev.bluegreen.timeline.Timeline;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit history of a real run, captured off the audit topic by e2e's {@code
 * RollbackHistoryCapture}: search-011 upgraded from 1.32 to 1.33 by the whole platform, the shift
 * approved, then rolled back by hand while soaking. It renders the expected timeline (compared with
 * the golden renderings next to it), and replays through decide.
 *
 * <p>After a new capture, or a deliberate change to the renderings, rewrite the golden files with
 * {@code -Dreplay.golden.update=true} and read the diff before committing it.
 */
class CapturedRollbackTest {

  static final Path HISTORIES = Path.of("src/test/resources/histories");
  static final Path CAPTURE = HISTORIES.resolve("manual-rollback.jsonl");

  private final List<CapturedRecords.Captured> records = CapturedRecords.read(CAPTURE);
  private final List<AuditLine> inLogOrder = decode(records);
  private final Timeline timeline = single(inLogOrder);

  @Test
  void everyCapturedRecord_decodesAsAnAuditEntryWithItsInput() {
    assertEquals(14, inLogOrder.size());
    for (AuditLine line : inLogOrder) {
      assertNotNull(line, "every record decodes");
      assertNotNull(((UpgradeTransitioned) line.entry()).input(), "the input decide saw");
      assertEquals("search-011", line.cluster());
    }
  }

  @Test
  void timeline_walksThePhasesOfTheRun_thenRollsBack() {
    assertEquals(
        List.of(
            UpgradeState.PREFLIGHT,
            UpgradeState.PROVISIONING,
            UpgradeState.DEPLOYING,
            UpgradeState.VERIFYING,
            UpgradeState.AWAITING_SHIFT_APPROVAL,
            UpgradeState.SHIFTING,
            UpgradeState.HANDOVER,
            UpgradeState.SOAKING,
            UpgradeState.ROLLING_BACK,
            UpgradeState.ROLLED_BACK),
        timeline.phases().stream().map(Timeline.Stay::state).toList());
    Timeline.Stay last = timeline.phases().get(timeline.phases().size() - 1);
    assertFalse(last.open(), "ROLLED_BACK is where the upgrade ended");
    assertTrue(
        timeline.timePerState().get(UpgradeState.ROLLING_BACK).toMillis() > 0,
        "the rollback took time: " + timeline.timePerState());
  }

  @Test
  void rollbackDecision_namesItsCauseItsActorAndWhatItSent() {
    AuditLine rollback =
        inLogOrder.stream()
            .filter(l -> l.to() == UpgradeState.ROLLING_BACK && l.from() == UpgradeState.SOAKING)
            .findFirst()
            .orElseThrow();

    assertEquals("dev.bluegreen.UpgradeControlRequested.v1", rollback.causeType());
    assertEquals("e2e@example.com", rollback.actor());
    assertEquals(List.of("RollBackTraffic"), rollback.commands());
    assertEquals("rollback requested (ROLLBACK by e2e@example.com)", rollback.reason());
    assertTrue(timeline.failures().contains(rollback), "a rollback is listed as a failure");
    assertEquals(
        UpgradeState.ROLLING_BACK,
        timeline.stateAt(rollback.at()).orElseThrow(),
        "the state at the moment of the decision is the one it chose");
  }

  @Test
  void text_rendersAsTheGoldenText() throws IOException {
    String text = Format.TEXT.render(List.of(timeline));
    assertTrue(text.contains("of cluster search-011 — ROLLED_BACK"), text);
    assertTrue(
        text.contains("SOAKING → ROLLING_BACK")
            && text.contains("by e2e@example.com")
            && text.contains("cause UpgradeControlRequested → RollBackTraffic"),
        text);
    assertGolden("manual-rollback.txt", text);
  }

  @Test
  void markdown_rendersAsTheGoldenMarkdown() throws IOException {
    String md = Format.MARKDOWN.render(List.of(timeline));
    assertTrue(md.contains("- Outcome: **ROLLED_BACK**"), md);
    assertTrue(
        md.contains(
            " | SOAKING → ROLLING_BACK | e2e@example.com | UpgradeControlRequested"
                + " `76d5a519-d24d-47c9-9099-bec3229601b6` | RollBackTraffic |"
                + " rollback requested (ROLLBACK by e2e@example.com) |"),
        md);
    assertGolden("manual-rollback.md", md);
  }

  @Test
  void html_rendersAsTheGoldenPage_withABarPerPhase() throws IOException {
    String html = Format.HTML.render(List.of(timeline));
    assertEquals(timeline.phases().size(), html.split("<rect ").length - 1);
    assertTrue(html.contains("<tr class=\"fail\"><td>"), "the rollback row is marked");
    assertGolden("manual-rollback.html", html);
  }

  @Test
  void verify_reproducesEveryEntryOfTheRealRun() {
    Replayer.Report report =
        new Replayer(new UpgradeDecider(PhaseTimeouts.defaults())).replayLines(inLogOrder);

    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
    assertEquals(inLogOrder.size(), report.reproduced());
    assertEquals("REPRODUCED: 14 of 14 audit entries reproduced by decide\n", report.render());
  }

  @Test
  void verify_catchesTheCaptureEditedOnTheWire() {
    // Someone edits the stored record: the manual rollback "completed the upgrade" instead.
    List<CapturedRecords.Captured> edited = new ArrayList<>(records);
    int index = 9;
    CapturedRecords.Captured r = edited.get(index);
    String value = new String(r.value(), StandardCharsets.UTF_8);
    assertTrue(value.contains("\"to\":\"ROLLING_BACK\""), value);
    edited.set(
        index,
        new CapturedRecords.Captured(
            r.key(),
            r.headers(),
            value
                .replace("\"to\":\"ROLLING_BACK\"", "\"to\":\"COMPLETED\"")
                .getBytes(StandardCharsets.UTF_8)));

    Replayer.Report report =
        new Replayer(new UpgradeDecider(PhaseTimeouts.defaults())).replayLines(decode(edited));

    assertEquals(Replayer.Verdict.DIVERGED, report.verdict(), report.render());
    assertEquals(index, report.divergence().index());
    assertEquals(UpgradeState.ROLLING_BACK, report.divergence().replayed().to());
  }

  static List<AuditLine> decode(List<CapturedRecords.Captured> records) {
    AuditReader reader = new AuditReader("unused:9092"); // decode only: never connects
    return records.stream().map(r -> reader.decode(r.kafkaHeaders(), r.value())).toList();
  }

  private static Timeline single(List<AuditLine> lines) {
    List<AuditLine> byTime = new ArrayList<>(lines);
    byTime.sort(Comparator.comparing(AuditLine::at));
    List<Timeline> timelines = Timeline.byUpgrade(byTime);
    assertEquals(1, timelines.size());
    return timelines.get(0);
  }

  /** Compares with the golden rendering, or rewrites it with {@code -Dreplay.golden.update}. */
  static void assertGolden(String name, String actual) throws IOException {
    Path golden = HISTORIES.resolve(name);
    if (Boolean.getBoolean("replay.golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(golden), "no golden file " + golden + " (-Dreplay.golden.update)");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name);
  }
}
