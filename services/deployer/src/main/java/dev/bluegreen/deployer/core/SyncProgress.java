package dev.bluegreen.deployer.core;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How far green's applications are: n of m Synced and Healthy, or which ones are Degraded.
 *
 * @param ready names of the Synced and Healthy applications
 * @param degraded the Degraded applications
 * @param total how many applications green should have: the larger of what Argo CD generated for
 *     green and what blue has (an ApplicationSet may not have generated all of green's yet)
 */
public record SyncProgress(List<String> ready, List<AppStatus> degraded, int total) {

  /**
   * Evaluates green's applications against the number blue runs.
   *
   * @param green every Application whose destination is green
   * @param blueCount how many Applications target blue
   */
  public static SyncProgress of(List<AppStatus> green, int blueCount) {
    List<AppStatus> sorted = green.stream().sorted(Comparator.comparing(AppStatus::name)).toList();
    return new SyncProgress(
        sorted.stream().filter(AppStatus::ready).map(AppStatus::name).toList(),
        sorted.stream().filter(AppStatus::degraded).toList(),
        Math.max(green.size(), blueCount));
  }

  /** Applications Synced and Healthy so far. */
  public int done() {
    return ready.size();
  }

  /**
   * Every application is there and Synced/Healthy. A green with no applications at all is only done
   * when blue has none either.
   */
  public boolean complete() {
    return degraded.isEmpty() && done() == total;
  }

  /** Whether the deployment has failed for good (a Degraded app does not heal by waiting). */
  public boolean failed() {
    return !degraded.isEmpty();
  }

  /** The failure reason naming each Degraded application and its message. */
  public String failureReason() {
    return "Degraded on green: "
        + degraded.stream()
            .map(a -> a.name() + " (" + (a.message() == null ? "no message" : a.message()) + ")")
            .collect(Collectors.joining(", "));
  }

  /** The reason when the deadline passes first. */
  public String timeoutReason(List<AppStatus> green) {
    String pending =
        green.stream()
            .filter(a -> !a.ready())
            .sorted(Comparator.comparing(AppStatus::name))
            .map(
                a ->
                    a.name()
                        + " ("
                        + a.sync()
                        + "/"
                        + a.health()
                        + (a.message() == null ? "" : ": " + a.message())
                        + ")")
            .collect(Collectors.joining(", "));
    return "deadline passed with "
        + done()
        + " of "
        + total
        + " applications Synced and Healthy"
        + (pending.isEmpty()
            ? "; not yet generated for green: " + (total - green.size())
            : "; waiting for: " + pending);
  }

  /** Progress line for people watching. */
  public String message() {
    return done() + " of " + total + " applications Synced and Healthy on green";
  }
}
