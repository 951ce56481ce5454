package dev.bluegreen.contracts.events;

/**
 * The state of one cluster's upgrade, as the orchestrator's state machine keeps it.
 *
 * <p>The happy path is REQUESTED → PREFLIGHT → PROVISIONING → DEPLOYING → VERIFYING →
 * (AWAITING_SHIFT_APPROVAL) → SHIFTING → HANDOVER → SOAKING → (AWAITING_DECOMMISSION_APPROVAL) →
 * DECOMMISSIONING → COMPLETED. Each constant lists where it can go next.
 */
public enum UpgradeState {
  /** Accepted, nothing sent yet. Next: PREFLIGHT, COMPLETED (dry run), CANCELLED. */
  REQUESTED,
  /** Provisioner checks the upgrade can go ahead. Next: PROVISIONING, FAILED, CANCELLED, PAUSED. */
  PREFLIGHT,
  /** Provisioner builds green. Next: DEPLOYING, CLEANING_UP, PAUSED. */
  PROVISIONING,
  /** Deployer puts the workloads on green. Next: VERIFYING, CLEANING_UP, PAUSED. */
  DEPLOYING,
  /** Deployer smoke-tests green. Next: AWAITING_SHIFT_APPROVAL, SHIFTING, CLEANING_UP, PAUSED. */
  VERIFYING,
  /** Green is ready; a person must approve the first traffic shift. Next: SHIFTING, CLEANING_UP. */
  AWAITING_SHIFT_APPROVAL,
  /**
   * Ready for a disruptive phase (the first traffic shift, or the decommission of blue) outside its
   * maintenance windows: it starts when the next window opens. Next: SHIFTING, DECOMMISSIONING,
   * CLEANING_UP (cancel before traffic moved), ROLLING_BACK (after).
   */
  AWAITING_WINDOW,
  /** Traffic-shifter works through the plan's steps. Next: HANDOVER, ROLLING_BACK, PAUSED. */
  SHIFTING,
  /** Deployer hands CronJobs from blue to green. Next: SOAKING, ROLLING_BACK, PAUSED. */
  HANDOVER,
  /**
   * Green carries everything; blue is kept for the retention window. Next:
   * AWAITING_DECOMMISSION_APPROVAL, DECOMMISSIONING, ROLLING_BACK.
   */
  SOAKING,
  /** Retention passed; a person must approve deleting blue. Next: DECOMMISSIONING, ROLLING_BACK. */
  AWAITING_DECOMMISSION_APPROVAL,
  /** Decommissioner retires blue. Next: COMPLETED, FAILED. */
  DECOMMISSIONING,
  /** Terminal: green serves everything and blue is gone (or the dry run was planned). */
  COMPLETED,
  /**
   * A person paused the upgrade; nothing moves forward. Next: the state it paused in, ROLLING_BACK,
   * CLEANING_UP.
   */
  PAUSED,
  /**
   * Traffic goes back to blue, CronJobs back to blue, then green is cleaned up. Next: ROLLED_BACK,
   * FAILED.
   */
  ROLLING_BACK,
  /** Terminal: traffic is 100% on blue and green is gone. */
  ROLLED_BACK,
  /** Green is being removed after a failure before traffic moved. Next: FAILED, CANCELLED. */
  CLEANING_UP,
  /**
   * Terminal: the upgrade failed. When it failed before traffic moved (pre-flight, or after the
   * clean-up of green), traffic is 100% on blue and green is gone. When it failed while retiring
   * blue, moving traffic back or deleting green, the world is half-way (the upgrade's {@code
   * lastError} says where); a new upgrade of the cluster is refused until {@code RETRY} resumes the
   * failed phase. Next (RETRY): PREFLIGHT, DECOMMISSIONING, ROLLING_BACK, CLEANING_UP.
   */
  FAILED,
  /** Terminal: a person cancelled before traffic moved; green is gone. */
  CANCELLED;

  /** Whether the upgrade has ended; a cluster whose upgrade is terminal may start another. */
  public boolean isTerminal() {
    return this == COMPLETED || this == ROLLED_BACK || this == FAILED || this == CANCELLED;
  }
}
