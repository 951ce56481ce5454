package dev.bluegreen.e2e.chaos;

import dev.bluegreen.e2e.Platform;
import dev.bluegreen.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bin/chaos}: one chaos run against a broker in this JVM; writes {@code
 * e2e/target/chaos/results.json} and {@code results.md}; exits 1 when a check failed.
 *
 * <pre>
 * bin/chaos [--seed S] [--upgrades N] [--kills K] [--faults F] [--broker-restarts B]
 *           [--window SECONDS]
 * </pre>
 */
public final class ChaosMain {

  private ChaosMain() {}

  public static void main(String[] args) {
    long seed = ThreadLocalRandom.current().nextLong();
    int upgrades = 100;
    int kills = 50;
    Integer faults = null;
    Integer window = null;
    int brokerRestarts = 3;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(value);
        case "--upgrades" -> upgrades = Integer.parseInt(value);
        case "--kills" -> kills = Integer.parseInt(value);
        case "--faults" -> faults = Integer.parseInt(value);
        case "--window" -> window = Integer.parseInt(value);
        case "--broker-restarts" -> brokerRestarts = Integer.parseInt(value);
        default -> {
          System.err.println(
              "usage: bin/chaos [--seed S] [--upgrades N] [--kills K] [--faults F]"
                  + " [--broker-restarts B] [--window SECONDS]");
          System.exit(2);
        }
      }
      i++;
    }
    // Defaults scale with the run: as many faults as kills; the kills spread over about 4 s
    // each (a restart takes ~10-20 s on two cores, and kills of different services overlap).
    int windowSeconds = window != null ? window : Math.max(60, kills * 4);
    ChaosRun.Settings settings =
        new ChaosRun.Settings(
            seed,
            upgrades,
            kills,
            faults != null ? faults : kills,
            brokerRestarts,
            Duration.ofSeconds(windowSeconds),
            Duration.ofSeconds(windowSeconds + 300L + 2L * upgrades));
    ChaosReport report;
    try (KafkaBroker broker = KafkaBroker.start()) {
      report = ChaosRun.run(broker, settings);
    }
    Path out = Platform.repoRoot().resolve("e2e/target/chaos");
    report.writeTo(out);
    System.out.println(report.markdown());
    System.out.println("chaos: written to " + out.resolve("results.json") + " and results.md");
    System.exit(report.passed() ? 0 : 1);
  }
}
