package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.e2e.Platform;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short form of {@code bin/chaos} for CI: a few upgrades at once and a campaign of four other
 * clusters while services (the notifier too) are SIGKILLed and restarted, cloud faults come and go
 * and resources are held stuck at seeded random moments, one upgrade's green past its provisioning
 * timeout; then every check of a chaos run (terminal in time, COMPLETED but for the one held past
 * its timeout, which fails cleanly, no journal violation, nothing created twice, nothing lost, the
 * audit log replays, the notifier posted every end and nothing else, one upgrade per campaign
 * member). The seed is printed and {@code -Dchaos.seed=S} repeats a run; without it the run uses
 * {@link #FIXED_SEED}, and {@code -Dchaos.seed=random} draws one.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ChaosIT {

  /**
   * The first seed from 20261207 up whose schedule of 6 kills hits each of the five services and
   * injects each of the four fault kinds (all within the first 31 s).
   */
  private static final long FIXED_SEED = 20261223L;

  @Test
  void upgradesUnderKillsAndCloudFaults_allEnd_withNothingLostOrDoneTwice(KafkaBroker broker) {
    long seed = seed();
    ChaosReport report =
        ChaosRun.run(
            broker,
            new ChaosRun.Settings(
                seed,
                6,
                new ChaosSchedule.Mix(6, 4, 1, 1, 3, 1),
                4,
                Duration.ofSeconds(50),
                Duration.ofSeconds(240),
                null));
    report.writeTo(Platform.repoRoot().resolve("e2e/target/chaos-it"));

    assertTrue(report.passed(), "chaos seed " + seed + ":\n" + report.markdown());
    assertEquals(6, report.outcomes().values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(report.kills() > 0, "the schedule ran: " + report.log());
    assertEquals(1, report.brokerRestarts(), "the broker was restarted: " + report.log());
    assertEquals(1, report.notifierKills(), "the notifier was killed: " + report.log());
    assertTrue(report.notifications().endsPosted() >= 6, "the notifier posted the ends");
    assertEquals(4, report.campaign().members(), "a campaign ran beside the upgrades");
    assertEquals(1, report.longStuck().size(), "one upgrade held past its phase timeout");
    assertTrue(
        report.longStuck().get(0).matches(".*: (FAILED|ROLLED_BACK), .*"),
        "the held upgrade took the failure path: " + report.longStuck());
  }

  private static long seed() {
    String given = System.getProperty("chaos.seed");
    if (given == null || given.isBlank()) {
      return FIXED_SEED;
    }
    return given.equals("random") ? ThreadLocalRandom.current().nextLong() : Long.parseLong(given);
  }
}
