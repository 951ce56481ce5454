package dev.bluegreen.orchestrator.campaigns;

import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignSelector;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.orchestrator.inventory.LogicalCluster;
import dev.bluegreen.upgrade.core.RequestRules;
import dev.bluegreen.upgrade.core.Windows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a campaign body and the fleet inventory into a campaign request: selects the members (a
 * snapshot), splits them into waves, resolves counts and percentages and each member's target
 * version, and says what it left out and why. Pure: the REST layer brings the inventory.
 */
public final class CampaignPlanner {

  /** A member the selector matched but the campaign leaves out, and why. */
  public record Excluded(String cluster, String reason) {}

  /** The request, or the first thing wrong with the body. */
  public record Result(
      CampaignRequested request, List<Excluded> excluded, RequestRules.Violation violation) {}

  /** What the planner needs besides the body. */
  public record Context(
      String campaignId,
      List<LogicalCluster> fleet,
      Map<String, Map<String, String>> tagsByServingCluster,
      Set<String> supportedVersions,
      int maxMinorVersionsPerUpgrade,
      Duration defaultRetention,
      boolean dryRun,
      String requestedBy,
      Instant now,
      Function<String, MaintenanceWindows> teamWindows,
      List<Freeze> fleetFreezes) {}

  private CampaignPlanner() {}

  /** Plans the campaign. */
  public static Result plan(CampaignBody body, Context ctx) {
    try {
      return planOrThrow(body, ctx);
    } catch (Refused r) {
      return new Result(null, r.excluded, r.violation);
    }
  }

  private static Result planOrThrow(CampaignBody body, Context ctx) {
    if (body.targetVersion() == null || body.targetVersion().isBlank()) {
      throw refused(
          400, "targetVersion", "targetVersion is required: a version like 1.32, or next");
    }
    UpgradePlan template = plan("plan", body.plan(), ctx);
    Map<String, UpgradePlan> overrides = new LinkedHashMap<>();
    if (body.memberPlans() != null) {
      body.memberPlans().forEach((k, v) -> overrides.put(k, plan("memberPlans." + k, v, ctx)));
    }
    // 1. Members: the selector over the fleet, then the target version of each.
    List<LogicalCluster> selected =
        ctx.fleet().stream()
            .filter(c -> matches(body.selector(), c, ctx))
            .sorted(Comparator.comparing(LogicalCluster::name))
            .toList();
    if (selected.isEmpty()) {
      throw refused(422, "selector", "the selector matches no logical cluster of the fleet");
    }
    List<Excluded> excluded = new ArrayList<>();
    List<CampaignMember> members = new ArrayList<>();
    boolean next = "next".equalsIgnoreCase(body.targetVersion().trim());
    if (!next && !ctx.supportedVersions().contains(body.targetVersion().trim())) {
      throw refused(
          422,
          "targetVersion",
          "EKS does not offer "
              + body.targetVersion()
              + "; supported: "
              + ctx.supportedVersions().stream().sorted().toList()
              + ", or next");
    }
    for (LogicalCluster c : selected) {
      String target = next ? c.nextVersion() : body.targetVersion().trim();
      if (target == null) {
        excluded.add(new Excluded(c.name(), "no newer supported version than " + c.version()));
        continue;
      }
      if (c.upgradeInFlight() != null) {
        excluded.add(
            new Excluded(c.name(), "upgrade " + c.upgradeInFlight().upgradeId() + " is in flight"));
        continue;
      }
      if (Objects.equals(c.version(), target)) {
        excluded.add(new Excluded(c.name(), "already at " + target));
        continue;
      }
      List<RequestRules.Violation> v =
          RequestRules.checkVersions(
              target,
              Optional.ofNullable(c.version()),
              ctx.supportedVersions(),
              ctx.maxMinorVersionsPerUpgrade());
      if (!v.isEmpty()) {
        if (!next
            && v.get(0).field().equals("targetVersion")
            && members.isEmpty()
            && !ctx.supportedVersions().contains(target)) {
          throw refused(422, "targetVersion", v.get(0).detail());
        }
        excluded.add(new Excluded(c.name(), v.get(0).detail()));
        continue;
      }
      UpgradePlan own = withTeamWindows(overrides.getOrDefault(c.name(), template), c.team(), ctx);
      if (own.equals(template)) {
        own = null;
      }
      members.add(
          new CampaignMember(c.name(), c.servingCluster(), c.version(), target, c.team(), own));
    }
    for (String name : overrides.keySet()) {
      if (members.stream().noneMatch(m -> m.cluster().equals(name))) {
        throw refused(422, "memberPlans." + name, name + " is not a member of this campaign");
      }
    }
    if (members.isEmpty()) {
      // With what was left out, so the API can tell a cluster another campaign holds (409).
      throw new Refused(
          new RequestRules.Violation(
              422,
              "selector",
              "no selected cluster can be upgraded: "
                  + excluded.stream().map(e -> e.cluster() + " (" + e.reason() + ")").toList()),
          excluded);
    }
    // 2. Waves.
    int campaignConcurrency = count("maxConcurrency", body.maxConcurrency(), members.size(), 1, 1);
    int budget = count("failureBudget", body.failureBudget(), members.size(), 0, 0);
    if (body.sameFailureLimit() != null && body.sameFailureLimit() < 1) {
      throw refused(400, "sameFailureLimit", "sameFailureLimit must be at least 1");
    }
    List<CampaignWave> waves = waves(body, members, campaignConcurrency, ctx);
    // 3. When.
    Instant deadline =
        body.deadline() != null ? body.deadline() : earliestEndOfSupport(selected, members);
    if (body.notBefore() != null && deadline != null && !body.notBefore().isBefore(deadline)) {
      throw refused(
          422,
          "notBefore",
          "the campaign would start at "
              + body.notBefore()
              + ", not before its deadline "
              + deadline);
    }
    refuseWindowsThatNeverOpen(
        members, template, body.notBefore(), deadline, ctx.now(), ctx.fleetFreezes());
    String name =
        body.name() == null || body.name().isBlank() ? "to " + body.targetVersion() : body.name();
    return new Result(
        new CampaignRequested(
            ctx.campaignId(),
            name,
            describe(body.selector()),
            members,
            waves,
            campaignConcurrency,
            budget,
            body.sameFailureLimit(),
            template,
            body.notBefore(),
            deadline,
            ctx.dryRun(),
            ctx.requestedBy(),
            ctx.now(),
            selection(body.selector()),
            excluded.stream().map(Excluded::cluster).toList()),
        excluded,
        null);
  }

  private static List<CampaignWave> waves(
      CampaignBody body, List<CampaignMember> members, int campaignConcurrency, Context ctx) {
    List<CampaignBody.Wave> asked =
        body.waves() == null || body.waves().isEmpty()
            ? List.of(new CampaignBody.Wave("all", null, null, null, null, null, null, null, null))
            : body.waves();
    Map<String, LogicalCluster> byName = new LinkedHashMap<>();
    ctx.fleet().forEach(c -> byName.put(c.name(), c));
    List<CampaignMember> remaining = new ArrayList<>(members);
    List<CampaignWave> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      CampaignBody.Wave w = asked.get(i);
      String field = "waves[" + i + "]";
      if (Boolean.TRUE.equals(w.approvalAfter()) && i == asked.size() - 1) {
        throw refused(
            422,
            field + ".approvalAfter",
            "a gate after the last wave holds nothing back: the campaign ends when its members"
                + " do. To approve before each blue is deleted, set the plan's"
                + " approvalGates.beforeDecommission");
      }
      // A gate after a wave is the gate before the next: both wait for the wave and its soak.
      boolean gateBefore =
          Boolean.TRUE.equals(w.approvalBefore())
              || i > 0 && Boolean.TRUE.equals(asked.get(i - 1).approvalAfter());
      String name = w.name() == null || w.name().isBlank() ? "wave-" + (i + 1) : w.name();
      if (!names.add(name)) {
        throw refused(400, field + ".name", "two waves are named " + name);
      }
      if (w.limit() != null && w.limit() < 1) {
        throw refused(400, field + ".limit", "limit must be at least 1");
      }
      if (w.limit() != null && w.limit() > members.size()) {
        throw refused(
            422,
            field + ".limit",
            "wave "
                + name
                + " asks for "
                + w.limit()
                + " members; the campaign has "
                + members.size());
      }
      List<CampaignMember> picked = new ArrayList<>();
      Set<String> teams = new HashSet<>();
      for (CampaignMember m : remaining) {
        if (w.selector() != null && !matches(w.selector(), byName.get(m.cluster()), ctx)) {
          continue;
        }
        if (Boolean.TRUE.equals(w.onePerTeam()) && !teams.add(String.valueOf(m.team()))) {
          continue;
        }
        if (w.limit() != null && picked.size() >= w.limit()) {
          break;
        }
        picked.add(m);
      }
      if (picked.isEmpty()) {
        throw refused(422, field, "wave " + name + " matches no member that an earlier wave left");
      }
      remaining.removeAll(picked);
      int concurrency =
          w.maxConcurrency() == null
              ? Math.min(campaignConcurrency, picked.size())
              : count(field + ".maxConcurrency", w.maxConcurrency(), picked.size(), 1, 1);
      Integer waveBudget =
          w.failureBudget() == null
              ? null
              : count(field + ".failureBudget", w.failureBudget(), picked.size(), 0, 0);
      if (w.soak() != null && w.soak().isNegative()) {
        throw refused(400, field + ".soak", "soak must not be negative");
      }
      out.add(
          new CampaignWave(
              name,
              picked.stream().map(CampaignMember::cluster).toList(),
              concurrency,
              w.soak(),
              gateBefore,
              waveBudget));
    }
    if (!remaining.isEmpty()) {
      throw refused(
          422,
          "waves",
          remaining.size()
              + " members are in no wave: "
              + remaining.stream().map(CampaignMember::cluster).toList()
              + "; end with a wave without selector or limit to take the rest");
    }
    return out;
  }

  private static final Pattern COUNT = Pattern.compile("^\\d+$");
  private static final Pattern PERCENT = Pattern.compile("^(\\d+(\\.\\d+)?)%$");

  /** A count or a percentage of {@code of}; at least {@code min}; {@code absent} when not given. */
  static int count(String field, String value, int of, int min, int absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    String v = value.trim();
    int n;
    if (COUNT.matcher(v).matches()) {
      n = Integer.parseInt(v);
    } else {
      var m = PERCENT.matcher(v);
      if (!m.matches()) {
        throw refused(
            400, field, field + " must be a count (3) or a percentage (10%), not " + value);
      }
      double pct = Double.parseDouble(m.group(1));
      if (pct > 100) {
        throw refused(400, field, field + " is more than 100%");
      }
      // A concurrency rounds up (10% of 5 is 1, not 0); a budget rounds down.
      n = min > 0 ? (int) Math.ceil(pct * of / 100.0) : (int) Math.floor(pct * of / 100.0);
    }
    if (n < min) {
      throw refused(400, field, field + " must be at least " + min + ", not " + value);
    }
    return n;
  }

  private static UpgradePlan plan(String field, CampaignBody.Plan p, Context ctx) {
    CampaignBody.Plan plan =
        p == null ? new CampaignBody.Plan(null, null, null, null, null, null) : p;
    RequestRules.Planned planned =
        RequestRules.plan(
            new RequestRules.PlanRequest(
                plan.steps(),
                plan.bakeTime(),
                plan.retention(),
                plan.approvalGates(),
                plan.phaseTimeouts(),
                plan.windows()),
            ctx.defaultRetention());
    if (!planned.violations().isEmpty()) {
      RequestRules.Violation v = planned.violations().get(0);
      throw refused(v.status(), field + "." + v.field(), v.detail());
    }
    return planned.plan();
  }

  /**
   * 422 when a member's windows (its team's, its plan's, the freezes, the fleet's standing ones) do
   * not open between the campaign's start and its deadline: its disruptive work could never start
   * in time.
   */
  private static void refuseWindowsThatNeverOpen(
      List<CampaignMember> members,
      UpgradePlan template,
      Instant notBefore,
      Instant deadline,
      Instant now,
      List<Freeze> fleetFreezes) {
    Instant from = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
    List<String> closed = new ArrayList<>();
    for (CampaignMember m : members) {
      UpgradePlan plan = m.plan() != null ? m.plan() : template;
      // The fleet's freezes hold it too, though they are not pinned in its plan.
      MaintenanceWindows windows = Windows.withFreezes(plan.windows(), fleetFreezes);
      if (windows == null) {
        continue;
      }
      Optional<Instant> opens = Windows.nextOpening(windows, from);
      // A deadline already passed (a member past its end of support) makes the campaign late,
      // which its estimate says; only windows that never open are refused then.
      boolean inTime =
          deadline == null
              || !deadline.isAfter(from)
              || opens.isPresent() && opens.get().isBefore(deadline);
      if (opens.isEmpty() || !inTime) {
        closed.add(
            m.cluster() + (opens.isEmpty() ? " (never opens)" : " (opens " + opens.get() + ")"));
      }
    }
    if (!closed.isEmpty()) {
      throw refused(
          422,
          "plan.windows",
          "the maintenance windows of "
              + closed
              + " do not open "
              + (deadline == null || !deadline.isAfter(from)
                  ? "after " + from
                  : "between " + from + " and the deadline " + deadline)
              + "; widen the windows, end the freeze or move the deadline");
    }
  }

  /** The plan with the team's windows applied (a plan only narrows them). */
  private static UpgradePlan withTeamWindows(UpgradePlan plan, String team, Context ctx) {
    MaintenanceWindows teams = ctx.teamWindows().apply(team);
    if (teams == null) {
      return plan;
    }
    return new UpgradePlan(
        plan.steps(),
        plan.retention(),
        plan.approvalGates(),
        plan.phaseTimeouts(),
        Windows.combine(teams, plan.windows()));
  }

  /** The selector as the campaign keeps it; "all" is a selector with nothing set. */
  static CampaignSelector selection(CampaignBody.Selector s) {
    return s == null
        ? new CampaignSelector(null, null, null, null, null, null)
        : new CampaignSelector(
            s.clusters(), s.teams(), s.versions(), s.support(), s.tags(), s.exclude());
  }

  static boolean matches(CampaignBody.Selector s, LogicalCluster c, Context ctx) {
    return matches(s, c, ctx.tagsByServingCluster());
  }

  /** Whether the logical cluster is one the selector names ({@code tags}: by serving cluster). */
  static boolean matches(
      CampaignBody.Selector s, LogicalCluster c, Map<String, Map<String, String>> tags) {
    if (s == null) {
      return true;
    }
    if (s.clusters() != null
        && !s.clusters().isEmpty()
        && s.clusters().stream().noneMatch(g -> glob(g, c.name()))) {
      return false;
    }
    if (s.exclude() != null && s.exclude().stream().anyMatch(g -> glob(g, c.name()))) {
      return false;
    }
    if (s.teams() != null && !s.teams().isEmpty() && !s.teams().contains(c.team())) {
      return false;
    }
    if (s.versions() != null && !s.versions().isEmpty() && !s.versions().contains(c.version())) {
      return false;
    }
    if (s.support() != null
        && !s.support().isEmpty()
        && s.support().stream()
            .noneMatch(x -> x.toUpperCase(Locale.ROOT).equals(c.supportStatus()))) {
      return false;
    }
    if (s.tags() != null && !s.tags().isEmpty()) {
      Map<String, String> own = tags.getOrDefault(c.servingCluster(), Map.of());
      for (Map.Entry<String, String> t : s.tags().entrySet()) {
        if (!Objects.equals(own.get(t.getKey()), t.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  /** A name or a glob with {@code *} and {@code ?}. */
  static boolean glob(String glob, String name) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    return name.matches(re.toString());
  }

  private static Instant earliestEndOfSupport(
      List<LogicalCluster> fleet, List<CampaignMember> members) {
    Set<String> names = new HashSet<>();
    members.forEach(m -> names.add(m.cluster()));
    return fleet.stream()
        .filter(c -> names.contains(c.name()))
        .map(LogicalCluster::endOfStandardSupport)
        .filter(Objects::nonNull)
        .min(Comparator.<LocalDate>naturalOrder())
        .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant())
        .orElse(null);
  }

  private static String describe(CampaignBody.Selector s) {
    if (s == null) {
      return "all";
    }
    List<String> parts = new ArrayList<>();
    if (s.clusters() != null && !s.clusters().isEmpty()) parts.add("clusters=" + s.clusters());
    if (s.teams() != null && !s.teams().isEmpty()) parts.add("teams=" + s.teams());
    if (s.versions() != null && !s.versions().isEmpty()) parts.add("versions=" + s.versions());
    if (s.support() != null && !s.support().isEmpty()) parts.add("support=" + s.support());
    if (s.tags() != null && !s.tags().isEmpty()) parts.add("tags=" + s.tags());
    if (s.exclude() != null && !s.exclude().isEmpty()) parts.add("exclude=" + s.exclude());
    return parts.isEmpty() ? "all" : String.join(" ", parts);
  }

  private static Refused refused(int status, String field, String detail) {
    return new Refused(new RequestRules.Violation(status, field, detail));
  }

  /** Ends planning with a violation. */
  private static final class Refused extends RuntimeException {
    final transient RequestRules.Violation violation;
    final transient List<Excluded> excluded;

    Refused(RequestRules.Violation violation) {
      this(violation, List.of());
    }

    Refused(RequestRules.Violation violation, List<Excluded> excluded) {
      super(violation.detail(), null, false, false);
      this.violation = violation;
      this.excluded = List.copyOf(excluded);
    }
  }
}
