package dev.bluegreen.contracts.events;

/** What a person can ask of a campaign. */
public enum CampaignAction {
  /** Start no new member until resumed; members in flight go on. */
  PAUSE,
  /** Go on after a pause; the failures seen so far are accepted (they no longer stop the line). */
  RESUME,
  /** Start no new member; members in flight finish or roll back as their own state allows. */
  CANCEL,
  /** Approve the gate the campaign waits at (before a wave). */
  APPROVE,
  /** Start a planned campaign (a dry run whose plan a person approved). */
  START,
  /** Leave one member out (before it started). */
  SKIP,
  /** Retry one failed member's upgrade, with the same pinned plan. */
  RETRY,
  /**
   * Send every member that still keeps its blue back to it: one wave's, or the whole campaign's.
   */
  ROLLBACK
}
