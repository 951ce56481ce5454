package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Campaigns for people: the plan, the board (waves as sections, members as rows), lists and the
 * lines a watch prints. Pure functions of the API's JSON ({@code CampaignView}), tested without an
 * API.
 */
public final class CampaignRendering {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** The order counts are shown in: where members are going, then how they ended. */
  static final List<String> MEMBER_STATUSES =
      List.of(
          "PENDING",
          "UPGRADING",
          "ON_GREEN",
          "COMPLETED",
          "FAILED",
          "ROLLED_BACK",
          "CANCELLED",
          "SKIPPED");

  private CampaignRendering() {}

  /** Whether a campaign in {@code status} has ended. */
  public static boolean isOutcome(String status) {
    return switch (status) {
      case "COMPLETED", "CANCELLED", "ROLLED_BACK" -> true;
      default -> false;
    };
  }

  /**
   * The exit code of a campaign that ended in {@code status}: 0 COMPLETED, as for an upgrade 11
   * ROLLED_BACK and 12 CANCELLED.
   */
  public static int exitCodeOf(String status) {
    return switch (status) {
      case "COMPLETED" -> ExitCodes.OK;
      case "ROLLED_BACK" -> ExitCodes.ROLLED_BACK;
      case "CANCELLED" -> ExitCodes.CANCELLED;
      default -> throw new IllegalArgumentException(status + " is not an outcome");
    };
  }

  /** {@code 3 COMPLETED, 1 FAILED, 2 PENDING}: the non-zero counts, in {@link #MEMBER_STATUSES}. */
  public static String counts(JsonNode campaign) {
    JsonNode counts = campaign.path("counts");
    List<String> parts = new ArrayList<>();
    for (String status : MEMBER_STATUSES) {
      int n = counts.path(status).asInt(0);
      if (n > 0) {
        parts.add(n + " " + status);
      }
    }
    return parts.isEmpty() ? "no members" : String.join(", ", parts);
  }

  /** {@code 1 allowed, 1 counted, 0 left}. */
  public static String budget(JsonNode campaign) {
    JsonNode b = campaign.path("budget");
    return b.path("allowed").asInt()
        + " allowed, "
        + b.path("counted").asInt()
        + " counted, "
        + b.path("left").asInt()
        + " left";
  }

  /** {@code ends 2026-12-07 10:00, deadline 2027-03-23 00:00: on time}; null with neither. */
  public static String estimate(JsonNode campaign, ZoneId zone) {
    String end = Json.text(campaign, "estimatedEnd");
    String deadline = Json.text(campaign, "deadline");
    if (end == null && deadline == null) {
      return null;
    }
    boolean ended = isOutcome(Json.text(campaign, "status", ""));
    StringBuilder out = new StringBuilder();
    out.append(ended ? "ended " : "ends ~").append(time(end, zone, DAY_AND_TIME));
    if (deadline != null) {
      out.append(", deadline ").append(time(deadline, zone, DAY_AND_TIME));
      JsonNode onTime = campaign.path("onTime");
      if (onTime.isBoolean()) {
        out.append(onTime.asBoolean() ? ": on time" : ": LATE");
      }
    }
    return out.toString();
  }

  /**
   * The whole campaign: a header (status, wave, counts, budget, pause reason, gate, soak, estimate,
   * last decision), then each wave as a section with its members (status, upgrade state, the plan's
   * pre-flight result beside what happened, the reason).
   */
  public static String board(JsonNode c, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    String status = Json.text(c, "status", "?");
    out.append("campaign ")
        .append(Json.text(c, "campaignId"))
        .append("  ")
        .append(Json.text(c, "name", ""))
        .append(planNote(c))
        .append('\n');
    JsonNode waves = c.path("waves");
    int current = waveIndex(c);
    out.append("status    ")
        .append(status)
        .append(
            isOutcome(status) || waves.size() == 0
                ? ""
                : "  wave "
                    + (current + 1)
                    + "/"
                    + waves.size()
                    + " "
                    + Json.text(c, "currentWave", "?"))
        .append("  since ")
        .append(time(Json.text(c, "updatedAt"), zone, CLOCK))
        .append('\n');
    out.append("members   ").append(counts(c)).append('\n');
    out.append("budget    ").append(budget(c)).append('\n');
    if ("PAUSED".equals(status)) {
      out.append("paused    ").append(Json.text(c, "pauseReason", "by a person")).append('\n');
    }
    String gate = gate(c);
    if (gate != null) {
      out.append("gate      ").append(gate).append('\n');
    }
    String soak = Json.text(c, "soakUntil");
    if (soak != null && !isOutcome(status)) {
      out.append("soak      until ").append(time(soak, zone, CLOCK)).append('\n');
    }
    String notBefore = Json.text(c, "notBefore");
    if (notBefore != null && "SCHEDULED".equals(status)) {
      out.append("starts    ").append(time(notBefore, zone, DAY_AND_TIME)).append('\n');
    }
    String estimate = estimate(c, zone);
    if (estimate != null) {
      out.append("schedule  ").append(estimate).append('\n');
    }
    String last = Json.text(c, "lastDecision");
    if (last != null) {
      out.append("last      ").append(last).append('\n');
    }
    for (int i = 0; i < waves.size(); i++) {
      out.append('\n')
          .append(wave(waves.get(i), i, waves.size(), i == current && !isOutcome(status)));
    }
    return out.toString();
  }

  /** One wave's section: its heading, then a table of its members. */
  static String wave(JsonNode w, int index, int of, boolean current) {
    StringBuilder out = new StringBuilder();
    List<String> about = new ArrayList<>();
    about.add("max " + w.path("maxConcurrency").asInt());
    if (w.hasNonNull("soak")) {
      about.add("soak " + Json.text(w, "soak"));
    }
    if (w.path("approvalBefore").asBoolean(false)) {
      about.add(w.path("approved").asBoolean(false) ? "gate approved" : "gate before");
    }
    if (w.hasNonNull("failureBudget")) {
      about.add("budget " + w.path("failureBudget").asInt());
    }
    out.append("wave ")
        .append(index + 1)
        .append('/')
        .append(of)
        .append(' ')
        .append(Json.text(w, "name"))
        .append("  (")
        .append(String.join(", ", about))
        .append(')')
        .append(current ? "  <- now" : "")
        .append('\n');
    Table table = new Table("  CLUSTER", "TEAM", "VERSIONS", "STATUS", "UPGRADE", "PLAN", "REASON");
    for (JsonNode m : w.path("members")) {
      table.row(
          "  " + Json.text(m, "cluster"),
          Json.text(m, "team"),
          Json.text(m, "currentVersion", "?") + " -> " + Json.text(m, "targetVersion", "?"),
          Json.text(m, "status"),
          upgrade(m),
          plan(m),
          Json.text(m, "reason"));
    }
    out.append(table.size() == 0 ? "  no members\n" : table.render());
    return out.toString();
  }

  /** The member's upgrade state, with the phase it failed in. */
  static String upgrade(JsonNode m) {
    String state = Json.text(m, "upgradeState");
    if (state == null) {
      return null;
    }
    String failedIn = Json.text(m, "failedIn");
    return failedIn == null ? state : state + " in " + failedIn;
  }

  /** The plan's pre-flight result for a member: {@code passed}, {@code FAILED: why}, or none. */
  static String plan(JsonNode m) {
    JsonNode passed = m.path("planPassed");
    if (!passed.isBoolean()) {
      return null;
    }
    return passed.asBoolean() ? "passed" : "FAILED";
  }

  /** What the waiting gate needs, or null when none waits. */
  static String gate(JsonNode c) {
    if (!"AWAITING_APPROVAL".equals(Json.text(c, "status"))) {
      return null;
    }
    return "wave "
        + Json.text(c, "currentWave", "?")
        + " waits for approval: bluegreen campaign approve "
        + Json.text(c, "campaignId")
        + " --reason ...";
  }

  /**
   * A plan ({@code POST /campaigns?dryRun=true}, once PLANNED): each member's pre-flight result,
   * what the selector left out, the estimate against the deadline, and how to start it.
   */
  public static String plan(JsonNode campaign, JsonNode excluded, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    String id = Json.text(campaign, "campaignId");
    out.append("plan ")
        .append(id)
        .append("  ")
        .append(Json.text(campaign, "name", ""))
        .append(": ")
        .append(Json.text(campaign, "status"))
        .append("; nothing was changed\n");
    int passed = 0;
    int failed = 0;
    JsonNode waves = campaign.path("waves");
    for (int i = 0; i < waves.size(); i++) {
      JsonNode w = waves.get(i);
      out.append("\nwave ")
          .append(i + 1)
          .append('/')
          .append(waves.size())
          .append(' ')
          .append(Json.text(w, "name"))
          .append("  (max ")
          .append(w.path("maxConcurrency").asInt())
          .append(w.hasNonNull("soak") ? ", soak " + Json.text(w, "soak") : "")
          .append(w.path("approvalBefore").asBoolean(false) ? ", gate before" : "")
          .append(")\n");
      Table table = new Table("  CLUSTER", "TEAM", "VERSIONS", "PRE-FLIGHT", "RESULT");
      for (JsonNode m : w.path("members")) {
        JsonNode p = m.path("planPassed");
        String verdict =
            "SKIPPED".equals(Json.text(m, "status"))
                ? "skipped"
                : !p.isBoolean() ? "not run" : p.asBoolean() ? "passed" : "FAILED";
        if (p.isBoolean()) {
          if (p.asBoolean()) {
            passed++;
          } else {
            failed++;
          }
        }
        table.row(
            "  " + Json.text(m, "cluster"),
            Json.text(m, "team"),
            Json.text(m, "currentVersion", "?") + " -> " + Json.text(m, "targetVersion", "?"),
            verdict,
            Json.text(m, "planResult", Json.text(m, "reason")));
      }
      out.append(table.size() == 0 ? "  no members\n" : table.render());
    }
    out.append("\npre-flight  ")
        .append(passed)
        .append(" passed, ")
        .append(failed)
        .append(" failed\n");
    if (excluded != null && excluded.size() > 0) {
      out.append("excluded\n");
      for (JsonNode e : excluded) {
        out.append("  ")
            .append(Json.text(e, "cluster"))
            .append(": ")
            .append(Json.text(e, "reason"))
            .append('\n');
      }
    }
    out.append("budget      ").append(budget(campaign)).append('\n');
    String estimate = estimate(campaign, zone);
    if (estimate != null) {
      out.append("schedule    ").append(estimate).append('\n');
    }
    out.append(windows(waves, zone));
    if (failed > 0) {
      out.append("skip a member that fails: bluegreen campaign skip ")
          .append(id)
          .append(" CLUSTER --reason ...\n");
    }
    if ("PLANNED".equals(Json.text(campaign, "status"))) {
      out.append("start it: bluegreen campaign start ").append(id).append(" --reason ...\n");
    }
    return out.toString();
  }

  /**
   * The windows the members' disruptive work (first shift, decommission) may start in, members with
   * the same windows together, with when they next open if closed now; nothing when every member
   * may start any time.
   */
  static String windows(JsonNode waves, ZoneId zone) {
    Map<String, List<String>> membersByWindows = new LinkedHashMap<>();
    Map<String, String> opens = new HashMap<>();
    for (JsonNode w : waves) {
      for (JsonNode m : w.path("members")) {
        String windows = Json.text(m, "windows", "any time");
        membersByWindows
            .computeIfAbsent(windows, k -> new ArrayList<>())
            .add(Json.text(m, "cluster"));
        String at = Json.text(m, "windowOpensAt");
        if (at != null) {
          opens.putIfAbsent(windows, at);
        }
      }
    }
    if (membersByWindows.keySet().equals(Set.of("any time"))) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "windows     (the first shift and the decommission start only inside them)\n");
    membersByWindows.forEach(
        (windows, members) -> {
          out.append("  ").append(windows);
          if (opens.containsKey(windows)) {
            out.append(", next opens ").append(time(opens.get(windows), zone, DAY_AND_TIME));
          }
          out.append(": ").append(String.join(", ", members)).append('\n');
        });
    return out.toString();
  }

  /** {@code GET /campaigns} as a table, newest first as the API sorts them. */
  public static String list(JsonNode campaigns, ZoneId zone) {
    Table table =
        new Table("ID", "NAME", "STATUS", "WAVE", "MEMBERS", "BUDGET LEFT", "REQUESTED", "BY");
    for (JsonNode c : campaigns) {
      String status = Json.text(c, "status");
      table.row(
          Json.text(c, "campaignId"),
          Json.text(c, "name"),
          status + planNote(c),
          (waveIndex(c) + 1) + "/" + c.path("waves").size() + " " + Json.text(c, "currentWave", ""),
          counts(c),
          String.valueOf(c.path("budget").path("left").asInt()),
          time(Json.text(c, "createdAt"), zone, DAY_AND_TIME),
          Json.text(c, "requestedBy"));
    }
    return table.size() == 0 ? "no campaigns\n" : table.render();
  }

  /** The answer to a control: {@code pause cmp-1: now PAUSED (reason)}. */
  public static String accepted(String action, JsonNode campaign) {
    String status = Json.text(campaign, "status");
    return action
        + " "
        + Json.text(campaign, "campaignId")
        + ": now "
        + status
        + ("PAUSED".equals(status) && campaign.hasNonNull("pauseReason")
            ? " (" + Json.text(campaign, "pauseReason") + ")"
            : campaign.hasNonNull("lastDecision")
                ? " (" + Json.text(campaign, "lastDecision") + ")"
                : "")
        + "\n";
  }

  /** The line a watch prints per change when its output is not a terminal. */
  public static String changeLine(JsonNode c, Instant now, ZoneId zone) {
    String status = Json.text(c, "status", "?");
    List<String> parts = new ArrayList<>();
    if (!isOutcome(status)) {
      parts.add(
          "wave "
              + (waveIndex(c) + 1)
              + "/"
              + c.path("waves").size()
              + " "
              + Json.text(c, "currentWave", "?"));
    }
    parts.add(counts(c));
    parts.add("budget left " + c.path("budget").path("left").asInt());
    List<String> inFlight = new ArrayList<>();
    for (JsonNode w : c.path("waves")) {
      for (JsonNode m : w.path("members")) {
        String memberStatus = Json.text(m, "status", "");
        if ("UPGRADING".equals(memberStatus) || "ON_GREEN".equals(memberStatus)) {
          inFlight.add(Json.text(m, "cluster") + " " + Json.text(m, "upgradeState", memberStatus));
        }
      }
    }
    if (!inFlight.isEmpty()) {
      parts.add("in flight: " + String.join(", ", inFlight));
    }
    if ("PAUSED".equals(status)) {
      parts.add("paused: " + Json.text(c, "pauseReason", "by a person"));
    }
    if ("AWAITING_APPROVAL".equals(status)) {
      parts.add("gate waits for approval");
    }
    return String.format(
            "%s  %-18s %s", CLOCK.format(now.atZone(zone)), status, String.join("; ", parts))
        .stripTrailing();
  }

  /** What a watch compares to know whether anything a person would see has changed. */
  public static String changeKey(JsonNode c) {
    StringBuilder key = new StringBuilder();
    key.append(Json.text(c, "status", ""))
        .append('|')
        .append(Json.text(c, "currentWave", ""))
        .append('|')
        .append(Json.text(c, "pauseReason", ""))
        .append('|')
        .append(counts(c));
    for (JsonNode w : c.path("waves")) {
      for (JsonNode m : w.path("members")) {
        key.append('|')
            .append(Json.text(m, "status"))
            .append(':')
            .append(Json.text(m, "upgradeState"));
      }
    }
    return key.toString();
  }

  /** {@code (plan)} while a plan, {@code (from a plan)} once started, else nothing. */
  static String planNote(JsonNode c) {
    if (!c.path("dryRun").asBoolean(false)) {
      return "";
    }
    String status = Json.text(c, "status", "");
    return "PLANNING".equals(status) || "PLANNED".equals(status) ? "  (plan)" : "  (from a plan)";
  }

  /** The index of the current wave, from its name. */
  static int waveIndex(JsonNode c) {
    String current = Json.text(c, "currentWave");
    JsonNode waves = c.path("waves");
    for (int i = 0; i < waves.size(); i++) {
      if (Json.text(waves.get(i), "name", "").equals(current)) {
        return i;
      }
    }
    return 0;
  }

  /** One campaign audit line: {@code 12:00:01 RUNNING -> PAUSED wave 2 alice reason}. */
  public static String eventLine(JsonNode line, ZoneId zone) {
    JsonNode data = line.path("data");
    String from = Json.text(data, "from");
    String to = Json.text(data, "to", "?");
    String what =
        data.path("rejected").asBoolean(false)
            ? "REFUSED " + to
            : from == null || from.equals(to) ? to : from + " -> " + to;
    String member = Json.text(data, "member");
    return time(Json.text(line, "at", Json.text(data, "at")), zone, CLOCK)
        + "  "
        + what
        + "  wave "
        + (data.path("wave").asInt() + 1)
        + (member == null ? "" : "  " + member + " " + Json.text(data, "memberStatus", ""))
        + "  "
        + Json.text(data, "actor", "-")
        + "  "
        + Json.text(data, "reason", "");
  }

  static String time(String instant, ZoneId zone, DateTimeFormatter format) {
    return UpgradeRendering.time(instant, zone, format);
  }

  /** {@code campaign drift}: what appeared in or vanished from the fleet since the snapshot. */
  static String drift(JsonNode drift) {
    StringBuilder out = new StringBuilder();
    JsonNode appeared = drift.path("appeared");
    JsonNode vanished = drift.path("vanished");
    if (appeared.isEmpty() && vanished.isEmpty()) {
      return "no drift: the fleet still has every cluster of the snapshot, and no new one the"
          + " selector names\n";
    }
    out.append("appeared (named by the selector, not in the campaign): ")
        .append(appeared.size())
        .append('\n');
    for (JsonNode a : appeared) {
      out.append("  ")
          .append(a.path("cluster").asText())
          .append("  team ")
          .append(a.path("team").asText("-"))
          .append("  at ")
          .append(a.path("version").asText("?"))
          .append('\n');
    }
    out.append("vanished (in the snapshot, gone from the fleet): ")
        .append(vanished.size())
        .append('\n');
    for (JsonNode v : vanished) {
      out.append("  ").append(v.asText()).append('\n');
    }
    return out.toString();
  }
}
