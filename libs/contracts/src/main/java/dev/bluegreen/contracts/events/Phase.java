package dev.bluegreen.contracts.events;

/** The phase a phase service reports progress or failure for. */
public enum Phase {
  /** The preflight phase. */
  PREFLIGHT,
  /** The provisioning phase. */
  PROVISIONING,
  /** The deploying phase. */
  DEPLOYING,
  /** The verifying phase. */
  VERIFYING,
  /** The shifting phase. */
  SHIFTING,
  /** The handover phase. */
  HANDOVER,
  /** The decommissioning phase. */
  DECOMMISSIONING,
  /** The rolling back phase. */
  ROLLING_BACK,
  /** The cleaning up phase. */
  CLEANING_UP
}
