package dev.bluegreen.contracts.events;

/** The verdict of an analysis or of one measurement. */
public enum Verdict {
  /** Green is as good as blue: go on. */
  SUCCESSFUL,
  /** Green is worse than blue: roll back. */
  FAILED,
  /** Too little evidence to judge: ask a person. */
  INCONCLUSIVE
}
