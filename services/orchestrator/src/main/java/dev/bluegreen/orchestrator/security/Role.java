package dev.bluegreen.orchestrator.security;

/** What a caller may do on a team's clusters. */
public enum Role {
  /** Read clusters, upgrades, their events and timelines. */
  VIEWER,
  /** Request upgrades and pause, resume, promote, cancel, retry and roll them back. */
  OPERATOR,
  /** Approve the gates of upgrades. */
  APPROVER
}
