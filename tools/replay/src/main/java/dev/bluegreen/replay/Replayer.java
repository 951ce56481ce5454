package dev.bluegreen.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.EventType;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.UpgradeEvent;
import dev.bluegreen.contracts.events.CommandRef;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.RecordedInput;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.upgrade.core.Decision;
import dev.bluegreen.upgrade.core.Input;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.UpgradeStatus;
import dev.bluegreen.upgrade.recording.RecordedInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deterministic replay: feeds the inputs recorded in the audit entries through the orchestrator's
 * own {@link UpgradeDecider#decide}, starting each cluster from no state and carrying the state the
 * way the orchestrator stores it, and checks that every recorded decision comes out again. Pure: no
 * Kafka, no clock.
 *
 * <p>Only audited inputs are replayed. The inputs the orchestrator does not audit cannot matter:
 * timer ticks with nothing due change nothing, and {@code PhaseProgressed} only sets the progress
 * shown to people (and {@code updatedAt}); no decision reads either, and the next transition clears
 * the progress.
 */
public final class Replayer {

  /** What replaying a history showed. */
  public enum Verdict {
    /** Every entry was replayed and came out as recorded. */
    REPRODUCED,
    /** An entry came out differently; see {@link Report#divergence()}. */
    DIVERGED,
    /**
     * Nothing diverged, but some entries could not be replayed (no recorded input, an unknown input
     * type); their clusters were not replayed past them.
     */
    INCOMPLETE
  }

  /**
   * The decision an audit entry records, in the terms replay compares.
   *
   * @param rejected whether the input was not applied
   * @param duplicate whether a rejection was of a redelivered input
   * @param from the state before (null for a rejection)
   * @param to the state after (for a rejection: the state it stayed in)
   * @param commands the commands sent, by type and commandId
   * @param reason the reason in words
   */
  public record Outcome(
      boolean rejected,
      boolean duplicate,
      UpgradeState from,
      UpgradeState to,
      List<CommandRef> commands,
      String reason) {

    /** The outcome an entry records; null for null. */
    public static Outcome of(AuditEntry entry) {
      if (entry instanceof UpgradeTransitioned t) {
        return new Outcome(false, false, t.from(), t.to(), t.commands(), t.reason());
      }
      if (entry instanceof InputRejected r) {
        return new Outcome(true, r.duplicate(), null, r.state(), List.of(), r.reason());
      }
      return null;
    }

    @Override
    public String toString() {
      String commandList =
          commands.stream()
              .map(c -> AuditLine.shortType(c.type()) + " " + c.commandId())
              .toList()
              .toString();
      if (rejected) {
        return (duplicate ? "duplicate ignored" : "rejected")
            + " in "
            + to
            + ": "
            + reason
            + (commands.isEmpty() ? "" : " " + commandList);
      }
      return (from == null ? "·" : from) + " → " + to + " " + commandList + ": " + reason;
    }
  }

  /**
   * The first entry that did not come out as recorded.
   *
   * @param index the entry's position in the history given (0-based)
   * @param at when it was decided
   * @param cluster its cluster
   * @param upgradeId its upgrade
   * @param recorded what the entry records
   * @param replayed what decide produced now; null when it produced no audit entry at all
   */
  public record Divergence(
      int index,
      Instant at,
      String cluster,
      String upgradeId,
      Outcome recorded,
      Outcome replayed) {}

  /**
   * An entry that could not be replayed, and why. Its cluster is not replayed past it: the state
   * after it is unknown.
   *
   * @param index the entry's position in the history given (0-based)
   * @param at when it was decided
   * @param cluster its cluster
   * @param why why it could not be replayed
   */
  public record NotReplayable(int index, Instant at, String cluster, String why) {}

  /**
   * The result of a replay.
   *
   * @param entries entries in the history given
   * @param reproduced entries replayed that came out as recorded
   * @param notReplayable entries that could not be replayed (first per cluster)
   * @param skipped entries not replayed because an earlier entry of their cluster was not
   *     replayable, or because replay stopped at the divergence
   * @param divergence the first divergence, or null
   */
  public record Report(
      int entries,
      int reproduced,
      List<NotReplayable> notReplayable,
      int skipped,
      Divergence divergence) {

    /** The overall verdict. */
    public Verdict verdict() {
      if (divergence != null) {
        return Verdict.DIVERGED;
      }
      return notReplayable.isEmpty() && skipped == 0 ? Verdict.REPRODUCED : Verdict.INCOMPLETE;
    }

    /** The report for people. */
    public String render() {
      StringBuilder out = new StringBuilder();
      out.append(verdict())
          .append(": ")
          .append(reproduced)
          .append(" of ")
          .append(entries)
          .append(" audit entries reproduced by decide");
      if (skipped > 0) {
        out.append(", ").append(skipped).append(" not replayed");
      }
      out.append('\n');
      for (NotReplayable n : notReplayable) {
        out.append("not replayable: entry #")
            .append(n.index())
            .append(" at ")
            .append(n.at())
            .append(" (")
            .append(n.cluster())
            .append("): ")
            .append(n.why())
            .append("; the cluster's later entries were not replayed\n");
      }
      if (divergence != null) {
        Divergence d = divergence;
        out.append("first divergence: entry #")
            .append(d.index())
            .append(" at ")
            .append(d.at())
            .append(" (cluster ")
            .append(d.cluster())
            .append(", upgrade ")
            .append(d.upgradeId())
            .append(")\n  recorded: ")
            .append(d.recorded())
            .append("\n  replayed: ")
            .append(d.replayed() == null ? "no audit entry" : d.replayed())
            .append('\n');
      }
      return out.toString();
    }
  }

  private final UpgradeDecider decider;
  private final ObjectMapper json = CloudEventCodec.newObjectMapper();

  /**
   * @param decider the decide to replay through, built with the phase timeouts the orchestrator ran
   *     with (a tick's timeout depends on them)
   */
  public Replayer(UpgradeDecider decider) {
    this.decider = Objects.requireNonNull(decider);
  }

  /**
   * Replays a history: the audit entries of one or more clusters, each cluster's in the order the
   * orchestrator wrote them. Stops at the first divergence.
   */
  public Report replay(List<? extends AuditEntry> history) {
    Run run = start();
    history.forEach(run::accept);
    return run.report();
  }

  /** Replays the entries of audit lines (in log order, as {@link AuditReader} reads them). */
  public Report replayLines(List<AuditLine> lines) {
    Run run = start();
    lines.forEach(run::accept);
    return run.report();
  }

  /**
   * A replay fed one entry at a time, as they are read: it keeps only each cluster's current state,
   * never the history, so a topic of any length replays in the memory of its clusters.
   */
  public Run start() {
    return new Run();
  }

  /**
   * A replay in progress: entries go in with {@link #accept}, in log order; {@link #report} tells
   * the result so far. After the first divergence it only counts what comes next.
   */
  public final class Run implements Consumer<AuditLine> {

    private final Map<String, UpgradeStatus> byCluster = new HashMap<>();
    private final Set<String> stuck = new HashSet<>();
    private final List<NotReplayable> notReplayable = new ArrayList<>();
    private int entries;
    private int reproduced;
    private int skipped;
    private Divergence divergence;

    private Run() {}

    /** Replays the entry an audit line was read from. */
    @Override
    public void accept(AuditLine line) {
      accept(line.entry());
    }

    /** Replays one entry, the next in its cluster's log order. */
    public void accept(AuditEntry recorded) {
      int i = entries++;
      if (divergence != null) {
        skipped++;
        return;
      }
      String cluster = recorded.cluster();
      if (stuck.contains(cluster)) {
        skipped++;
        return;
      }
      Input input;
      try {
        input = rebuild(inputOf(recorded));
      } catch (IllegalArgumentException e) {
        notReplayable.add(new NotReplayable(i, at(recorded), cluster, e.getMessage()));
        stuck.add(cluster);
        return;
      }
      UpgradeStatus before = byCluster.get(cluster);
      Decision decision = decider.decide(before, input);
      Outcome expected = Outcome.of(recorded);
      Outcome actual = Outcome.of(decision.auditEntry());
      if (!expected.equals(actual)) {
        divergence =
            new Divergence(i, at(recorded), cluster, recorded.upgradeId(), expected, actual);
        return;
      }
      reproduced++;
      // As the orchestrator stores it: a dry run is never the cluster's upgrade.
      UpgradeStatus next = decision.next();
      if (next != null && !next.equals(before) && !next.dryRun()) {
        byCluster.put(cluster, next);
      }
    }

    /** What the entries so far showed. */
    public Report report() {
      return new Report(entries, reproduced, List.copyOf(notReplayable), skipped, divergence);
    }
  }

  /**
   * The input as decide saw it: a tick for the timer type, else the event with its data mapped back
   * to its record.
   *
   * @throws IllegalArgumentException when it cannot be rebuilt
   */
  Input rebuild(RecordedInput recorded) {
    if (recorded == null) {
      throw new IllegalArgumentException("no recorded input (written before inputs were recorded)");
    }
    if (Input.Tick.TYPE.equals(recorded.type())) {
      return new Input.Tick(recorded.eventId(), recorded.time());
    }
    if (Input.FleetFreezes.TYPE.equals(recorded.type())) {
      return RecordedInputs.fleetFreezes(recorded, json);
    }
    Optional<EventType<?>> type = EventTypes.byCeType(recorded.type());
    if (type.isEmpty()) {
      throw new IllegalArgumentException("unknown input type " + recorded.type());
    }
    if (recorded.data() == null) {
      throw new IllegalArgumentException("input " + recorded.eventId() + " has no data recorded");
    }
    UpgradeEvent data;
    try {
      data = json.convertValue(recorded.data(), type.get().javaType());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "input " + recorded.eventId() + " does not map to " + type.get().name(), e);
    }
    return new Input.Event(
        recorded.eventId(), recorded.type(), recorded.actor(), recorded.time(), data);
  }

  private static RecordedInput inputOf(AuditEntry entry) {
    if (entry instanceof UpgradeTransitioned t) {
      return t.input();
    }
    if (entry instanceof InputRejected r) {
      return r.input();
    }
    return null;
  }

  private static Instant at(AuditEntry entry) {
    if (entry instanceof UpgradeTransitioned t) {
      return t.at();
    }
    if (entry instanceof InputRejected r) {
      return r.at();
    }
    return null;
  }
}
