package dev.bluegreen.orchestrator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which meters a decision moves, and with which labels; no Kafka. */
class UpgradeMetricsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final UpgradeMetrics metrics = new UpgradeMetrics(registry);

  private static UpgradeStatus status(String id, UpgradeState state, UpgradeState end) {
    return UpgradeStatus.builder()
        .upgradeId(id)
        .cluster("orders-prod")
        .state(state)
        .endState(end)
        .build();
  }

  private static UpgradeTransitioned transitioned(UpgradeState from, UpgradeState to) {
    return new UpgradeTransitioned(
        "u1",
        "orders-prod",
        from,
        to,
        new Cause("e1", "dev.bluegreen.AnalysisCompleted.v1"),
        "traffic-shifter",
        "why",
        T0,
        1,
        null,
        List.of(),
        null,
        null,
        null,
        null);
  }

  private double counter(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void failedAnalysisWhileShifting_countsTheTransition_aRollbackFromShifting_andTimesShifting() {
    UpgradeStatus shifting = status("u1", UpgradeState.SHIFTING, null);
    UpgradeStatus rollingBack = status("u1", UpgradeState.ROLLING_BACK, UpgradeState.ROLLED_BACK);

    metrics.decided(
        shifting,
        rollingBack,
        transitioned(UpgradeState.SHIFTING, UpgradeState.ROLLING_BACK),
        Optional.of(T0.minus(Duration.ofMinutes(7))),
        T0);

    assertEquals(1, counter(UpgradeMetrics.TRANSITIONS, "from", "SHIFTING", "to", "ROLLING_BACK"));
    assertEquals(1, counter(UpgradeMetrics.ROLLBACKS, "from", "SHIFTING"));
    Timer t =
        registry
            .find(UpgradeMetrics.PHASE_DURATION)
            .tags("phase", "SHIFTING", "outcome", "failed")
            .timer();
    assertEquals(1, t.count());
    assertEquals(420, t.totalTime(TimeUnit.SECONDS), 0.001);
  }

  @Test
  void rollbackReachingRolledBack_succeeds_andEndsTheUpgradeAsRolledBack() {
    metrics.decided(
        status("u1", UpgradeState.ROLLING_BACK, UpgradeState.ROLLED_BACK),
        status("u1", UpgradeState.ROLLED_BACK, UpgradeState.ROLLED_BACK),
        transitioned(UpgradeState.ROLLING_BACK, UpgradeState.ROLLED_BACK),
        Optional.of(T0.minusSeconds(30)),
        T0);

    assertEquals(1, counter(UpgradeMetrics.ENDED, "state", "ROLLED_BACK"));
    assertEquals(
        1,
        registry
            .find(UpgradeMetrics.PHASE_DURATION)
            .tags("phase", "ROLLING_BACK", "outcome", "succeeded")
            .timer()
            .count());
  }

  @Test
  void outcome_tellsCancelPauseResumeAndFailureApart() {
    UpgradeStatus deploying = status("u1", UpgradeState.DEPLOYING, null);
    assertEquals(
        "succeeded", UpgradeMetrics.outcome(deploying, status("u1", UpgradeState.VERIFYING, null)));
    assertEquals(
        "cancelled",
        UpgradeMetrics.outcome(
            deploying, status("u1", UpgradeState.CLEANING_UP, UpgradeState.CANCELLED)));
    assertEquals(
        "failed",
        UpgradeMetrics.outcome(
            deploying, status("u1", UpgradeState.CLEANING_UP, UpgradeState.FAILED)));
    assertEquals(
        "paused", UpgradeMetrics.outcome(deploying, status("u1", UpgradeState.PAUSED, null)));
    assertEquals(
        "resumed",
        UpgradeMetrics.outcome(
            status("u1", UpgradeState.PAUSED, null), status("u1", UpgradeState.DEPLOYING, null)));
    assertEquals(
        "failed",
        UpgradeMetrics.outcome(
            status("u1", UpgradeState.CLEANING_UP, UpgradeState.CANCELLED),
            status("u1", UpgradeState.FAILED, UpgradeState.CANCELLED)));
  }

  @Test
  void rejectedInput_isCountedByItsTypeWithoutIds() {
    metrics.decided(
        status("u1", UpgradeState.PREFLIGHT, null),
        null,
        new InputRejected(
            "u1",
            "orders-prod",
            UpgradeState.PREFLIGHT,
            new Cause("e9", "dev.bluegreen.UpgradeControlRequested.v1"),
            "bob",
            "approve makes no sense in PREFLIGHT",
            false,
            null,
            T0,
            null),
        Optional.empty(),
        T0);

    assertEquals(
        1,
        counter(
            UpgradeMetrics.REJECTIONS, "input", "UpgradeControlRequested", "duplicate", "false"));
  }

  @Test
  void aNewUpgradeOnAClusterWhoseLastOneCompleted_startsFromNone_andTimesNothing() {
    metrics.decided(
        status("old", UpgradeState.COMPLETED, null),
        status("new", UpgradeState.PREFLIGHT, null),
        transitioned(null, UpgradeState.PREFLIGHT),
        Optional.of(T0.minusSeconds(5)),
        T0);

    assertEquals(1, counter(UpgradeMetrics.TRANSITIONS, "from", "NONE", "to", "PREFLIGHT"));
    assertNull(registry.find(UpgradeMetrics.PHASE_DURATION).timer());
  }

  @Test
  void dryRun_movesNothing() {
    UpgradeStatus dry = status("d1", UpgradeState.PREFLIGHT, null).toBuilder().dryRun(true).build();

    metrics.decided(null, dry, transitioned(null, UpgradeState.PREFLIGHT), Optional.empty(), T0);

    assertEquals(0, registry.getMeters().size());
  }

  @Test
  void inputType_dropsPrefixAndVersion() {
    assertEquals(
        "PreflightCompleted", UpgradeMetrics.inputType("dev.bluegreen.PreflightCompleted.v1"));
    assertEquals("Timer", UpgradeMetrics.inputType("dev.bluegreen.orchestrator.Timer"));
  }
}
