package dev.bluegreen.contracts.events;

/** Which way scheduled work moves. */
public enum HandoverDirection {
  /** Suspend blue's CronJobs, then resume green's. */
  BLUE_TO_GREEN,
  /** Suspend green's CronJobs, then resume blue's (rollback). */
  GREEN_TO_BLUE
}
