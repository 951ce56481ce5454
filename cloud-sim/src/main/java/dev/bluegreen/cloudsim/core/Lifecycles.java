package dev.bluegreen.cloudsim.core;

import java.time.Duration;

/**
 * How long asynchronous lifecycles take, before time compression. Defaults follow published
 * figures: a cluster takes ~15 minutes to create and ~10 to delete, a managed node group ~5; a
 * short Job (pull a small image, run one command) ~10 seconds.
 */
public record Lifecycles(
    Duration clusterCreate,
    Duration clusterDelete,
    Duration nodegroupCreate,
    Duration nodegroupUpdate,
    Duration nodegroupDelete,
    Duration addonCreate,
    Duration addonDelete,
    Duration argoSync,
    Duration jobRun) {

  public static Lifecycles realistic() {
    return new Lifecycles(
        Duration.ofMinutes(15),
        Duration.ofMinutes(10),
        Duration.ofMinutes(5),
        Duration.ofMinutes(3),
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofSeconds(10));
  }

  /**
   * Every duration divided by {@code factor}; a factor of 0 or less means instant (zero-latency
   * mode).
   */
  public Lifecycles compressed(double factor) {
    return new Lifecycles(
        scale(clusterCreate, factor),
        scale(clusterDelete, factor),
        scale(nodegroupCreate, factor),
        scale(nodegroupUpdate, factor),
        scale(nodegroupDelete, factor),
        scale(addonCreate, factor),
        scale(addonDelete, factor),
        scale(argoSync, factor),
        scale(jobRun, factor));
  }

  private static Duration scale(Duration d, double factor) {
    if (factor <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (d.toNanos() / factor));
  }
}
