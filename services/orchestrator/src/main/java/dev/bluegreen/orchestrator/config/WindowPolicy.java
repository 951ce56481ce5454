package dev.bluegreen.orchestrator.config;

import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.WindowSchedule;
import dev.bluegreen.upgrade.core.Windows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The maintenance windows of each team and the fleet's freezes, read from configuration once at
 * start-up; a bad entry stops the start with a message naming it.
 */
@ApplicationScoped
public class WindowPolicy {

  private final Map<String, List<WindowSchedule>> byTeam = new HashMap<>();
  private final List<Freeze> freezes;

  @Inject
  public WindowPolicy(OrchestratorConfig config) {
    this(config.windows().teams(), config.windows().freezes().orElse(""));
  }

  WindowPolicy(Map<String, String> teams, String freezeSpec) {
    teams.forEach((team, spec) -> byTeam.put(team, schedules(team, spec)));
    this.freezes = freezes(freezeSpec);
    for (Map.Entry<String, List<WindowSchedule>> e : byTeam.entrySet()) {
      List<String> problems = Windows.problems(new MaintenanceWindows(e.getValue(), freezes));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "bluegreen.orchestrator.windows.teams." + e.getKey() + ": " + problems);
      }
    }
  }

  /** The windows of a team's clusters (and the fleet's freezes); null when none apply. */
  public MaintenanceWindows forTeam(String team) {
    List<WindowSchedule> schedules =
        team == null ? List.of() : byTeam.getOrDefault(team, List.of());
    if (schedules.isEmpty() && freezes.isEmpty()) {
      return null;
    }
    return new MaintenanceWindows(schedules, freezes);
  }

  private static List<WindowSchedule> schedules(String team, String spec) {
    List<WindowSchedule> out = new ArrayList<>();
    for (String one : spec.split(";")) {
      if (one.isBlank()) {
        continue;
      }
      String[] parts = one.trim().split("\\|");
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "bluegreen.orchestrator.windows.teams."
                + team
                + ": '"
                + one.trim()
                + "' is not CRON|TIME_ZONE|DURATION (e.g. 0 22 * * 1-4|Europe/Berlin|PT4H)");
      }
      out.add(
          new WindowSchedule(parts[0].trim(), parts[1].trim(), Duration.parse(parts[2].trim())));
    }
    return out;
  }

  private static List<Freeze> freezes(String spec) {
    List<Freeze> out = new ArrayList<>();
    for (String one : spec.split(";")) {
      if (one.isBlank()) {
        continue;
      }
      String trimmed = one.trim();
      int space = trimmed.indexOf(' ');
      String period = space < 0 ? trimmed : trimmed.substring(0, space);
      String[] ends = period.split("/");
      if (ends.length != 2) {
        throw new IllegalArgumentException(
            "bluegreen.orchestrator.windows.freezes: '" + trimmed + "' is not FROM/TO reason");
      }
      out.add(
          new Freeze(
              Instant.parse(ends[0]),
              Instant.parse(ends[1]),
              space < 0 ? null : trimmed.substring(space + 1)));
    }
    return out;
  }
}
