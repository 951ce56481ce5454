package dev.bluegreen.e2e.chaos;

import dev.bluegreen.contracts.Topics;
import dev.bluegreen.e2e.KafkaNodes;
import dev.bluegreen.e2e.Platform;
import dev.bluegreen.e2e.ServiceProcess;
import dev.bluegreen.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bin/chaos}: one chaos run against a broker in this JVM; writes {@code
 * e2e/target/chaos/results.json} and {@code results.md} (and a soak's {@code soak.json} and {@code
 * soak.md}); exits 1 when a check failed.
 *
 * <pre>
 * bin/chaos [--seed S] [--upgrades N] [--kills K] [--faults F] [--broker-restarts B]
 *           [--notifier-kills K] [--stuck S] [--long-stuck L] [--campaign-members M]
 *           [--window SECONDS] [--brokers N] [--brokers-lost L]
 * bin/chaos --soak DURATION [--interval SECONDS] [--rounds R] [the options above]
 * </pre>
 */
public final class ChaosMain {

  /** A soak is bounded: hours, not days. */
  static final Duration LONGEST_SOAK = Duration.ofHours(24);

  private static final String USAGE =
      "usage: bin/chaos [--seed S] [--upgrades N] [--kills K] [--faults F]"
          + " [--broker-restarts B]\n"
          + "                 [--notifier-kills K] [--stuck S] [--long-stuck L]"
          + " [--campaign-members M] [--window SECONDS]\n"
          + "                 [--brokers N] [--brokers-lost L]\n"
          + "       bin/chaos --soak DURATION (ISO-8601, e.g. PT2H, at most PT24H)"
          + " [--interval SECONDS] [--rounds R] [the options above]\n"
          + "  --upgrades N          upgrades at once (100)\n"
          + "  --kills K             SIGKILLs of the five upgrade services (50)\n"
          + "  --faults F            throttling, 503s, latency, stale rule weights (as many as"
          + " kills)\n"
          + "  --broker-restarts B   broker stopped and started again (3)\n"
          + "  --notifier-kills K    SIGKILLs of the notifier, drawn after the rest (kills/5);"
          + " its posts are checked\n"
          + "  --stuck S             a cluster or node group held CREATING/UPDATING/DELETING"
          + " 5-45 s once it changes (faults/5)\n"
          + "  --long-stuck L        upgrades requested with a 30 s PROVISIONING timeout, green's"
          + " cluster or node group\n"
          + "                        held 45-75 s: they must fail cleanly (0; not in a soak)\n"
          + "  --campaign-members M  one fleet campaign over M other clusters, 2 waves, 2 at a"
          + " time (6; 0: none;\n"
          + "                        not in a soak)\n"
          + "  --window SECONDS      the stretch the actions fall in (4 s per kill, at least 60)\n"
          + "  --brokers N           Kafka nodes: 1, in this JVM (default), or 3 or more KRaft"
          + " processes, topics\n"
          + "                        replicated 3, 2 in sync; a broker restart SIGKILLs a random"
          + " node\n"
          + "  --brokers-lost L      times two of three nodes are SIGKILLed at once, down 5-15 s"
          + " (0; needs --brokers 3)";

  private ChaosMain() {}

  public static void main(String[] args) {
    long seed = ThreadLocalRandom.current().nextLong();
    Integer upgrades = null;
    Integer kills = null;
    Integer faults = null;
    Integer window = null;
    Integer brokerRestarts = null;
    Integer notifierKills = null;
    Integer stuck = null;
    Integer longStuck = null;
    Integer campaignMembers = null;
    Duration soak = null;
    Integer interval = null;
    Integer rounds = null;
    int brokers = 1;
    Integer brokersLost = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--seed" -> seed = Long.parseLong(value);
          case "--upgrades" -> upgrades = Integer.parseInt(value);
          case "--kills" -> kills = Integer.parseInt(value);
          case "--faults" -> faults = Integer.parseInt(value);
          case "--window" -> window = Integer.parseInt(value);
          case "--broker-restarts" -> brokerRestarts = Integer.parseInt(value);
          case "--notifier-kills" -> notifierKills = Integer.parseInt(value);
          case "--stuck" -> stuck = Integer.parseInt(value);
          case "--long-stuck" -> longStuck = Integer.parseInt(value);
          case "--campaign-members" -> campaignMembers = Integer.parseInt(value);
          case "--soak" -> soak = Duration.parse(value);
          case "--interval" -> interval = Integer.parseInt(value);
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--brokers" -> brokers = Integer.parseInt(value);
          case "--brokers-lost" -> brokersLost = Integer.parseInt(value);
          case "--help", "-h" -> {
            System.out.println(USAGE);
            System.exit(0);
          }
          default -> usage(null);
        }
        i++;
      }
    } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
      usage(e.getMessage());
    }
    if (soak != null && (soak.isNegative() || soak.isZero() || soak.compareTo(LONGEST_SOAK) > 0)) {
      usage("--soak " + soak + " is not between PT0S and " + LONGEST_SOAK);
    }
    if (soak != null && campaignMembers != null && campaignMembers > 0) {
      usage("--campaign-members: a soak runs no campaign");
    }
    if (soak != null && longStuck != null && longStuck > 0) {
      usage("--long-stuck: a soak holds nothing past a timeout");
    }
    if (brokers != 1 && brokers < 3) {
      usage("--brokers " + brokers + ": 1, or 3 and more (topics are replicated 3, 2 in sync)");
    }
    if (brokersLost != null && brokersLost > 0 && brokers < 3) {
      usage("--brokers-lost: needs --brokers 3 or more");
    }
    ChaosRun.Settings settings =
        soak == null
            ? chaos(
                seed,
                upgrades,
                kills,
                faults,
                brokerRestarts,
                new Extra(notifierKills, stuck, campaignMembers, longStuck, brokersLost),
                window)
            : soak(
                seed,
                soak,
                upgrades,
                kills,
                faults,
                brokerRestarts,
                new Extra(notifierKills, stuck, 0, 0, brokersLost),
                interval,
                rounds);
    if (soak != null) {
      // The soak judges resident memory: each service's heap committed and touched from its start,
      // so that what rises is off the heap (ServiceProcess.HEAP_COMMITTED).
      System.setProperty(ServiceProcess.HEAP_COMMITTED, "true");
    }
    ChaosReport report = brokers == 1 ? onOneBroker(settings) : onNodes(brokers, settings);
    Path out = Platform.repoRoot().resolve("e2e/target/chaos");
    report.writeTo(out);
    System.out.println(report.markdown());
    System.out.println(
        "chaos: written to "
            + out.resolve("results.json")
            + " and results.md"
            + (soak == null ? "" : ", soak.json and soak.md"));
    System.exit(report.passed() ? 0 : 1);
  }

  /** The options added after the first chaos runs; null where not given. */
  record Extra(
      Integer notifierKills,
      Integer stuck,
      Integer campaignMembers,
      Integer longStuck,
      Integer brokersLost) {

    /** The options before two brokers could be lost at once. */
    Extra(Integer notifierKills, Integer stuck, Integer campaignMembers, Integer longStuck) {
      this(notifierKills, stuck, campaignMembers, longStuck, null);
    }

    /** The schedule's mix: the notifier's share of kills and a fifth of the faults by default. */
    ChaosSchedule.Mix mix(int kills, int faults, int brokerRestarts) {
      return new ChaosSchedule.Mix(
          kills,
          faults,
          brokerRestarts,
          notifierKills != null ? notifierKills : (kills + 4) / 5,
          stuck != null ? stuck : (faults + 4) / 5,
          longStuck != null ? longStuck : 0,
          brokersLost != null ? brokersLost : 0);
    }
  }

  static ChaosRun.Settings chaos(
      long seed,
      Integer upgrades,
      Integer kills,
      Integer faults,
      Integer brokerRestarts,
      Extra extra,
      Integer window) {
    int n = upgrades != null ? upgrades : 100;
    int k = kills != null ? kills : 50;
    int members = extra.campaignMembers() != null ? extra.campaignMembers() : 6;
    // Defaults scale with the run: as many faults as kills; the kills spread over about 4 s
    // each (a restart takes ~10-20 s on two cores, and kills of different services overlap).
    int windowSeconds = window != null ? window : Math.max(60, k * 4);
    return new ChaosRun.Settings(
        seed,
        n,
        extra.mix(k, faults != null ? faults : k, brokerRestarts != null ? brokerRestarts : 3),
        members,
        Duration.ofSeconds(windowSeconds),
        // A campaign's waves run one after the other: a minute and a half per wave on top.
        Duration.ofSeconds(windowSeconds + 300L + 2L * n + (members > 0 ? 180 : 0)),
        null);
  }

  /**
   * A soak's defaults: 10 upgrades a round; chaos at a lower rate than a chaos run's (a kill every
   * 2 minutes, a fault a minute, a broker restart every 30 minutes, at least one of each), so most
   * processes live long enough for their series to be judged; the schedule spread over the whole
   * soak; 60 samples per process that lives through it, at least 10 s apart; fleet enough for four
   * rounds a minute (10 upgrades took ~25 s a round on a loaded 2-core machine).
   */
  static ChaosRun.Settings soak(
      long seed,
      Duration soak,
      Integer upgrades,
      Integer kills,
      Integer faults,
      Integer brokerRestarts,
      Extra extra,
      Integer interval,
      Integer rounds) {
    long minutes = Math.max(1, soak.toMinutes());
    int n = upgrades != null ? upgrades : 10;
    return new ChaosRun.Settings(
        seed,
        n,
        extra.mix(
            kills != null ? kills : (int) Math.max(1, minutes / 2),
            faults != null ? faults : (int) minutes,
            brokerRestarts != null ? brokerRestarts : (int) Math.max(1, minutes / 30)),
        0,
        soak,
        Duration.ofSeconds(300L + 2L * n),
        new ChaosRun.Soak(
            soak,
            interval != null
                ? Duration.ofSeconds(interval)
                : Duration.ofSeconds(Math.max(10, soak.toSeconds() / 60)),
            rounds != null ? rounds : (int) Math.max(2, 4 * minutes)));
  }

  private static ChaosReport onOneBroker(ChaosRun.Settings settings) {
    try (KafkaBroker broker = KafkaBroker.start()) {
      return ChaosRun.run(broker, settings);
    }
  }

  /** On a KRaft cluster of {@code count} processes, every topic replicated 3, 2 in sync. */
  private static ChaosReport onNodes(int count, ChaosRun.Settings settings) {
    Path root = Platform.repoRoot();
    try (KafkaNodes nodes =
        KafkaNodes.start(
            count,
            ChaosKafka.replicationFor(count),
            Topics.ALL,
            root.resolve("e2e/target/kafka-nodes/" + UUID.randomUUID()),
            root.resolve("e2e/target/service-logs"))) {
      return ChaosRun.run(ChaosKafka.of(nodes), settings);
    }
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println("bin/chaos: " + problem);
    }
    System.err.println(USAGE);
    System.exit(2);
  }
}
