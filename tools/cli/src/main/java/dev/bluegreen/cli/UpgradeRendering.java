package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Upgrades as a person reads them in a terminal: the phase bar, the traffic split, the current step
 * and progress, audit lines, tables. Pure: JSON of the API in, text out, the time zone given.
 */
public final class UpgradeRendering {

  /** The happy path in order; the two approval gates show in the bar only while waited at. */
  public static final List<String> HAPPY_PATH =
      List.of(
          "PREFLIGHT",
          "PROVISIONING",
          "DEPLOYING",
          "VERIFYING",
          "AWAITING_SHIFT_APPROVAL",
          "SHIFTING",
          "HANDOVER",
          "SOAKING",
          "AWAITING_DECOMMISSION_APPROVAL",
          "DECOMMISSIONING",
          "COMPLETED");

  /** The states where the upgrade waits for a person's approve. */
  public static final Set<String> GATES =
      Set.of("AWAITING_SHIFT_APPROVAL", "AWAITING_DECOMMISSION_APPROVAL");

  private static final int SHIFTING = HAPPY_PATH.indexOf("SHIFTING");
  private static final int HANDOVER = HAPPY_PATH.indexOf("HANDOVER");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private UpgradeRendering() {}

  /**
   * The phase bar: phases passed in capitals, the current one in brackets, those ahead in lower
   * case, e.g. {@code PREFLIGHT > PROVISIONING > [DEPLOYING] > verifying > ... > completed}. Off
   * the happy path (rolling back, cleaning up, failed, cancelled) the bar shows how far the upgrade
   * got ({@code furthest}, from its audit trail; null if unknown) and then where it went.
   *
   * @param state the upgrade's state
   * @param pausedFrom the state a pause interrupted, or null
   * @param furthest the furthest happy-path state it reached, or null
   */
  public static String phaseBar(String state, String pausedFrom, String furthest) {
    int current = HAPPY_PATH.indexOf(state);
    String currentLabel = state;
    if ("PAUSED".equals(state) && pausedFrom != null) {
      current = HAPPY_PATH.indexOf(pausedFrom);
      currentLabel = pausedFrom + " paused";
    }
    boolean offPath = current < 0;
    int reached = offPath ? HAPPY_PATH.indexOf(furthest == null ? "" : furthest) : current - 1;
    List<String> stages = new ArrayList<>();
    if ("REQUESTED".equals(state)) {
      stages.add("[REQUESTED]");
    }
    for (int i = 0; i < HAPPY_PATH.size(); i++) {
      String stage = HAPPY_PATH.get(i);
      if (i == current) {
        stages.add("[" + currentLabel + "]");
      } else if (GATES.contains(stage)) {
        continue; // a gate shows only while the upgrade waits at it
      } else if (i <= reached) {
        stages.add(stage);
      } else {
        stages.add(stage.toLowerCase(Locale.ROOT));
      }
    }
    String bar = String.join(" > ", stages);
    return offPath && !"REQUESTED".equals(state) ? bar + "  => [" + state + "]" : bar;
  }

  /** The furthest happy-path state an audit trail ({@code GET /upgrades/{id}/events}) reached. */
  public static String furthest(JsonNode events) {
    int furthest = -1;
    if (events != null) {
      for (JsonNode line : events) {
        furthest = Math.max(furthest, HAPPY_PATH.indexOf(Json.text(line.path("data"), "to", "")));
      }
    }
    return furthest < 0 ? null : HAPPY_PATH.get(furthest);
  }

  /**
   * The traffic split as far as the upgrade's state tells it: all on blue before the shift, the
   * last weight set while shifting, all on green after it; null while it is not known (rolling
   * back). {@code furthest} tells a failure after the shift from one before it.
   */
  public static String traffic(JsonNode view, String furthest) {
    String state = Json.text(view, "state", "");
    String at = "PAUSED".equals(state) ? Json.text(view, "pausedFrom", "") : state;
    int position = HAPPY_PATH.indexOf(at);
    Integer green;
    if (position >= 0 && position < SHIFTING || "REQUESTED".equals(at)) {
      green = 0;
    } else if (position == SHIFTING) {
      green = weightBefore(view.path("plan").path("steps"), view.path("stepIndex").asInt(0));
    } else if (position > SHIFTING) {
      green = 100;
    } else if (at.equals("ROLLED_BACK") || at.equals("CANCELLED") || at.equals("CLEANING_UP")) {
      green = 0;
    } else if (at.equals("FAILED")) {
      green = HAPPY_PATH.indexOf(furthest == null ? "" : furthest) >= HANDOVER ? 100 : 0;
    } else {
      return at.equals("ROLLING_BACK") ? "moving back to blue" : null;
    }
    return "blue " + (100 - green) + "% | green " + green + "%";
  }

  /** Green's weight after the setWeight steps before {@code stepIndex}. */
  static int weightBefore(JsonNode steps, int stepIndex) {
    int weight = 0;
    for (int i = 0; i < stepIndex && i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      if ("setWeight".equals(Json.text(step, "type")) && step.has("weight")) {
        weight = step.get("weight").asInt();
      }
    }
    return weight;
  }

  /** The traffic step in flight, e.g. {@code step 3/6: setWeight 50%}; null when not shifting. */
  public static String step(JsonNode view) {
    JsonNode step = view.get("currentStep");
    if (step == null || step.isNull()) {
      return null;
    }
    int count = view.path("plan").path("steps").size();
    String line = "step " + (view.path("stepIndex").asInt(0) + 1) + "/" + count + ": ";
    String type = Json.text(step, "type", "?");
    line +=
        switch (type) {
          case "setWeight" -> "setWeight " + step.path("weight").asInt() + "%";
          case "analysis" -> "analysis " + Json.text(step, "analysis", "");
          case "pause" ->
              step.hasNonNull("duration")
                  ? "pause " + Json.text(step, "duration")
                  : "pause until promoted";
          default -> type;
        };
    if (view.path("awaitingPromote").asBoolean(false)) {
      line += " (waiting for promote)";
    }
    return line;
  }

  /** The latest progress report, e.g. {@code creating node groups (2/3)}; null when none. */
  public static String progress(JsonNode view) {
    JsonNode progress = view.get("progress");
    if (progress == null || progress.isNull()) {
      return null;
    }
    String message = Json.text(progress, "message", Json.text(progress, "step", ""));
    if (progress.hasNonNull("done") && progress.hasNonNull("total")) {
      message += " (" + progress.get("done").asInt() + "/" + progress.get("total").asInt() + ")";
    }
    return message.isBlank() ? null : message;
  }

  /**
   * One upgrade for a person: who and what, the phase bar, traffic and step, progress, the last
   * error, and the last {@code lastEvents} audit lines when {@code events} is given.
   */
  public static String summary(JsonNode view, JsonNode events, int lastEvents, ZoneId zone) {
    String state = Json.text(view, "state", "?");
    String furthest = furthest(events);
    StringBuilder out = new StringBuilder();
    out.append("upgrade ")
        .append(Json.text(view, "id"))
        .append("  ")
        .append(Json.text(view, "logicalCluster", Json.text(view, "cluster")))
        .append(": ")
        .append(Json.text(view, "cluster"))
        .append(" -> ")
        .append(Json.text(view, "greenCluster", "?"))
        .append("  (")
        .append(Json.text(view, "currentVersion", "?"))
        .append(" -> ")
        .append(Json.text(view, "targetVersion", "?"))
        .append(")")
        .append(view.path("dryRun").asBoolean(false) ? "  dry run" : "")
        .append('\n');
    out.append("state     ")
        .append(state)
        .append("PAUSED".equals(state) ? " (from " + Json.text(view, "pausedFrom") + ")" : "")
        .append("  since ")
        .append(time(Json.text(view, "updatedAt"), zone, CLOCK))
        .append('\n');
    out.append("phases    ")
        .append(phaseBar(state, Json.text(view, "pausedFrom"), furthest))
        .append('\n');
    String traffic = traffic(view, furthest);
    if (traffic != null) {
      String step = step(view);
      out.append("traffic   ")
          .append(traffic)
          .append(step == null ? "" : "   " + step)
          .append('\n');
    }
    String progress = ExitCodes.isOutcome(state) ? null : progress(view);
    if (progress != null) {
      out.append("progress  ").append(progress).append('\n');
    }
    String error = Json.text(view, "lastError");
    if (error != null) {
      out.append("error     ").append(error).append('\n');
    }
    if (events != null && events.size() > 0) {
      out.append("last events\n");
      for (int i = Math.max(0, events.size() - lastEvents); i < events.size(); i++) {
        out.append("  ").append(eventLine(events.get(i), zone)).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * One audit line: {@code 12:00:01 VERIFYING -> AWAITING_SHIFT_APPROVAL orchestrator reason}, or
   * for an input that was not applied {@code 12:00:02 rejected ControlRequested alice reason}.
   */
  public static String eventLine(JsonNode line, ZoneId zone) {
    JsonNode data = line.path("data");
    String when = time(Json.text(line, "at", Json.text(data, "at")), zone, CLOCK);
    String what;
    if ("InputRejected".equals(Json.text(line, "type"))) {
      what = "rejected " + causeName(data);
    } else {
      String from = Json.text(data, "from");
      String to = Json.text(data, "to", "?");
      what =
          from == null
              ? to
              : from.equals(to) ? to + " (" + causeName(data) + ")" : from + " -> " + to;
    }
    return when
        + "  "
        + what
        + "  "
        + Json.text(data, "actor", "-")
        + "  "
        + Json.text(data, "reason", "");
  }

  /** {@code dev.bluegreen.TrafficWeightSet.v1} → {@code TrafficWeightSet}. */
  static String causeName(JsonNode data) {
    String type = Json.text(data.path("cause"), "type", "?");
    String[] parts = type.split("\\.");
    return parts.length >= 2 && parts[parts.length - 1].matches("v\\d+")
        ? parts[parts.length - 2]
        : type;
  }

  /**
   * The line a watch prints per change when its output is not a terminal: time, state, and what is
   * going on ({@code step 2/3: setWeight 50%; blue 90% | green 10%; progress}).
   */
  public static String changeLine(JsonNode view, Instant now, ZoneId zone) {
    String state = Json.text(view, "state", "?");
    if ("PAUSED".equals(state)) {
      state += " (from " + Json.text(view, "pausedFrom") + ")";
    }
    List<String> parts = new ArrayList<>();
    String step = step(view);
    if (step != null) {
      parts.add(step);
      parts.add(traffic(view, null));
    }
    boolean ended = ExitCodes.isOutcome(Json.text(view, "state", ""));
    String progress = progress(view);
    if (progress != null && !ended) { // an ended upgrade keeps its last report; it is news no more
      parts.add(progress);
    }
    String error = Json.text(view, "lastError");
    if (error != null && ended) {
      parts.add("error: " + error);
    }
    return String.format(
            "%s  %-32s %s", CLOCK.format(now.atZone(zone)), state, String.join("; ", parts))
        .stripTrailing();
  }

  /** What a watch compares to know whether anything a person would see has changed. */
  public static String changeKey(JsonNode view) {
    return String.join(
        "|",
        Json.text(view, "state", ""),
        Json.text(view, "pausedFrom", ""),
        view.path("stepIndex").asText(""),
        view.path("awaitingPromote").asText(""),
        String.valueOf(progress(view)),
        Json.text(view, "lastError", ""));
  }

  /** {@code GET /upgrades} as a table, newest first as the API sorts them. */
  public static String list(JsonNode upgrades, ZoneId zone) {
    Table table = new Table("ID", "CLUSTER", "STATE", "VERSIONS", "REQUESTED", "BY");
    for (JsonNode u : upgrades) {
      table.row(
          Json.text(u, "id"),
          Json.text(u, "logicalCluster", Json.text(u, "cluster")),
          Json.text(u, "state") + (u.path("dryRun").asBoolean(false) ? " (dry run)" : ""),
          Json.text(u, "currentVersion", "?") + " -> " + Json.text(u, "targetVersion", "?"),
          time(Json.text(u, "requestedAt"), zone, DAY_AND_TIME),
          Json.text(u, "requestedBy"));
    }
    return table.size() == 0 ? "no upgrades\n" : table.render();
  }

  /** The answer to a control action ({@code Accepted}): {@code approve ID: now SHIFTING (...)}. */
  public static String accepted(String action, JsonNode accepted) {
    return action
        + " "
        + Json.text(accepted, "id")
        + ": now "
        + Json.text(accepted, "state")
        + (accepted.hasNonNull("reason") ? " (" + Json.text(accepted, "reason") + ")" : "")
        + "\n";
  }

  /** The answer to an accepted upgrade request ({@code Accepted}), and how to follow it. */
  public static String acceptedUpgrade(JsonNode accepted, String targetVersion) {
    String id = Json.text(accepted, "id");
    return "upgrade "
        + id
        + " of "
        + Json.text(accepted, "logicalCluster", Json.text(accepted, "cluster"))
        + " to "
        + targetVersion
        + " accepted: now "
        + Json.text(accepted, "state")
        + (accepted.hasNonNull("reason") ? " (" + Json.text(accepted, "reason") + ")" : "")
        + "\n  blue "
        + Json.text(accepted, "cluster")
        + ", green "
        + Json.text(accepted, "greenCluster")
        + "\n  follow it: bluegreen watch "
        + id
        + "\n";
  }

  /** The answer to a dry run ({@code DryRunPlan}): what each phase would do. */
  public static String dryRun(JsonNode plan) {
    StringBuilder out = new StringBuilder();
    out.append("dry run ")
        .append(Json.text(plan, "upgradeId"))
        .append(": ")
        .append(Json.text(plan, "cluster"))
        .append(" -> ")
        .append(Json.text(plan, "greenCluster"))
        .append("  (")
        .append(Json.text(plan, "currentVersion", "?"))
        .append(" -> ")
        .append(Json.text(plan, "targetVersion", "?"))
        .append("); nothing was changed\n");
    for (JsonNode phase : plan.path("phases")) {
      out.append(Json.text(phase, "state")).append('\n');
      list(out, "", phase.path("actions"));
      list(out, "creates ", phase.path("creates"));
      list(out, "changes ", phase.path("changes"));
      list(out, "deletes ", phase.path("deletes"));
    }
    return out.toString();
  }

  private static void list(StringBuilder out, String prefix, JsonNode items) {
    for (JsonNode item : items) {
      out.append("  ").append(prefix).append(item.asText()).append('\n');
    }
  }

  /** An ISO-8601 instant of the API in {@code zone}; the text as is if it is not one. */
  static String time(String instant, ZoneId zone, DateTimeFormatter format) {
    if (instant == null) {
      return "-";
    }
    try {
      return format.format(Instant.parse(instant).atZone(zone));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }
}
