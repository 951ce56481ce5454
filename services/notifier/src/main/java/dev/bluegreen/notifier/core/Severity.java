package dev.bluegreen.notifier.core;

import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import java.util.EnumSet;
import java.util.Set;

/**
 * How much an audit entry matters to the people watching a cluster, from least to most. Routes
 * select entries by severity (a minimum, or an explicit set), so the order of the constants is part
 * of the contract with the configuration.
 */
public enum Severity {
  /** Progress nobody needs to act on: a phase started, a traffic step was taken. */
  INFO,
  /** The upgrade completed. */
  SUCCESS,
  /** The orchestrator refused an input (a request or control action that made no sense). */
  WARNING,
  /** The upgrade waits for a person: an approval gate, or it was paused. */
  ACTION_NEEDED,
  /** Something went wrong: the upgrade is rolling back, cleaning up, rolled back or failed. */
  FAILURE;

  private static final Set<UpgradeState> FAILURE_STATES =
      EnumSet.of(
          UpgradeState.FAILED,
          UpgradeState.ROLLED_BACK,
          UpgradeState.ROLLING_BACK,
          UpgradeState.CLEANING_UP);

  private static final Set<UpgradeState> ACTION_NEEDED_STATES =
      EnumSet.of(
          UpgradeState.AWAITING_SHIFT_APPROVAL,
          UpgradeState.AWAITING_DECOMMISSION_APPROVAL,
          UpgradeState.PAUSED);

  /**
   * The severity of one audit entry. A transition is judged by the state it leads to, except one
   * that only tells the upgrade of the fleet's freezes (info); a rejected input is a warning,
   * except a duplicate, which the orchestrator simply ignored (info).
   */
  public static Severity of(AuditEntry entry) {
    if (entry instanceof UpgradeTransitioned t) {
      // A fleet freeze declared or lifted is told to every running upgrade, in whatever state:
      // information, not that state's alarm again in every channel.
      return t.cause() != null && t.cause().isFleetFreezes() ? INFO : of(t.to());
    }
    if (entry instanceof InputRejected r) {
      return r.duplicate() ? INFO : WARNING;
    }
    throw new IllegalArgumentException("unknown audit entry " + entry.getClass().getName());
  }

  /** The severity of arriving in {@code state}. */
  public static Severity of(UpgradeState state) {
    if (FAILURE_STATES.contains(state)) {
      return FAILURE;
    }
    if (ACTION_NEEDED_STATES.contains(state)) {
      return ACTION_NEEDED;
    }
    return state == UpgradeState.COMPLETED ? SUCCESS : INFO;
  }

  /** The emoji that leads a message of this severity, so a channel can be scanned by eye. */
  public String emoji() {
    return switch (this) {
      case INFO -> ":large_blue_circle:";
      case SUCCESS -> ":white_check_mark:";
      case WARNING -> ":warning:";
      case ACTION_NEEDED -> ":raising_hand:";
      case FAILURE -> ":red_circle:";
    };
  }

  /** Whether this severity is at least {@code minimum}. */
  public boolean isAtLeast(Severity minimum) {
    return compareTo(minimum) >= 0;
  }
}
