package dev.bluegreen.upgrade.core;

import dev.bluegreen.contracts.events.ApprovalGates;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.StepType;
import dev.bluegreen.contracts.events.TrafficStep;
import dev.bluegreen.contracts.events.UpgradePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules an upgrade request must follow before it reaches the state machine: versions and the
 * traffic plan. Pure; each broken rule is a {@link Violation} naming the offending field.
 */
public final class RequestRules {

  private RequestRules() {}

  private static final Pattern MINOR_VERSION = Pattern.compile("^1\\.(\\d{1,3})$");

  /** The default traffic plan: 10% → analysis → 50% → analysis → 100% → analysis. */
  public static final List<TrafficStep> DEFAULT_STEPS =
      List.of(
          TrafficStep.setWeight(10),
          TrafficStep.analysis("default"),
          TrafficStep.setWeight(50),
          TrafficStep.analysis("default"),
          TrafficStep.setWeight(100),
          TrafficStep.analysis("default"));

  /**
   * One broken rule.
   *
   * @param status 400 for a malformed value, 422 for a well-formed one the rules refuse
   * @param field the offending field, as a JSON path in the request
   * @param detail what is wrong, for people
   */
  public record Violation(int status, String field, String detail) {}

  /**
   * Checks the target version against the supported versions and blue's current version (when
   * known): no malformed or unknown version, no downgrade, not the version blue is on, and no skip
   * of more than {@code maxMinorStep} minor versions.
   */
  public static List<Violation> checkVersions(
      String target, Optional<String> current, Set<String> supported, int maxMinorStep) {
    List<Violation> out = new ArrayList<>();
    Matcher t = MINOR_VERSION.matcher(target == null ? "" : target);
    if (!t.matches()) {
      out.add(
          new Violation(
              400,
              "targetVersion",
              "'" + target + "' is not a Kubernetes minor version like 1.31"));
      return out;
    }
    if (!supported.contains(target)) {
      out.add(
          new Violation(
              422,
              "targetVersion",
              "unknown version "
                  + target
                  + "; supported: "
                  + String.join(", ", sorted(supported))));
      return out;
    }
    if (current.isPresent()) {
      Matcher c = MINOR_VERSION.matcher(current.get());
      if (c.matches()) {
        int from = Integer.parseInt(c.group(1));
        int to = Integer.parseInt(t.group(1));
        if (to == from) {
          out.add(
              new Violation(422, "targetVersion", "the cluster is already on " + current.get()));
        } else if (to < from) {
          out.add(
              new Violation(
                  422,
                  "targetVersion",
                  "downgrade from " + current.get() + " to " + target + " is not allowed"));
        } else if (to - from > maxMinorStep) {
          out.add(
              new Violation(
                  422,
                  "targetVersion",
                  "upgrading from "
                      + current.get()
                      + " to "
                      + target
                      + " skips minor versions; at most "
                      + maxMinorStep
                      + " minor version(s) per upgrade"));
        }
      }
    }
    return out;
  }

  /**
   * Checks a traffic plan: at least one step, setWeight with a weight 0–100, pause with a positive
   * duration or none (wait for promote), analysis with a name, no field that does not apply, and
   * the last setWeight at 100.
   */
  public static List<Violation> checkSteps(List<TrafficStep> steps) {
    List<Violation> out = new ArrayList<>();
    if (steps.isEmpty()) {
      out.add(
          new Violation(422, "steps", "at least one step is needed, ending with setWeight 100"));
      return out;
    }
    Integer lastWeight = null;
    for (int i = 0; i < steps.size(); i++) {
      TrafficStep s = steps.get(i);
      String at = "steps[" + i + "]";
      if (s == null || s.type() == null) {
        out.add(new Violation(400, at + ".type", "type is required: setWeight, pause or analysis"));
        continue;
      }
      if (s.type() != StepType.SET_WEIGHT && s.weight() != null) {
        out.add(new Violation(422, at + ".weight", "weight applies only to setWeight steps"));
      }
      if (s.type() != StepType.PAUSE && s.duration() != null) {
        out.add(new Violation(422, at + ".duration", "duration applies only to pause steps"));
      }
      if (s.type() != StepType.ANALYSIS && s.analysis() != null) {
        out.add(new Violation(422, at + ".analysis", "analysis applies only to analysis steps"));
      }
      switch (s.type()) {
        case SET_WEIGHT -> {
          if (s.weight() == null) {
            out.add(new Violation(422, at + ".weight", "setWeight needs a weight"));
          } else if (s.weight() < 0 || s.weight() > 100) {
            out.add(
                new Violation(
                    422, at + ".weight", "weight " + s.weight() + " is outside 0–100 percent"));
          } else {
            lastWeight = s.weight();
          }
        }
        case PAUSE -> {
          if (s.duration() != null && (s.duration().isNegative() || s.duration().isZero())) {
            out.add(
                new Violation(
                    422,
                    at + ".duration",
                    "duration "
                        + s.duration()
                        + " must be positive (omit it to wait for promote)"));
          }
        }
        case ANALYSIS -> {
          if (s.analysis() == null || s.analysis().isBlank()) {
            out.add(new Violation(422, at + ".analysis", "analysis steps need an analysis name"));
          }
        }
      }
    }
    if (out.isEmpty() && (lastWeight == null || lastWeight != 100)) {
      out.add(
          new Violation(
              422,
              "steps",
              "the last setWeight must send 100% to green (was "
                  + (lastWeight == null ? "none" : lastWeight + "%")
                  + ")"));
    }
    return out;
  }

  /** A positive duration check for a named field; null is fine (the default applies). */
  public static List<Violation> checkPositive(String field, Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      return List.of(new Violation(422, field, field + " " + d + " must be positive"));
    }
    return List.of();
  }

  /**
   * What a request asks of the plan; a null field takes the default.
   *
   * @param steps traffic steps ({@link #DEFAULT_STEPS} when null)
   * @param bakeTime a pause after every weight step, if any
   * @param retention how long blue is kept after green carries everything
   * @param approvalGates which gates wait for a person
   * @param phaseTimeouts per phase name (any case), a timeout
   * @param windows when the disruptive phases may start (already combined with the team's)
   */
  public record PlanRequest(
      List<TrafficStep> steps,
      Duration bakeTime,
      Duration retention,
      ApprovalGates approvalGates,
      Map<String, Duration> phaseTimeouts,
      MaintenanceWindows windows) {

    /** A plan request that may start its disruptive phases at any time. */
    public PlanRequest(
        List<TrafficStep> steps,
        Duration bakeTime,
        Duration retention,
        ApprovalGates approvalGates,
        Map<String, Duration> phaseTimeouts) {
      this(steps, bakeTime, retention, approvalGates, phaseTimeouts, null);
    }
  }

  /**
   * The plan of a request, or what is wrong with it.
   *
   * @param plan the plan, null when a rule is broken
   * @param violations the rules broken, in the order they are checked
   */
  public record Planned(UpgradePlan plan, List<Violation> violations) {}

  /**
   * The one place a request's plan is checked and assembled: steps, bake time, retention (default
   * {@code defaultRetention}), gates, phase timeouts (known phases, positive).
   */
  public static Planned plan(PlanRequest r, Duration defaultRetention) {
    List<Violation> out = new ArrayList<>();
    List<TrafficStep> steps = r.steps() == null ? DEFAULT_STEPS : r.steps();
    out.addAll(checkSteps(steps));
    out.addAll(checkPositive("bakeTime", r.bakeTime()));
    out.addAll(checkPositive("retention", r.retention()));
    Map<String, String> timeouts = null;
    if (r.phaseTimeouts() != null) {
      timeouts = new LinkedHashMap<>();
      for (Map.Entry<String, Duration> e : r.phaseTimeouts().entrySet()) {
        String phase = e.getKey().toUpperCase(Locale.ROOT);
        if (Arrays.stream(Phase.values()).noneMatch(p -> p.name().equals(phase))) {
          out.add(new Violation(422, "phaseTimeouts." + e.getKey(), "unknown phase " + e.getKey()));
          continue;
        }
        out.addAll(checkPositive("phaseTimeouts." + e.getKey(), e.getValue()));
        if (e.getValue() != null) {
          timeouts.put(phase, e.getValue().toString());
        }
      }
    }
    for (String problem : Windows.problems(r.windows())) {
      out.add(new Violation(400, problem.substring(0, problem.indexOf(':')), problem));
    }
    if (!out.isEmpty()) {
      return new Planned(null, out);
    }
    boolean anyWindows =
        r.windows() != null
            && !(r.windows().schedules().isEmpty() && r.windows().freezes().isEmpty());
    return new Planned(
        new UpgradePlan(
            withBakeTime(steps, r.bakeTime()),
            r.retention() == null ? defaultRetention : r.retention(),
            r.approvalGates() == null ? new ApprovalGates(null, null) : r.approvalGates(),
            timeouts,
            anyWindows ? r.windows() : null),
        List.of());
  }

  /**
   * The steps with a pause of {@code bakeTime} after every setWeight below 100% (at 100% the
   * retention window is the bake).
   */
  public static List<TrafficStep> withBakeTime(List<TrafficStep> steps, Duration bakeTime) {
    if (bakeTime == null) {
      return steps;
    }
    List<TrafficStep> out = new ArrayList<>();
    for (TrafficStep s : steps) {
      out.add(s);
      if (s.type() == StepType.SET_WEIGHT && s.weight() != null && s.weight() < 100) {
        out.add(TrafficStep.pause(bakeTime));
      }
    }
    return List.copyOf(out);
  }

  private static List<String> sorted(Set<String> versions) {
    return versions.stream()
        .sorted(
            (a, b) -> {
              Matcher ma = MINOR_VERSION.matcher(a);
              Matcher mb = MINOR_VERSION.matcher(b);
              if (ma.matches() && mb.matches()) {
                return Integer.compare(
                    Integer.parseInt(ma.group(1)), Integer.parseInt(mb.group(1)));
              }
              return a.compareTo(b);
            })
        .toList();
  }
}
