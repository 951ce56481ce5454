package dev.bluegreen.upgrade.core;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.WindowSchedule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance windows and freezes: whether disruptive work may start at an instant, and when it
 * next may. Pure: the instant is given.
 */
public final class Windows {

  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** How far ahead {@link #nextOpening} looks before it gives up. */
  static final int MAX_HOPS = 1000;

  private Windows() {}

  /** Whether disruptive work may start at {@code at}. */
  public static boolean open(MaintenanceWindows w, Instant at) {
    if (w == null) {
      return true;
    }
    return frozenUntil(w, at).isEmpty() && (w.schedules().isEmpty() || inSchedule(w, at));
  }

  /** The first instant at or after {@code at} when disruptive work may start, if any comes. */
  public static Optional<Instant> nextOpening(MaintenanceWindows w, Instant at) {
    Instant t = at;
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      Optional<Instant> thaw = frozenUntil(w, t);
      if (thaw.isPresent()) {
        t = thaw.get();
        continue;
      }
      if (w == null || w.schedules().isEmpty() || inSchedule(w, t)) {
        return Optional.of(t);
      }
      Instant next = null;
      for (WindowSchedule s : w.schedules()) {
        Optional<ZonedDateTime> n = execution(s).nextExecution(t.atZone(zone(s)));
        if (n.isPresent() && (next == null || n.get().toInstant().isBefore(next))) {
          next = n.get().toInstant();
        }
      }
      if (next == null) {
        return Optional.empty();
      }
      t = next;
    }
    return Optional.empty();
  }

  /**
   * The windows an upgrade gets: the team's schedules when it has any (a request cannot widen
   * them), else the request's; every freeze of both. So a request may only narrow its windows.
   */
  public static MaintenanceWindows combine(MaintenanceWindows team, MaintenanceWindows requested) {
    if (team == null) {
      return requested;
    }
    if (requested == null) {
      return team;
    }
    List<Freeze> freezes = new ArrayList<>(team.freezes());
    freezes.addAll(requested.freezes());
    return new MaintenanceWindows(
        team.schedules().isEmpty() ? requested.schedules() : team.schedules(), freezes);
  }

  /**
   * The windows with further freezes (the fleet's, declared through the API) added; {@code w}
   * itself when there are none, so an upgrade without fleet freezes decides as before.
   */
  public static MaintenanceWindows withFreezes(MaintenanceWindows w, List<Freeze> more) {
    if (more == null || more.isEmpty()) {
      return w;
    }
    if (w == null) {
      return new MaintenanceWindows(List.of(), more);
    }
    List<Freeze> freezes = new ArrayList<>(w.freezes());
    freezes.addAll(more);
    return new MaintenanceWindows(w.schedules(), freezes);
  }

  /** The freezes that have not ended at {@code at} (in effect or still to come), in their order. */
  public static List<Freeze> notEnded(List<Freeze> freezes, Instant at) {
    return freezes == null
        ? List.of()
        : freezes.stream().filter(f -> f.to() != null && at.isBefore(f.to())).toList();
  }

  /** What is wrong with the windows, for a 400 before anything is sent; empty when all is well. */
  public static List<String> problems(MaintenanceWindows w) {
    List<String> out = new ArrayList<>();
    if (w == null) {
      return out;
    }
    for (int i = 0; i < w.schedules().size(); i++) {
      WindowSchedule s = w.schedules().get(i);
      String at = "windows.schedules[" + i + "]";
      if (s.cron() == null || s.timeZone() == null || s.duration() == null) {
        out.add(at + ": cron, timeZone and duration are required");
        continue;
      }
      try {
        execution(s);
      } catch (IllegalArgumentException e) {
        out.add(at + ".cron: not a 5-field cron expression: " + e.getMessage());
      }
      try {
        zone(s);
      } catch (DateTimeException e) {
        out.add(at + ".timeZone: unknown time zone " + s.timeZone());
      }
      if (s.duration().isNegative() || s.duration().isZero()) {
        out.add(at + ".duration: must be positive");
      }
    }
    for (int i = 0; i < w.freezes().size(); i++) {
      Freeze f = w.freezes().get(i);
      if (f.from() == null || f.to() == null || !f.from().isBefore(f.to())) {
        out.add("windows.freezes[" + i + "]: from must be before to");
      }
    }
    return out;
  }

  private static boolean inSchedule(MaintenanceWindows w, Instant at) {
    for (WindowSchedule s : w.schedules()) {
      ExecutionTime e = execution(s);
      ZonedDateTime now = at.atZone(zone(s));
      if (e.isMatch(now.withSecond(0).withNano(0))) {
        return true;
      }
      Optional<ZonedDateTime> last = e.lastExecution(now);
      if (last.isPresent() && at.isBefore(last.get().toInstant().plus(s.duration()))) {
        return true;
      }
    }
    return false;
  }

  /** The end of the freeze covering {@code at}, if one does. */
  private static Optional<Instant> frozenUntil(MaintenanceWindows w, Instant at) {
    if (w == null) {
      return Optional.empty();
    }
    Instant until = null;
    for (Freeze f : w.freezes()) {
      if (!at.isBefore(f.from())
          && at.isBefore(f.to())
          && (until == null || f.to().isAfter(until))) {
        until = f.to();
      }
    }
    return Optional.ofNullable(until);
  }

  private static ExecutionTime execution(WindowSchedule s) {
    return ExecutionTime.forCron(UNIX.parse(s.cron()));
  }

  private static ZoneId zone(WindowSchedule s) {
    return ZoneId.of(s.timeZone());
  }
}
