package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import dev.bluegreen.timeline.AuditLine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code bin/replay --verify} end to end: a history decided by the real decide, written to the
 * audit topic of a real broker, read back and replayed; a tampered one is caught.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyIT {

  private static final Instant T0 =
      Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES);
  private AuditReader reader;

  @BeforeAll
  void recordHistories(KafkaBroker broker, EventProbe probe) {
    DecidedHistory.withRollback(T0, "verify").events().forEach(probe::publish);
    DecidedHistory tampered = DecidedHistory.withRollback(T0, "tampered");
    for (AuditEntry entry : tampered.log) {
      if (entry instanceof UpgradeTransitioned t && t.to() == UpgradeState.ROLLING_BACK) {
        // Someone rewrites history: the failed analysis "completed the shift" instead.
        tampered.log.set(tampered.log.indexOf(entry), withTo(t, UpgradeState.HANDOVER));
        break;
      }
    }
    tampered.events().forEach(probe::publish);
    // As the orchestrator wrote them before it recorded inputs (History attaches none).
    History.rolledBack("upg-old", "legacy-verify", T0).events.forEach(probe::publish);
    reader = new AuditReader(broker.bootstrapServers());
  }

  @Test
  void givenADecidedHistory_whenVerified_thenEveryEntryIsReproduced() {
    AuditReader.Result result =
        reader.read(new AuditReader.Selection(null, "orders-verify", null, null));

    Replayer.Report report = ReplayMain.verify(result, null);

    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
    assertEquals(result.lines().size(), report.reproduced());
    assertTrue(report.reproduced() > 10, report.render());
    assertEquals(0, ReplayMain.exitStatus(report.verdict()));
  }

  @Test
  void givenATamperedHistory_whenVerified_thenTheRewrittenEntryIsTheFirstDivergence() {
    AuditReader.Result result =
        reader.read(new AuditReader.Selection(null, "orders-tampered", null, null));

    Replayer.Report report = ReplayMain.verify(result, null);

    assertEquals(Replayer.Verdict.DIVERGED, report.verdict(), report.render());
    List<AuditLine> lines = result.inLogOrder();
    AuditLine diverged = lines.get(report.divergence().index());
    assertEquals(UpgradeState.HANDOVER, diverged.to());
    assertEquals(UpgradeState.ROLLING_BACK, report.divergence().replayed().to());
    assertEquals(1, ReplayMain.exitStatus(report.verdict()));
  }

  @Test
  void givenEntriesWrittenBeforeInputsWereRecorded_whenVerified_thenTheyAreNotReplayable() {
    AuditReader.Result result =
        reader.read(new AuditReader.Selection(null, "legacy-verify", null, null));

    Replayer.Report report = ReplayMain.verify(result, null);

    assertEquals(Replayer.Verdict.INCOMPLETE, report.verdict(), report.render());
    assertEquals(0, report.notReplayable().get(0).index());
    assertEquals(3, ReplayMain.exitStatus(report.verdict()));
  }

  private static UpgradeTransitioned withTo(UpgradeTransitioned t, UpgradeState to) {
    return new UpgradeTransitioned(
        t.upgradeId(),
        t.cluster(),
        t.from(),
        to,
        t.cause(),
        t.actor(),
        t.reason(),
        t.at(),
        t.decisionVersion(),
        t.stepIndex(),
        t.commands(),
        t.currentVersion(),
        t.targetVersion(),
        t.stepCount(),
        t.input());
  }
}
