package dev.bluegreen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.cloudsim.core.Lifecycles;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

  private static JournalEntry entry(int atSecond, String operation, String outcome) {
    return new JournalEntry(
        atSecond, T0.plusSeconds(atSecond), "eks", operation, "r", null, outcome, null);
  }

  @Test
  void cloudBusyTime_countsOverlappingWorkOnce_andIgnoresReplaysAndOtherCalls() {
    // Realistic lifecycles compressed 60x: cluster create 15 s, node group create 5 s.
    Lifecycles l = Lifecycles.realistic().compressed(60);
    List<JournalEntry> journal =
        List.of(
            entry(0, "CreateCluster", "created"), // 0..15
            entry(10, "CreateNodegroup", "created"), // 10..15, inside the cluster's span
            entry(12, "CreateNodegroup", "replayed"), // an idempotent retry: no new work
            entry(20, "CreateNodegroup", "created"), // 20..25
            entry(21, "ModifyRule", "ok")); // no lifecycle

    double busy = PlatformBench.busySeconds(journal, l, T0, T0.plusSeconds(100));

    assertEquals(20.0, busy, 1e-9);
  }

  @Test
  void cloudBusyTime_isClippedToTheUpgradesWindow() {
    Lifecycles l = Lifecycles.realistic().compressed(60);
    double busy =
        PlatformBench.busySeconds(
            List.of(entry(0, "CreateCluster", "created")), l, T0, T0.plusSeconds(4));

    assertEquals(4.0, busy, 1e-9);
  }

  @Test
  void percentile_isTheNearestRank() {
    double[] sorted = new double[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertEquals(50.0, OrchestratorBench.percentile(sorted, 50));
    assertEquals(99.0, OrchestratorBench.percentile(sorted, 99));
    assertTrue(Double.isNaN(OrchestratorBench.percentile(new double[0], 50)));
  }

  @Test
  void failedFigure_namesTheCauseChain_andHasNoValue() {
    Figure f =
        Figure.failed(
            "replay", "", new IllegalStateException("read failed", new OutOfMemoryError("heap")));

    assertTrue(!f.measured());
    assertTrue(f.note().contains("OutOfMemoryError: heap"), f.note());
  }
}
