package dev.bluegreen.deployer.core;

/**
 * One CronJob as observed on one cluster.
 *
 * @param namespace its namespace
 * @param name its name
 * @param suspended {@code spec.suspend}
 * @param suspendedBeforeUpgrade what blue's annotation {@value #SUSPENDED_BEFORE_UPGRADE} recorded
 *     at deploy time: {@code true}, {@code false}, or {@code null} when never recorded
 * @param runningJobs Jobs started by this CronJob that are still running
 */
public record CronJobState(
    String namespace,
    String name,
    boolean suspended,
    Boolean suspendedBeforeUpgrade,
    int runningJobs) {

  /**
   * Annotation on blue's CronJob recording whether it was suspended before the upgrade touched it.
   * Written once, at deploy time, and never overwritten: later the deployer suspends blue's
   * CronJobs itself, and must not mistake its own suspension for the owner's.
   */
  public static final String SUSPENDED_BEFORE_UPGRADE = "bluegreen.dev/suspended-before-upgrade";

  /** {@code namespace/name}, the CronJob's identity on both sides. */
  public String key() {
    return namespace + "/" + name;
  }

  /** Runs scheduled work (not suspended). */
  public boolean active() {
    return !suspended;
  }
}
