package dev.bluegreen.e2e.chaos;

import dev.bluegreen.cloudsim.core.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What a chaos run does and when, from a seed alone: the same seed gives the same actions at the
 * same offsets from the start of the run. Pure: no clock, no I/O; {@link ChaosRun} carries it out.
 *
 * @param seed the seed it was made from (printed, so a run can be repeated)
 * @param actions every action, ordered by when it is due
 */
public record ChaosSchedule(long seed, List<Action> actions) {

  /** One thing the run does at {@link #at} after it started. */
  public sealed interface Action
      permits Kill, CloudFault, BrokerRestart, StuckResource, LongStuck, BrokersLost {
    /** When, from the start of the run. */
    Duration at();
  }

  /** SIGKILL a service, leave it down for {@code downFor}, then start it again on the same port. */
  public record Kill(Duration at, String service, Duration downFor) implements Action {}

  /**
   * Crash a Kafka broker (SIGKILL a node of a cluster; stop the one broker in the run's JVM, so
   * nothing can be produced or consumed), leave it down for {@code downFor}, then start it again
   * with its data.
   *
   * @param pick in [0, 1), which node: {@link #node(int)}
   */
  public record BrokerRestart(Duration at, Duration downFor, double pick) implements Action {

    /** The node (1-based) it crashes among {@code nodes}. */
    public int node(int nodes) {
      return 1 + Math.min(nodes - 1, (int) (pick * nodes));
    }
  }

  /**
   * Crash two of three Kafka nodes at once, leave them down for {@code downFor}, then start both
   * again with their data. Below two in-sync replicas no write is acknowledged (and two of three
   * controllers gone, no quorum): the platform must stall, then go on with nothing lost or done
   * twice. Only for a run on three nodes or more.
   *
   * @param pick in [0, 1), which node stays up: {@link #survivor(int)}
   */
  public record BrokersLost(Duration at, Duration downFor, double pick) implements Action {

    /** The node (1-based) that stays up among {@code nodes}. */
    public int survivor(int nodes) {
      return 1 + Math.min(nodes - 1, (int) (pick * nodes));
    }

    /** The two nodes (1-based) it crashes among {@code nodes}: the two after the survivor. */
    public List<Integer> lost(int nodes) {
      int survivor = survivor(nodes);
      return List.of(survivor % nodes + 1, (survivor + 1) % nodes + 1);
    }
  }

  /**
   * How many of each action to draw. They are drawn kind after kind in the order of these fields,
   * so a kind added later (a later field) leaves a seed's earlier actions exactly as they were.
   *
   * @param kills SIGKILLs of the services given to {@link #generate(long, Mix, Duration, List)}
   * @param faults transient cloud faults (throttling, 5xx, latency, stale rule weights)
   * @param brokerRestarts broker restarts
   * @param notifierKills SIGKILLs of the {@link #NOTIFIER} (it joined the chaos later)
   * @param stuckResources resources held in their lifecycle state for a while
   * @param longStuck upgrades requested with a short {@link #LONG_STUCK_PHASE} timeout whose green
   *     is held longer than it ({@link LongStuck})
   * @param brokersLost times two of three Kafka nodes are lost at once ({@link BrokersLost})
   */
  public record Mix(
      int kills,
      int faults,
      int brokerRestarts,
      int notifierKills,
      int stuckResources,
      int longStuck,
      int brokersLost) {

    /** The mix before two brokers were lost at once. */
    public Mix(
        int kills,
        int faults,
        int brokerRestarts,
        int notifierKills,
        int stuckResources,
        int longStuck) {
      this(kills, faults, brokerRestarts, notifierKills, stuckResources, longStuck, 0);
    }

    /** The mix before the notifier and stuck resources joined. */
    public Mix(int kills, int faults, int brokerRestarts) {
      this(kills, faults, brokerRestarts, 0, 0);
    }

    /** The mix before long holds joined. */
    public Mix(int kills, int faults, int brokerRestarts, int notifierKills, int stuckResources) {
      this(kills, faults, brokerRestarts, notifierKills, stuckResources, 0);
    }
  }

  /** The phase whose timeout a {@link LongStuck} upgrade's plan shortens. */
  public static final String LONG_STUCK_PHASE = "PROVISIONING";

  /**
   * The {@link #LONG_STUCK_PHASE} timeout of a {@link LongStuck} upgrade's plan: far longer than
   * provisioning takes at the run's compressed lifecycles (seconds, tens with a provisioner kill),
   * far shorter than the default (45 minutes).
   */
  public static final Duration LONG_STUCK_TIMEOUT = Duration.ofSeconds(30);

  /** The notifier's service name. */
  public static final String NOTIFIER = "notifier";

  /** Which resource of an upgrade a {@link StuckResource} holds. */
  public enum Target {
    /** Green's EKS cluster: held CREATING while the provisioner waits for it to be ACTIVE. */
    GREEN_CLUSTER("stuck-green-cluster"),
    /** Green's first node group: held CREATING (or UPDATING, DELETING in a clean-up). */
    GREEN_NODEGROUP("stuck-green-nodegroup"),
    /** Blue's first node group: held UPDATING or DELETING while the decommissioner retires it. */
    BLUE_NODEGROUP("stuck-blue-nodegroup"),
    /** Blue's EKS cluster: held DELETING at the end of the decommission. */
    BLUE_CLUSTER("stuck-blue-cluster");

    private final String kind;

    Target(String kind) {
      this.kind = kind;
    }

    /** The name reports give it. */
    public String kind() {
      return kind;
    }
  }

  /**
   * Hold {@code target} of one upgrade in its lifecycle state (a STUCK fault: a cluster or node
   * group that stays CREATING, UPDATING or DELETING): put in place at {@code at}, it holds the
   * resource's next change for {@code lasting} from when the change begins, then lets it go; if the
   * upgrade ends with the resource unchanged, it held nothing. The schedule does not know the run's
   * upgrades: {@code pick}, in [0, 1), chooses one of those requested by then.
   */
  public record StuckResource(Duration at, Target target, double pick, Duration lasting)
      implements Action {

    /** The index of the upgrade it holds among {@code requested} upgrades. */
    public int upgradeIndex(int requested) {
      return Math.min(requested - 1, (int) (pick * requested));
    }
  }

  /**
   * An upgrade requested with a plan whose {@link #LONG_STUCK_PHASE} timeout is {@link
   * #LONG_STUCK_TIMEOUT}, its green {@code target} (cluster or first node group) held from the
   * request on, for {@code lasting} (longer than the timeout) from when it begins to change: the
   * timeout fires while the resource is held, and the failure path (green cleaned up, the upgrade
   * FAILED) runs under the rest of the chaos. Due at the start ({@code at} is zero): the run puts
   * it in place as it requests the upgrade.
   *
   * @param pick in [0, 1), which of the run's upgrades, as {@link StuckResource#upgradeIndex}
   */
  public record LongStuck(Duration at, Target target, double pick, Duration lasting)
      implements Action {

    /**
     * The index among {@code requested} upgrades, the first free one from the pick on when an
     * earlier long hold took it; -1 when every one is taken.
     */
    public int upgradeIndex(int requested, Set<Integer> taken) {
      int first = Math.min(requested - 1, (int) (pick * requested));
      for (int i = 0; i < requested; i++) {
        int index = (first + i) % requested;
        if (!taken.contains(index)) {
          return index;
        }
      }
      return -1;
    }
  }

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
    return generate(seed, new Mix(kills, faults, brokerRestarts), window, services);
  }

  /**
   * A schedule of {@code mix}'s actions, each at a random moment within {@code window}; the kills
   * of {@code mix.kills()} hit {@code services}, those of {@code mix.notifierKills()} the notifier.
   */
  public static ChaosSchedule generate(long seed, Mix mix, Duration window, List<String> services) {
    int kills = mix.kills();
    int faults = mix.faults();
    int brokerRestarts = mix.brokerRestarts();
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
    List<Duration[]> restarts = new ArrayList<>();
    for (int i = 0; i < brokerRestarts; i++) {
      restarts.add(
          new Duration[] {
            Duration.ofMillis(random.nextLong(windowMillis)),
            // Down for 1–5 s: producers and consumers must ride it out, not just a blip.
            Duration.ofMillis(1_000 + random.nextLong(4_000))
          });
    }
    for (int i = 0; i < mix.notifierKills(); i++) {
      actions.add(
          new Kill(
              Duration.ofMillis(random.nextLong(windowMillis)),
              NOTIFIER,
              Duration.ofMillis(random.nextLong(3_000))));
    }
    for (int i = 0; i < mix.stuckResources(); i++) {
      actions.add(
          new StuckResource(
              Duration.ofMillis(random.nextLong(windowMillis)),
              Target.values()[random.nextInt(Target.values().length)],
              random.nextDouble(),
              // Held 5-45 s: far longer than a lifecycle step (~1.5 s), far shorter than any
              // service's wait or phase timeout, so waiting out the hold is the right answer.
              // (A timeout is reached by LongStuck: a plan with a shorter one.)
              Duration.ofMillis(5_000 + random.nextLong(40_000))));
    }
    for (int i = 0; i < mix.longStuck(); i++) {
      actions.add(
          new LongStuck(
              Duration.ZERO,
              random.nextBoolean() ? Target.GREEN_CLUSTER : Target.GREEN_NODEGROUP,
              random.nextDouble(),
              // 15-45 s past the timeout: the timeout fires while the resource is held, whatever
              // the load delays it by.
              LONG_STUCK_TIMEOUT.plusMillis(15_000 + random.nextLong(30_000))));
    }
    // Which node each broker restart crashes: drawn after every earlier kind (the restarts came
    // before there was more than one node), so the rest of a seed's schedule stays as it was.
    for (Duration[] r : restarts) {
      actions.add(new BrokerRestart(r[0], r[1], random.nextDouble()));
    }
    for (int i = 0; i < mix.brokersLost(); i++) {
      actions.add(
          new BrokersLost(
              Duration.ofMillis(random.nextLong(windowMillis)),
              // Down for 5-15 s: every producer's and consumer's retries run into it.
              Duration.ofMillis(5_000 + random.nextLong(10_000)),
              random.nextDouble()));
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

  /** How many times two brokers are lost at once. */
  public long brokersLost() {
    return actions.stream().filter(BrokersLost.class::isInstance).count();
  }

  /** How many stuck resources the schedule holds. */
  public long stuckResources() {
    return actions.stream().filter(StuckResource.class::isInstance).count();
  }

  /** The long holds, in the order they were drawn. */
  public List<LongStuck> longStuck() {
    return actions.stream().filter(LongStuck.class::isInstance).map(LongStuck.class::cast).toList();
  }

  /** How many cloud faults the schedule holds (stuck resources apart). */
  public long faults() {
    return actions.stream().filter(CloudFault.class::isInstance).count();
  }
}
