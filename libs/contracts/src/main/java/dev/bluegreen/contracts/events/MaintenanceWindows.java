package dev.bluegreen.contracts.events;

import dev.bluegreen.contracts.OptionalField;
import java.util.List;

/**
 * When an upgrade may start its disruptive work (the first traffic shift, the decommission of
 * blue): inside one of the schedules' windows (none: any time) and outside every freeze. Work that
 * started inside a window is never cut off when it closes.
 *
 * @param schedules recurring windows; absent or empty: always open unless frozen
 * @param freezes periods in which nothing disruptive starts (a release, a holiday)
 */
public record MaintenanceWindows(
    @OptionalField List<WindowSchedule> schedules, @OptionalField List<Freeze> freezes) {

  public MaintenanceWindows {
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    freezes = freezes == null ? List.of() : List.copyOf(freezes);
  }
}
