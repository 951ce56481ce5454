package dev.bluegreen.e2e.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a chaos run did and found.
 *
 * @param seed the schedule's seed: {@code bin/chaos --seed <seed>} repeats the schedule
 * @param upgrades upgrades requested at once
 * @param kills SIGKILLs carried out (each followed by a restart), the notifier's included
 * @param faults transient cloud faults injected (stuck resources apart)
 * @param brokerRestarts times the broker was stopped and started again
 * @param faultKinds faults by kind, stuck resources by what they held
 * @param outcomes upgrades by the state they ended in (a non-terminal one is a failure)
 * @param seconds how long the run took, platform start included
 * @param failures every check that failed, in words; empty when the run passed
 * @param log the kills, restarts and faults as they happened, with their time from the start
 * @param soak a soak run's figures ({@code bin/chaos --soak}); null for a chaos run
 * @param killsByService kills by the service killed
 * @param stuckResources resources held in their lifecycle state
 * @param stuckHeld of them, those that were mid-change (CREATING, UPDATING, DELETING) when let go
 * @param notifications what the notifier posted, checked against the audit logs; null when the run
 *     failed before
 * @param campaign the fleet campaign beside the upgrades; null when there was none
 * @param asked what the schedule held (a run that ends early, or a stuck resource with nothing to
 *     hold yet, carries out fewer): the repeat command names these; null when not known
 * @param longStuck one line per upgrade held past its phase timeout ({@link
 *     ChaosSchedule.LongStuck}): what was held how long, how the upgrade ended
 * @param brokers the Kafka nodes the platform ran on (a broker restart crashes one of them)
 * @param brokersLost times two of three Kafka nodes were lost at once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChaosReport(
    long seed,
    int upgrades,
    int kills,
    int faults,
    int brokerRestarts,
    Map<String, Integer> faultKinds,
    Map<String, Integer> outcomes,
    double seconds,
    List<String> failures,
    List<String> log,
    SoakReport soak,
    Map<String, Integer> killsByService,
    int stuckResources,
    int stuckHeld,
    NotificationCheck notifications,
    CampaignOutcome campaign,
    ChaosSchedule.Mix asked,
    List<String> longStuck,
    int brokers,
    int brokersLost) {

  /**
   * A report of the first figures alone: no soak, no kills by service, no stuck resources, no
   * notifier check, no campaign, the schedule not known.
   */
  public static ChaosReport of(
      long seed,
      int upgrades,
      int kills,
      int faults,
      int brokerRestarts,
      Map<String, Integer> faultKinds,
      Map<String, Integer> outcomes,
      double seconds,
      List<String> failures,
      List<String> log) {
    return new ChaosReport(
        seed,
        upgrades,
        kills,
        faults,
        brokerRestarts,
        faultKinds,
        outcomes,
        seconds,
        failures,
        log,
        null,
        Map.of(),
        0,
        0,
        null,
        null,
        null,
        List.of(),
        1,
        0);
  }

  /** How many times the notifier was killed. */
  public int notifierKills() {
    return killsByService == null ? 0 : killsByService.getOrDefault(ChaosSchedule.NOTIFIER, 0);
  }

  /** Whether every check held. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * Writes {@code results.json} and {@code results.md} into {@code dir}, and a soak's {@code
   * soak.json} and {@code soak.md}.
   */
  public void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("results.json").toFile(), this);
      Files.writeString(dir.resolve("results.md"), markdown());
      if (soak != null) {
        soak.writeTo(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report for people. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Chaos run, seed ").append(seed).append("\n\n");
    out.append(passed() ? "**PASSED**" : "**FAILED** (" + failures.size() + " checks)");
    out.append(
        String.format(
            Locale.ROOT,
            ": %d upgrades at once, %d kills (%d of the notifier), %d cloud faults, %d stuck"
                + " resources (%d held mid-change), %d broker restarts%s%s, %.0f s. Repeat:"
                + " `bin/chaos --seed %d --upgrades %d --kills %d --faults %d --broker-restarts"
                + " %d --notifier-kills %d --stuck %d --long-stuck %d --campaign-members %d%s%s`.%n%n",
            upgrades,
            kills,
            notifierKills(),
            faults,
            stuckResources,
            stuckHeld,
            brokerRestarts,
            brokers <= 1
                ? ""
                : " on " + brokers + " Kafka nodes, two of them lost at once " + brokersLost + "×",
            campaign == null ? "" : ", a campaign of " + campaign.members(),
            seconds,
            seed,
            upgrades,
            asked == null ? kills - notifierKills() : asked.kills(),
            asked == null ? faults : asked.faults(),
            asked == null ? brokerRestarts : asked.brokerRestarts(),
            asked == null ? notifierKills() : asked.notifierKills(),
            asked == null ? stuckResources : asked.stuckResources(),
            asked == null ? longStuck.size() : asked.longStuck(),
            campaign == null ? 0 : campaign.members(),
            brokers <= 1
                ? ""
                : " --brokers "
                    + brokers
                    + " --brokers-lost "
                    + (asked == null ? brokersLost : asked.brokersLost()),
            soak == null ? "" : " --soak " + soak.duration()));
    out.append(MarkdownTable.of("outcome", "upgrades", outcomes));
    out.append('\n').append(MarkdownTable.of("fault", "injected", faultKinds));
    if (!killsByService.isEmpty()) {
      out.append('\n').append(MarkdownTable.of("service", "kills", killsByService));
    }
    if (notifications != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nNotifier: %d posts, %d of them repeats (at least once: a kill between a post"
                  + " and its offset commit posts again), %d upgrades named, the end of %d"
                  + " posted, %d campaign news.%n",
              notifications.posted(),
              notifications.repeated(),
              notifications.upgrades(),
              notifications.endsPosted(),
              notifications.campaignNews()));
    }
    if (campaign != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nCampaign %s: %d members in %d waves, ended %s; members %s; their upgrades %s.%n",
              campaign.id(),
              campaign.members(),
              campaign.waves(),
              campaign.status(),
              campaign.memberStatuses(),
              campaign.upgrades()));
    }
    if (!longStuck.isEmpty()) {
      out.append("\nHeld past a phase timeout:\n");
      longStuck.forEach(l -> out.append("- ").append(l).append('\n'));
    }
    out.append("\n## Checks\n");
    out.append("Every upgrade terminal within its deadline, COMPLETED unless held past its phase")
        .append(" timeout (then FAILED or ROLLED_BACK, nothing of green left, blue ACTIVE);")
        .append(" no journal violation; nothing created")
        .append(" twice; every upgrade's terminal audit entry present and its audit log replayed")
        .append(" through decide (REPRODUCED); the notifier posted every end at least once and")
        .append(
            " nothing its audit logs do not hold; a campaign, if any, ended, one upgrade per member,")
        .append(" each ended.\n\n");
    if (passed()) {
      out.append("All held.\n");
    } else {
      failures.forEach(f -> out.append("- ").append(f).append('\n'));
    }
    if (soak != null) {
      out.append("\n## Soak\n");
      out.append("Every service's resident memory, live heap after a full collection, metaspace,")
          .append(" threads and open file handles, and the orchestrator's state store on disk,")
          .append(" level off (`soak.md` has the figures).\n\n");
      out.append(soak.markdown().replaceFirst("^# [^\n]*\n\n", "")).append('\n');
    }
    out.append("\n## What was done\n```\n");
    log.forEach(l -> out.append(l).append('\n'));
    out.append("```\n");
    return out.toString();
  }
}
