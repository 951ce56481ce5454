package dev.bluegreen.contracts.events;

/** What a person can ask of a running upgrade. */
public enum ControlAction {
  /** Pass the approval gate the upgrade waits at. */
  APPROVE,
  /** Stop moving forward until resumed. */
  PAUSE,
  /** Continue after a pause. */
  RESUME,
  /** End a pause step that waits for a person. */
  PROMOTE,
  /** Stop before traffic moves and clean up green. */
  CANCEL,
  /** Send all traffic back to blue and clean up green. */
  ROLLBACK,
  /**
   * Resume a FAILED upgrade in the phase it failed in (pre-flight, decommission, rollback or clean
   * up), once the cause is fixed; the phase's service acts idempotently on the world as it is.
   */
  RETRY
}
