package dev.bluegreen.e2e.chaos;

import dev.bluegreen.e2e.Platform;
import dev.bluegreen.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bin/chaos}: one chaos run against a broker in this JVM; writes {@code
 * e2e/target/chaos/results.json} and {@code results.md} (and a soak's {@code soak.json} and {@code
 * soak.md}); exits 1 when a check failed.
 *
 * <pre>
 * bin/chaos [--seed S] [--upgrades N] [--kills K] [--faults F] [--broker-restarts B]
 *           [--window SECONDS]
 * bin/chaos --soak DURATION [--interval SECONDS] [--rounds R] [the options above]
 * </pre>
 */
public final class ChaosMain {

  /** A soak is bounded: hours, not days. */
  static final Duration LONGEST_SOAK = Duration.ofHours(24);

  private static final String USAGE =
      "usage: bin/chaos [--seed S] [--upgrades N] [--kills K] [--faults F]"
          + " [--broker-restarts B] [--window SECONDS]\n"
          + "       bin/chaos --soak DURATION (ISO-8601, e.g. PT2H, at most PT24H)"
          + " [--interval SECONDS] [--rounds R] [the options above]";

  private ChaosMain() {}

  public static void main(String[] args) {
    long seed = ThreadLocalRandom.current().nextLong();
    Integer upgrades = null;
    Integer kills = null;
    Integer faults = null;
    Integer window = null;
    Integer brokerRestarts = null;
    Duration soak = null;
    Integer interval = null;
    Integer rounds = null;
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
          case "--soak" -> soak = Duration.parse(value);
          case "--interval" -> interval = Integer.parseInt(value);
          case "--rounds" -> rounds = Integer.parseInt(value);
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
    ChaosRun.Settings settings =
        soak == null
            ? chaos(seed, upgrades, kills, faults, brokerRestarts, window)
            : soak(seed, soak, upgrades, kills, faults, brokerRestarts, interval, rounds);
    ChaosReport report;
    try (KafkaBroker broker = KafkaBroker.start()) {
      report = ChaosRun.run(broker, settings);
    }
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

  private static ChaosRun.Settings chaos(
      long seed,
      Integer upgrades,
      Integer kills,
      Integer faults,
      Integer brokerRestarts,
      Integer window) {
    int n = upgrades != null ? upgrades : 100;
    int k = kills != null ? kills : 50;
    // Defaults scale with the run: as many faults as kills; the kills spread over about 4 s
    // each (a restart takes ~10-20 s on two cores, and kills of different services overlap).
    int windowSeconds = window != null ? window : Math.max(60, k * 4);
    return new ChaosRun.Settings(
        seed,
        n,
        k,
        faults != null ? faults : k,
        brokerRestarts != null ? brokerRestarts : 3,
        Duration.ofSeconds(windowSeconds),
        Duration.ofSeconds(windowSeconds + 300L + 2L * n));
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
      Integer interval,
      Integer rounds) {
    long minutes = Math.max(1, soak.toMinutes());
    int n = upgrades != null ? upgrades : 10;
    return new ChaosRun.Settings(
        seed,
        n,
        kills != null ? kills : (int) Math.max(1, minutes / 2),
        faults != null ? faults : (int) minutes,
        brokerRestarts != null ? brokerRestarts : (int) Math.max(1, minutes / 30),
        soak,
        Duration.ofSeconds(300L + 2L * n),
        new ChaosRun.Soak(
            soak,
            interval != null
                ? Duration.ofSeconds(interval)
                : Duration.ofSeconds(Math.max(10, soak.toSeconds() / 60)),
            rounds != null ? rounds : (int) Math.max(2, 4 * minutes)));
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println("bin/chaos: " + problem);
    }
    System.err.println(USAGE);
    System.exit(2);
  }
}
