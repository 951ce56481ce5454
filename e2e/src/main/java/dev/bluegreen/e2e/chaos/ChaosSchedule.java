package dev.bluegreen.e2e.chaos;

import dev.bluegreen.cloudsim.core.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * What a chaos run does and when, from a seed alone: the same seed gives the same actions at the
 * same offsets from the start of the run. Pure: no clock, no I/O; {@link ChaosRun} carries it out.
 *
 * @param seed the seed it was made from (printed, so a run can be repeated)
 * @param actions every action, ordered by when it is due
 */
public record ChaosSchedule(long seed, List<Action> actions) {

  /** One thing the run does at {@link #at} after it started. */
  public sealed interface Action permits Kill, CloudFault, BrokerRestart {
    /** When, from the start of the run. */
    Duration at();
  }

  /** SIGKILL a service, leave it down for {@code downFor}, then start it again on the same port. */
  public record Kill(Duration at, String service, Duration downFor) implements Action {}

  /**
   * Stop the Kafka broker as if it crashed (every client loses its connections, nothing can be
   * produced or consumed), leave it down for {@code downFor}, then start it again with its data.
   */
  public record BrokerRestart(Duration at, Duration downFor) implements Action {}

  /**
   * Inject {@code fault} into the simulated cloud and remove it {@code lasting} later.
   *
   * @param kind a short name for reports (throttle, 5xx, latency, stale-rule-weights)
   */
  public record CloudFault(Duration at, String kind, Fault fault, Duration lasting)
      implements Action {

    /** The fault in a few words, for the run's log. */
    public String summary() {
      String what =
          switch (fault.kind()) {
            case THROTTLE, ERROR -> "next " + fault.count() + " calls";
            case LATENCY -> "+" + fault.latencyMillis() + " ms per call";
            case RULE_WEIGHT_DELAY -> fault.reads() + " stale reads after a ModifyRule";
            default -> fault.toString();
          };
      String where = fault.service() == null ? "" : " on " + fault.service();
      return kind + where + ": " + what + ", for " + lasting.toMillis() + " ms";
    }
  }

  /**
   * A schedule of {@code kills} kills of {@code services} and {@code faults} cloud faults, each at
   * a random moment within {@code window}.
   */
  public static ChaosSchedule generate(
      long seed, int kills, int faults, Duration window, List<String> services) {
    return generate(seed, kills, faults, 0, window, services);
  }

  /**
   * As {@link #generate(long, int, int, Duration, List)}, with {@code brokerRestarts} restarts of
   * the broker too. They are drawn after the kills and faults, so a seed's kills and faults stay
   * what they were without them.
   */
  public static ChaosSchedule generate(
      long seed,
      int kills,
      int faults,
      int brokerRestarts,
      Duration window,
      List<String> services) {
    Random random = new Random(seed);
    long windowMillis = window.toMillis();
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < kills; i++) {
      actions.add(
          new Kill(
              Duration.ofMillis(random.nextLong(windowMillis)),
              services.get(random.nextInt(services.size())),
              // Down for up to 3 s: long enough for a fact or command to arrive meanwhile.
              Duration.ofMillis(random.nextLong(3_000))));
    }
    for (int i = 0; i < faults; i++) {
      actions.add(fault(random, Duration.ofMillis(random.nextLong(windowMillis))));
    }
    for (int i = 0; i < brokerRestarts; i++) {
      actions.add(
          new BrokerRestart(
              Duration.ofMillis(random.nextLong(windowMillis)),
              // Down for 1–5 s: producers and consumers must ride it out, not just a blip.
              Duration.ofMillis(1_000 + random.nextLong(4_000))));
    }
    actions.sort(Comparator.comparing(Action::at));
    return new ChaosSchedule(seed, List.copyOf(actions));
  }

  /**
   * A transient fault of one of the kinds a real AWS account shows: throttling, 5xx, slow calls
   * (some longer than a client's timeout), rule weights read back stale after a change. Each lasts
   * 2–10 s or a bounded number of calls: chaos, not an outage the platform must give up on.
   */
  private static CloudFault fault(Random random, Duration at) {
    Duration lasting = Duration.ofMillis(2_000 + random.nextLong(8_000));
    String service = random.nextBoolean() ? "eks" : "elbv2";
    return switch (random.nextInt(4)) {
      case 0 ->
          new CloudFault(
              at, "throttle", Fault.throttle(service, "*", 5 + random.nextInt(20)), lasting);
      case 1 -> new CloudFault(at, "5xx", serverError(service, 1 + random.nextInt(5)), lasting);
      case 2 ->
          new CloudFault(
              at,
              "latency",
              Fault.latency(service, "*", Duration.ofMillis(500 + random.nextLong(4_500))),
              lasting);
      default ->
          new CloudFault(
              at,
              "stale-rule-weights",
              Fault.ruleWeightDelay(null, 2 + random.nextInt(8)),
              lasting);
    };
  }

  /** The next {@code count} calls of {@code service} answer 503 Service Unavailable. */
  private static Fault serverError(String service, int count) {
    return new Fault(
        null,
        Fault.Kind.ERROR,
        service,
        "*",
        null,
        service.equals("eks") ? "ServiceUnavailableException" : "ServiceUnavailable",
        503,
        "chaos: service unavailable",
        count,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** How many kills the schedule holds. */
  public long kills() {
    return actions.stream().filter(Kill.class::isInstance).count();
  }

  /** How many broker restarts the schedule holds. */
  public long brokerRestarts() {
    return actions.stream().filter(BrokerRestart.class::isInstance).count();
  }

  /** How many cloud faults the schedule holds. */
  public long faults() {
    return actions.stream().filter(CloudFault.class::isInstance).count();
  }
}
