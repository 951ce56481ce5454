package dev.bluegreen.contracts.events;

/**
 * The state of a campaign, as the orchestrator's campaign state machine keeps it.
 *
 * <p>PLANNING → PLANNED → (START) → SCHEDULED → RUNNING ⇄ AWAITING_APPROVAL, PAUSED → COMPLETED;
 * CANCELLING → CANCELLED; ROLLING_BACK → ROLLED_BACK.
 */
public enum CampaignStatus {
  /** A dry run: every member's pre-flight is running. Next: PLANNED. */
  PLANNING,
  /** The plan is ready for a person to approve. Next (START): SCHEDULED, RUNNING; CANCELLED. */
  PLANNED,
  /** Waiting for its start time. Next: RUNNING, PAUSED, CANCELLED. */
  SCHEDULED,
  /** Members are upgrading wave by wave. Next: AWAITING_APPROVAL, PAUSED, COMPLETED, … */
  RUNNING,
  /** A wave's gate waits for a person. Next (APPROVE): RUNNING. */
  AWAITING_APPROVAL,
  /** Stopped starting members: a person paused it, or failures passed the budget. */
  PAUSED,
  /** Cancelled; members in flight are finishing. Next: CANCELLED. */
  CANCELLING,
  /** Members that kept their blue are going back to it. Next: ROLLED_BACK. */
  ROLLING_BACK,
  /** Terminal: every member ended (some may have failed, within the budget). */
  COMPLETED,
  /** Terminal: cancelled, and every member in flight ended. */
  CANCELLED,
  /** Terminal: rolled back; every member that kept its blue is back on it. */
  ROLLED_BACK;

  /** Whether the campaign has ended. */
  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELLED || this == ROLLED_BACK;
  }
}
