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
 * @param kills SIGKILLs carried out (each followed by a restart)
 * @param faults cloud faults injected
 * @param brokerRestarts times the broker was stopped and started again
 * @param faultKinds faults by kind
 * @param outcomes upgrades by the state they ended in (a non-terminal one is a failure)
 * @param seconds how long the run took, platform start included
 * @param failures every check that failed, in words; empty when the run passed
 * @param log the kills, restarts and faults as they happened, with their time from the start
 * @param soak a soak run's figures ({@code bin/chaos --soak}); null for a chaos run
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
    SoakReport soak) {

  /** A chaos run's report, without a soak. */
  public ChaosReport(
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
    this(
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
        null);
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
            ": %d upgrades at once, %d kills, %d cloud faults, %d broker restarts, %.0f s. Repeat:"
                + " `bin/chaos --seed %d --upgrades %d --kills %d --faults %d --broker-restarts"
                + " %d%s`.%n%n",
            upgrades,
            kills,
            faults,
            brokerRestarts,
            seconds,
            seed,
            upgrades,
            kills,
            faults,
            brokerRestarts,
            soak == null ? "" : " --soak " + soak.duration()));
    out.append("| outcome | upgrades |\n| --- | --- |\n");
    outcomes.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    out.append("\n| fault | injected |\n| --- | --- |\n");
    faultKinds.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    out.append("\n## Checks\n");
    out.append("Every upgrade terminal within its deadline; no journal violation; nothing created")
        .append(" twice; every upgrade's terminal audit entry present and its audit log replayed")
        .append(" through decide (REPRODUCED).\n\n");
    if (passed()) {
      out.append("All held.\n");
    } else {
      failures.forEach(f -> out.append("- ").append(f).append('\n'));
    }
    if (soak != null) {
      out.append("\n## Soak\n");
      out.append("Every service's resident memory, threads and open file handles, and the")
          .append(
              " orchestrator's state store on disk, level off (`soak.md` has the figures).\n\n");
      out.append(soak.markdown().replaceFirst("^# [^\n]*\n\n", "")).append('\n');
    }
    out.append("\n## What was done\n```\n");
    log.forEach(l -> out.append(l).append('\n'));
    out.append("```\n");
    return out.toString();
  }
}
