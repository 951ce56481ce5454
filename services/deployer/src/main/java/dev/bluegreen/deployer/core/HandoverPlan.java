package dev.bluegreen.deployer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a CronJob handover does, in its only safe order: suspend on the from-side, wait until no Job
 * started there still runs, then resume on the to-side. CronJobs suspended before the upgrade
 * (recorded on blue) stay suspended on both sides. Computed from observations only, so a
 * redelivered command computes an empty plan for work already done.
 *
 * @param from the side scheduled work leaves
 * @param to the side scheduled work moves to
 * @param moved CronJobs that run on the to-side afterwards ({@code namespace/name})
 * @param keptSuspended CronJobs suspended before the upgrade, left suspended on both sides
 * @param suspendOnFrom CronJobs to suspend on the from-side (still active there)
 * @param suspendOnTo kept-suspended CronJobs that run on the to-side anyway: suspended there too
 * @param resumeOnTo CronJobs to resume on the to-side (still suspended there)
 * @param missingOnTo CronJobs the from-side has and the to-side lacks: the handover must not start,
 *     or their scheduled work would stop everywhere
 */
public record HandoverPlan(
    Side from,
    Side to,
    List<String> moved,
    List<String> keptSuspended,
    List<String> suspendOnFrom,
    List<String> suspendOnTo,
    List<String> resumeOnTo,
    List<String> missingOnTo) {

  /** A cluster of the pair. */
  public enum Side {
    /** The cluster being upgraded away from. */
    BLUE,
    /** The new cluster. */
    GREEN
  }

  /**
   * Plans a handover.
   *
   * @param toGreen true for blue to green, false for the reverse (rollback)
   * @param blue blue's CronJobs (carrying the suspended-before-upgrade record)
   * @param green green's CronJobs
   */
  public static HandoverPlan of(
      boolean toGreen, List<CronJobState> blue, List<CronJobState> green) {
    Map<String, CronJobState> blueByKey = byKey(blue);
    Map<String, CronJobState> greenByKey = byKey(green);
    Map<String, CronJobState> fromSide = toGreen ? blueByKey : greenByKey;
    Map<String, CronJobState> toSide = toGreen ? greenByKey : blueByKey;

    List<String> moved = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    // Blue is the authority on what its owners had suspended; a CronJob only green has (added by
    // a newer release) has no record and is handed over like any other.
    for (String key : union(blueByKey, greenByKey)) {
      CronJobState b = blueByKey.get(key);
      if (b != null && wasSuspendedBefore(b, toGreen)) {
        kept.add(key);
      } else if (toSide.containsKey(key)) {
        moved.add(key);
      } else if (toGreen) {
        // Rolling back, a green-only CronJob is simply suspended on green: blue never had it.
        missing.add(key);
      }
    }
    List<String> suspendOnFrom =
        fromSide.values().stream().filter(CronJobState::active).map(CronJobState::key).toList();
    // A CronJob its owners had suspended never starts running anywhere because of us; if the
    // to-side runs one anyway (delivered unsuspended), it is suspended there too.
    List<String> suspendOnTo =
        kept.stream().filter(k -> toSide.containsKey(k) && toSide.get(k).active()).toList();
    List<String> resumeOnTo = moved.stream().filter(k -> toSide.get(k).suspended()).toList();
    return new HandoverPlan(
        toGreen ? Side.BLUE : Side.GREEN,
        toGreen ? Side.GREEN : Side.BLUE,
        List.copyOf(moved),
        List.copyOf(kept),
        suspendOnFrom,
        suspendOnTo,
        resumeOnTo,
        List.copyOf(missing));
  }

  /**
   * Suspended before the upgrade: recorded at deploy time; when never recorded (a CronJob added to
   * blue after deploy), blue's state counts only while blue still owns scheduled work.
   */
  private static boolean wasSuspendedBefore(CronJobState blue, boolean toGreen) {
    if (blue.suspendedBeforeUpgrade() != null) {
      return blue.suspendedBeforeUpgrade();
    }
    return toGreen && blue.suspended();
  }

  /** Whether the to-side may resume now: nothing is missing and no from-side Job still runs. */
  public static List<String> stillRunning(List<CronJobState> fromSide) {
    return fromSide.stream()
        .filter(c -> c.runningJobs() > 0)
        .map(c -> c.key() + " (" + c.runningJobs() + " running)")
        .sorted()
        .toList();
  }

  /**
   * The invariant: CronJobs unsuspended on both clusters at once. Must always be empty.
   *
   * @return the keys of CronJobs active on both sides
   */
  public static List<String> activeOnBoth(List<CronJobState> blue, List<CronJobState> green) {
    Map<String, CronJobState> greenByKey = byKey(green);
    return blue.stream()
        .filter(CronJobState::active)
        .filter(b -> greenByKey.containsKey(b.key()) && greenByKey.get(b.key()).active())
        .map(CronJobState::key)
        .sorted()
        .toList();
  }

  /**
   * Green's CronJobs to suspend while deploying: those Argo CD delivered unsuspended, so green runs
   * no scheduled work until the handover moves it there. A redelivered deploy after the handover
   * (blue's counterpart suspended by us, not by its owners) leaves green's running ones alone.
   */
  public static List<String> toSuspendOnGreenAtDeploy(
      List<CronJobState> blue, List<CronJobState> green) {
    Map<String, CronJobState> blueByKey = byKey(blue);
    boolean handedOver =
        blue.stream().anyMatch(b -> b.suspended() && !wasSuspendedBefore(b, false));
    return green.stream()
        .filter(CronJobState::active)
        .filter(
            g -> {
              CronJobState b = blueByKey.get(g.key());
              if (b == null) {
                return !handedOver;
              }
              return b.active() || wasSuspendedBefore(b, true);
            })
        .map(CronJobState::key)
        .sorted()
        .toList();
  }

  /** Blue's CronJobs whose pre-upgrade suspension is not yet recorded, with the value to record. */
  public static Map<String, Boolean> unrecorded(List<CronJobState> blue) {
    return blue.stream()
        .filter(b -> b.suspendedBeforeUpgrade() == null)
        .collect(
            Collectors.toMap(
                CronJobState::key, CronJobState::suspended, (a, b) -> a, TreeMap::new));
  }

  /** Nothing left to do: the handover is complete (or was done by an earlier delivery). */
  public boolean done() {
    return suspendOnFrom.isEmpty() && suspendOnTo.isEmpty() && resumeOnTo.isEmpty();
  }

  private static Map<String, CronJobState> byKey(List<CronJobState> list) {
    return list.stream()
        .collect(
            Collectors.toMap(CronJobState::key, Function.identity(), (a, b) -> a, TreeMap::new));
  }

  private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
    TreeMap<String, Boolean> keys = new TreeMap<>();
    a.keySet().forEach(k -> keys.put(k, true));
    b.keySet().forEach(k -> keys.put(k, true));
    return List.copyOf(keys.keySet());
  }
}
