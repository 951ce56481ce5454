package dev.bluegreen.contracts.events;

/** Where one member of a campaign stands. */
public enum MemberStatus {
  /** Not started yet. */
  PENDING,
  /** Its upgrade runs and green does not carry all traffic yet. */
  UPGRADING,
  /** Green carries all traffic; blue is kept for its retention window. */
  ON_GREEN,
  /** Its upgrade completed (or, in a plan, its pre-flight passed). */
  COMPLETED,
  /** Its upgrade failed, was rolled back or cancelled by its own control, or could not start. */
  FAILED,
  /** Back on blue after the campaign rolled it back. */
  ROLLED_BACK,
  /** Stopped by the campaign's cancel before traffic moved. */
  CANCELLED,
  /** Left out by a person. */
  SKIPPED;

  /** Whether the member counts as settled for its wave (nothing more will happen on its own). */
  public boolean isSettled() {
    return this != PENDING && this != UPGRADING;
  }

  /** Whether the member has ended for good. */
  public boolean isTerminal() {
    return this != PENDING && this != UPGRADING && this != ON_GREEN;
  }
}
