package dev.bluegreen.contracts.events;

/** The verdict of one named check. */
public enum CheckResult {
  /** The check passed. */
  PASS,
  /** Worth a look, not blocking. */
  WARN,
  /** Blocks the upgrade. */
  FAIL
}
