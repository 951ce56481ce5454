package dev.bluegreen.deployer.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One read shared by every concurrent waiter: the last result is handed out while it is younger
 * than {@code maxAge} and was taken no earlier than the caller asks; otherwise one caller reads
 * again while the others wait for that same read (single flight).
 *
 * <p>Why: every command waiting on Argo CD lists all Applications of its namespace (the API has no
 * selector for an Application's destination), so N concurrent waits polling every interval cost N
 * full lists per interval, each growing with the fleet: quadratic. Shared, it is one list per
 * interval whatever N is. A waiter that has just written (registered or deregistered a cluster)
 * passes the time of its write, so it never concludes from a read older than its own change.
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
