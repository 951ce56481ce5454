package dev.bluegreen.orchestrator.metrics;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The orchestrator's counters and histograms, moved by each applied decision (see docs/metrics.md
 * for every name and label). Labels are states, phases, outcomes and input types only, never
 * upgrade ids or cluster names, so their number stays bounded whatever the fleet. Dry runs are not
 * counted: nothing of them happens.
 *
 * <p>Counters count decisions this process applied. Under exactly-once, a transaction Kafka aborts
 * (a crash or a lost partition mid-commit) is processed again, so a counter may count a decision
 * twice then; rates over minutes are what they are for, not exact totals.
 */
public final class UpgradeMetrics {

  /** Counter: audit-logged transitions, by from and to state (from NONE for a new upgrade). */
  public static final String TRANSITIONS = "bluegreen_transitions";

  /** Counter: inputs not applied (InputRejected), by input type and whether a duplicate. */
  public static final String REJECTIONS = "bluegreen_inputs_rejected";

  /** Counter: rollbacks started (transitions into ROLLING_BACK), by the state they left. */
  public static final String ROLLBACKS = "bluegreen_rollbacks";

  /** Counter: upgrades that reached a terminal state, by that state. */
  public static final String ENDED = "bluegreen_upgrades_ended";

  /** Histogram (Timer): time spent in a state before leaving it, by state and outcome. */
  public static final String PHASE_DURATION = "bluegreen_phase_duration";

  /** Counter: records the orchestrator sent to the dead-letter topic (as libs/messaging counts). */
  public static final String DEAD_LETTERS = "bluegreen_dead_letters";

  /** Buckets from a quick pre-flight to a week-long soak: phases differ by five orders. */
  private static final Duration[] BUCKETS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(15),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(15),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofHours(6),
    Duration.ofHours(12),
    Duration.ofDays(1),
    Duration.ofDays(3),
    Duration.ofDays(7)
  };

  private static final String NONE = "NONE";

  private final MeterRegistry registry;

  /** Records into this registry. */
  public UpgradeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records nothing (tests of the topology that do not look at metrics). */
  public static UpgradeMetrics none() {
    return new UpgradeMetrics(new CompositeMeterRegistry());
  }

  /**
   * One decision was applied.
   *
   * @param before the state before (null for a new cluster)
   * @param next the state after (null when nothing changed)
   * @param entry the audit entry written (null if none)
   * @param stateEnteredAt when {@code before}'s state was entered, if known (for the duration)
   * @param at when the decision was taken
   */
  public void decided(
      UpgradeStatus before,
      UpgradeStatus next,
      AuditEntry entry,
      Optional<Instant> stateEnteredAt,
      Instant at) {
    if ((before != null && before.dryRun()) || (next != null && next.dryRun())) {
      return;
    }
    if (entry instanceof InputRejected rejected) {
      Counter.builder(REJECTIONS)
          .description("Inputs the state machine did not apply")
          .tag("input", rejected.cause() == null ? "unknown" : inputType(rejected.cause().type()))
          .tag("duplicate", Boolean.toString(rejected.duplicate()))
          .register(registry)
          .increment();
    }
    if (entry instanceof UpgradeTransitioned t) {
      String from = t.from() == null ? NONE : t.from().name();
      Counter.builder(TRANSITIONS)
          .description("Audit-logged transitions of upgrades")
          .tag("from", from)
          .tag("to", t.to().name())
          .register(registry)
          .increment();
    }
    if (next == null) {
      return;
    }
    if (before != null
        && (before.isTerminal() || !Objects.equals(before.upgradeId(), next.upgradeId()))) {
      // A new upgrade of a cluster whose last one ended: it starts from nothing.
      before = null;
    }
    UpgradeState was = before == null ? null : before.state();
    UpgradeState now = next.state();
    if (was == now) {
      return;
    }
    if (now == UpgradeState.ROLLING_BACK) {
      Counter.builder(ROLLBACKS)
          .description("Rollbacks started, by the state they interrupted")
          .tag("from", was == null ? NONE : was.name())
          .register(registry)
          .increment();
    }
    if (now.isTerminal()) {
      Counter.builder(ENDED)
          .description("Upgrades that ended, by terminal state")
          .tag("state", now.name())
          .register(registry)
          .increment();
    }
    if (was != null && stateEnteredAt.isPresent()) {
      Duration spent = Duration.between(stateEnteredAt.get(), at);
      if (!spent.isNegative()) {
        Timer.builder(PHASE_DURATION)
            .description("Time an upgrade spent in a state, by state and how it left it")
            .tag("phase", was.name())
            .tag("outcome", outcome(before, next))
            .serviceLevelObjectives(BUCKETS)
            .register(registry)
            .record(spent);
      }
    }
  }

  /** One record went to the dead-letter topic. */
  public void deadLettered(String reason, String sourceTopic) {
    Counter.builder(DEAD_LETTERS)
        .description("Records sent to the dead-letter topic, by reason (dlq_problem)")
        .tag("reason", reason == null || reason.isEmpty() ? "UNKNOWN" : reason)
        .tag("source_topic", sourceTopic == null || sourceTopic.isEmpty() ? "unknown" : sourceTopic)
        .register(registry)
        .increment();
  }

  /**
   * How an upgrade left a state: {@code succeeded} (moved on as planned), {@code failed}, {@code
   * cancelled}, {@code paused}, or {@code resumed} (leaving PAUSED). A rollback or clean-up
   * succeeds when it reaches the end it was heading for.
   */
  static String outcome(UpgradeStatus before, UpgradeStatus next) {
    UpgradeState was = before.state();
    UpgradeState now = next.state();
    if (now == UpgradeState.PAUSED) {
      return "paused";
    }
    if (was == UpgradeState.PAUSED) {
      return now == UpgradeState.CANCELLED || next.endState() == UpgradeState.CANCELLED
          ? "cancelled"
          : isFailure(now) ? "failed" : "resumed";
    }
    if (was == UpgradeState.ROLLING_BACK || was == UpgradeState.CLEANING_UP) {
      UpgradeState end = before.endState() == null ? UpgradeState.FAILED : before.endState();
      return now == end ? "succeeded" : "failed";
    }
    if (now == UpgradeState.CANCELLED
        || (now == UpgradeState.CLEANING_UP && next.endState() == UpgradeState.CANCELLED)) {
      return "cancelled";
    }
    return isFailure(now) ? "failed" : "succeeded";
  }

  private static boolean isFailure(UpgradeState s) {
    return s == UpgradeState.ROLLING_BACK
        || s == UpgradeState.ROLLED_BACK
        || s == UpgradeState.CLEANING_UP
        || s == UpgradeState.FAILED;
  }

  /**
   * {@code dev.bluegreen.PreflightCompleted.v1} → {@code PreflightCompleted}, {@code
   * dev.bluegreen.orchestrator.Timer} → {@code Timer}. Bounded: only known types decode.
   */
  static String inputType(String ceType) {
    if (ceType == null || ceType.isEmpty()) {
      return "unknown";
    }
    String[] parts = ceType.split("\\.");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].matches("v[0-9]+")) {
        return parts[i];
      }
    }
    return "unknown";
  }
}
