package dev.bluegreen.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One read shared by every concurrent waiter: the last result is handed out while it is younger
 * than {@code maxAge} and was taken no earlier than the caller asks; otherwise one caller reads
 * again while the others wait for that same read (single flight).
 *
 * <p>Why: some reads cost as much as the fleet is large and every concurrent command needs one, so
 * N commands at once cost N fleet-sized reads: quadratic. Shared, it is one read per {@code maxAge}
 * whatever N is. The deployer's waits on Argo CD list every Application of its namespace (the API
 * has no selector for an Application's destination); the provisioner's quota check counts the
 * region's clusters ({@code ListClusters}, every page). A caller that has just written (e.g.
 * registered or deregistered a cluster) passes the time of its write, so it never concludes from a
 * read older than its own change.
 *
 * <p>Lives in libs/cloud so the services share one way of doing this (one class, one test).
 *
 * @param <T> what is read
 */
public final class SharedSnapshot<T> {

  private final Supplier<T> read;
  private final Duration maxAge;
  private final Clock clock;
  private T value;
  private Instant takenAt;

  public SharedSnapshot(Supplier<T> read, Duration maxAge, Clock clock) {
    this.read = read;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * The last read if it is younger than the max age, else a new read: for callers with no write of
   * their own to see.
   */
  public T get() {
    return get(Instant.MIN);
  }

  /**
   * The last read if it began at or after {@code notBefore} and is younger than the max age, else a
   * new read. A failed read is not kept: it throws to this caller, and the next caller reads again.
   */
  public synchronized T get(Instant notBefore) {
    Instant now = clock.instant();
    if (takenAt != null && !takenAt.isBefore(notBefore) && now.isBefore(takenAt.plus(maxAge))) {
      return value;
    }
    // The read's age counts from when it began: whatever changed during the read may be missing.
    T fresh = read.get();
    value = fresh;
    takenAt = now;
    return fresh;
  }
}
