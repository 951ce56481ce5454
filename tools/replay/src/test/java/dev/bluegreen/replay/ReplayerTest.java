package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.upgrade.core.Input;
import dev.bluegreen.upgrade.core.PhaseTimeouts;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.recording.RecordedInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying the recorded inputs through decide proves the recorded decisions, or finds a lie. */
class ReplayerTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private final Replayer replayer = new Replayer(new UpgradeDecider(PhaseTimeouts.defaults()));
  private final List<AuditEntry> history = DecidedHistory.withRollback(T0).log;

  @Test
  void history_coversARollbackATimeoutADuplicateAndRejections() {
    List<UpgradeState> orders =
        history.stream()
            .filter(e -> e instanceof UpgradeTransitioned && e.cluster().equals("orders-prod"))
            .map(e -> ((UpgradeTransitioned) e).to())
            .toList();
    assertTrue(orders.contains(UpgradeState.ROLLING_BACK), orders.toString());
    assertEquals(UpgradeState.ROLLED_BACK, orders.get(orders.size() - 1));
    assertTrue(
        history.stream()
            .anyMatch(
                e ->
                    e instanceof UpgradeTransitioned t
                        && Input.Tick.TYPE.equals(t.cause().type())));
    assertTrue(history.stream().anyMatch(e -> e instanceof InputRejected r && r.duplicate()));
    assertTrue(history.stream().anyMatch(e -> e instanceof InputRejected r && !r.duplicate()));
  }

  @Test
  void recordedHistory_isReproduced() {
    Replayer.Report report = replayer.replay(history);
    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
    assertEquals(history.size(), report.reproduced());
    assertNull(report.divergence());
  }

  @Test
  void streamedReplay_keepsNoHistory_andReportsAsTheListReplayDoes() {
    Replayer.Run run = replayer.start();
    history.forEach(run::accept);
    assertEquals(replayer.replay(history), run.report());

    List<AuditEntry> tampered = new ArrayList<>(history);
    tampered.remove(indexOfTransitionTo(UpgradeState.SHIFTING));
    Replayer.Run tamperedRun = replayer.start();
    tampered.forEach(tamperedRun::accept);
    Replayer.Report streamed = tamperedRun.report();
    assertEquals(replayer.replay(tampered), streamed);
    assertEquals(Replayer.Verdict.DIVERGED, streamed.verdict());
    assertEquals(
        tampered.size(),
        streamed.reproduced() + streamed.skipped() + 1,
        "everything after the divergence is counted, not replayed: " + streamed.render());
  }

  @Test
  void recordedHistory_readThroughAuditLines_isReproduced() {
    List<AuditLine> lines =
        DecidedHistory.withRollback(T0).events().stream().map(AuditLine::of).toList();
    assertEquals(Replayer.Verdict.REPRODUCED, replayer.replayLines(lines).verdict());
  }

  @Test
  void tamperedToState_isCaughtAtThatEntry() {
    int index = indexOfTransitionTo(UpgradeState.ROLLING_BACK);
    List<AuditEntry> tampered = new ArrayList<>(history);
    UpgradeTransitioned t = (UpgradeTransitioned) tampered.get(index);
    tampered.set(index, withTo(t, UpgradeState.HANDOVER));

    Replayer.Report report = replayer.replay(tampered);

    assertEquals(Replayer.Verdict.DIVERGED, report.verdict());
    assertEquals(index, report.divergence().index());
    assertEquals(t.at(), report.divergence().at());
    assertEquals(UpgradeState.HANDOVER, report.divergence().recorded().to());
    assertEquals(UpgradeState.ROLLING_BACK, report.divergence().replayed().to());
    assertEquals(index, report.reproduced());
    assertTrue(report.render().contains("first divergence: entry #" + index), report.render());
  }

  @Test
  void droppedEntry_isCaughtAtTheNextEntryOfThatCluster() {
    int dropped = indexOfTransitionTo(UpgradeState.SHIFTING);
    List<AuditEntry> tampered = new ArrayList<>(history);
    tampered.remove(dropped);

    Replayer.Report report = replayer.replay(tampered);

    // Without the approval the cluster is still awaiting it: the weight-set fact answers nothing.
    assertEquals(Replayer.Verdict.DIVERGED, report.verdict());
    int next = nextIndexOfCluster(tampered, dropped, "orders-prod");
    assertEquals(next, report.divergence().index());
    assertTrue(report.divergence().replayed().rejected(), report.render());
  }

  @Test
  void entryWithoutRecordedInput_isNotReplayable_andItsClusterStopsThere() {
    int index = indexOfTransitionTo(UpgradeState.SHIFTING);
    List<AuditEntry> old = new ArrayList<>(history);
    old.set(index, RecordedInputs.attach(old.get(index), null));

    Replayer.Report report = replayer.replay(old);

    assertEquals(Replayer.Verdict.INCOMPLETE, report.verdict(), report.render());
    assertEquals(1, report.notReplayable().size());
    assertEquals(index, report.notReplayable().get(0).index());
    long laterOrders =
        old.subList(index + 1, old.size()).stream()
            .filter(e -> "orders-prod".equals(e.cluster()))
            .count();
    assertEquals(laterOrders, report.skipped());
    assertEquals(old.size() - 1 - laterOrders, report.reproduced());
    assertTrue(report.render().contains("not replayable: entry #" + index), report.render());
  }

  @Test
  void otherPhaseTimeouts_divergeOnTheTimeoutTick() {
    var longer =
        PhaseTimeouts.defaults()
            .with(
                java.util.Map.of(
                    dev.bluegreen.contracts.events.Phase.PREFLIGHT, java.time.Duration.ofHours(2)));
    Replayer.Report report = new Replayer(new UpgradeDecider(longer)).replay(history);
    assertEquals(Replayer.Verdict.DIVERGED, report.verdict());
    assertEquals(Input.Tick.TYPE, causeType(history.get(report.divergence().index())));
    assertNotNull(report.divergence().recorded());
    assertNull(report.divergence().replayed(), "the tick finds nothing due: no entry");
  }

  private int indexOfTransitionTo(UpgradeState to) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i) instanceof UpgradeTransitioned t && t.to() == to) {
        return i;
      }
    }
    throw new AssertionError("no transition to " + to);
  }

  private static int nextIndexOfCluster(List<AuditEntry> entries, int from, String cluster) {
    for (int i = from; i < entries.size(); i++) {
      if (cluster.equals(entries.get(i).cluster())) {
        return i;
      }
    }
    throw new AssertionError("no later entry of " + cluster);
  }

  private static String causeType(AuditEntry e) {
    return e instanceof UpgradeTransitioned t
        ? t.cause().type()
        : ((InputRejected) e).cause().type();
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

  @Test
  void fleetFreezesDeclaredAndLifted_areReplayedAsDecideSawThem() {
    DecidedHistory h =
        new DecidedHistory(T0).request("0f3c2a9e-1111-4222-8333-944455556666", "orders-prod");
    Freeze freeze =
        new Freeze(T0, T0.plus(java.time.Duration.ofDays(1)), "fleet freeze inc-1: incident");
    h.fleetFreezes("orders-prod", List.of(freeze)).fleetFreezes("orders-prod", List.of());
    List<AuditEntry> log = h.log;
    List<UpgradeTransitioned> freezes =
        log.stream()
            .filter(
                e ->
                    e instanceof UpgradeTransitioned t
                        && Input.FleetFreezes.TYPE.equals(t.cause().type()))
            .map(UpgradeTransitioned.class::cast)
            .toList();
    assertEquals(2, freezes.size(), log.toString());
    assertTrue(freezes.get(0).reason().contains("declared"), freezes.get(0).reason());
    Replayer.Report report = replayer.replay(log);
    assertEquals(Replayer.Verdict.REPRODUCED, report.verdict(), report.render());
    assertEquals(log.size(), report.reproduced());
  }
}
