package dev.bluegreen.timeline;

import dev.bluegreen.contracts.events.UpgradeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history of one upgrade built from its audit lines: every decision in order, the time spent in
 * each state, and every failure. Pure: no Kafka, no clock.
 *
 * @param upgradeId the upgrade
 * @param cluster its blue cluster
 * @param lines every audit line, ordered by decision time (ties keep log order)
 * @param phases each stay in a state, in order; the last one is open when the upgrade is still
 *     running (its end is the last line's time)
 */
public record Timeline(String upgradeId, String cluster, List<AuditLine> lines, List<Stay> phases) {

  /**
   * One stay in one state.
   *
   * @param state the state
   * @param start when it was entered
   * @param end when it was left, or the time of the last entry when still in it
   * @param open whether the upgrade is still in it
   */
  public record Stay(UpgradeState state, Instant start, Instant end, boolean open) {
    public Duration duration() {
      return Duration.between(start, end);
    }
  }

  /** Builds the timeline of one upgrade from its lines (in any order). */
  public static Timeline of(String upgradeId, List<AuditLine> lines) {
    List<AuditLine> ordered = new ArrayList<>(lines);
    ordered.sort(Comparator.comparing(AuditLine::at));
    List<Stay> stays = new ArrayList<>();
    UpgradeState current = null;
    Instant since = null;
    for (AuditLine line : ordered) {
      if (line.rejected() || line.to() == null || line.to() == current) {
        continue;
      }
      if (current != null) {
        stays.add(new Stay(current, since, line.at(), false));
      }
      current = line.to();
      since = line.at();
    }
    if (current != null) {
      Instant last = ordered.get(ordered.size() - 1).at();
      stays.add(new Stay(current, since, last, !current.isTerminal()));
    }
    String cluster = ordered.isEmpty() ? null : ordered.get(0).cluster();
    return new Timeline(upgradeId, cluster, List.copyOf(ordered), List.copyOf(stays));
  }

  /** Groups lines by upgrade and builds a timeline for each, in order of first appearance. */
  public static List<Timeline> byUpgrade(List<AuditLine> lines) {
    Map<String, List<AuditLine>> groups = new LinkedHashMap<>();
    for (AuditLine line : lines) {
      groups.computeIfAbsent(groupOf(line), k -> new ArrayList<>()).add(line);
    }
    return groups.entrySet().stream().map(e -> of(e.getKey(), e.getValue())).toList();
  }

  /** The timeline a line belongs to: its upgrade, or its cluster's lines that name none. */
  static String groupOf(AuditLine line) {
    return line.upgradeId() == null ? "(none) " + line.cluster() : line.upgradeId();
  }

  /** Total time spent per state (a state entered twice, e.g. SHIFTING around a pause, adds up). */
  public Map<UpgradeState, Duration> timePerState() {
    Map<UpgradeState, Duration> out = new LinkedHashMap<>();
    for (Stay stay : phases) {
      out.merge(stay.state(), stay.duration(), Duration::plus);
    }
    return out;
  }

  /** The lines that record failures, rejections and steps back. */
  public List<AuditLine> failures() {
    return lines.stream().filter(AuditLine::isFailure).toList();
  }

  /** The state the upgrade was in at {@code time}, if it had started by then. */
  public Optional<UpgradeState> stateAt(Instant time) {
    UpgradeState state = null;
    for (AuditLine line : lines) {
      if (line.at().isAfter(time)) {
        break;
      }
      if (!line.rejected() && line.to() != null) {
        state = line.to();
      }
    }
    return Optional.ofNullable(state);
  }

  /** When the first entry was recorded. */
  public Instant start() {
    return lines.isEmpty() ? null : lines.get(0).at();
  }

  /** When the last entry was recorded. */
  public Instant end() {
    return lines.isEmpty() ? null : lines.get(lines.size() - 1).at();
  }

  /** The latest state, if any. */
  public Optional<UpgradeState> finalState() {
    return phases.isEmpty() ? Optional.empty() : Optional.of(phases.get(phases.size() - 1).state());
  }
}
