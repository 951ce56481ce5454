package dev.bluegreen.orchestrator.campaigns;

import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.Member;
import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.Freeze;
import dev.bluegreen.contracts.events.MaintenanceWindows;
import dev.bluegreen.contracts.events.MemberStatus;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.WindowSchedule;
import dev.bluegreen.upgrade.core.Windows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A campaign as the API shows it: waves with their members and each member's upgrade, counts by
 * status, the failure budget left, and an estimate of when it ends against its deadline. A plan's
 * pre-flight result stays beside each member after the plan is started.
 *
 * @param campaignId the campaign
 * @param name its name
 * @param status where it is
 * @param dryRun whether it is (or began as) a plan
 * @param selector the selector its members came from
 * @param currentWave the wave it is at
 * @param waves every wave with its members
 * @param counts members by status
 * @param budget failures allowed, counted and left
 * @param pauseReason why it is paused
 * @param soakUntil when the current wave's soak ends
 * @param notBefore start no member before
 * @param deadline when it should be done
 * @param estimatedEnd when it would end at the pace seen so far (or the configured estimate)
 * @param onTime whether the estimate is before the deadline (null without either)
 * @param requestedBy who asked
 * @param createdAt when it was requested
 * @param updatedAt when it last changed
 * @param endedAt when it ended
 * @param lastDecision its last decision, in words
 * @param fleetFreezes the fleet's freezes standing now (declared through {@code /freezes}, in
 *     effect or to come): no member starts disruptive work while one is in effect; empty once the
 *     campaign ended
 */
public record CampaignView(
    String campaignId,
    String name,
    CampaignStatus status,
    boolean dryRun,
    String selector,
    String currentWave,
    List<WaveView> waves,
    Map<MemberStatus, Integer> counts,
    Budget budget,
    String pauseReason,
    Instant soakUntil,
    Instant notBefore,
    Instant deadline,
    Instant estimatedEnd,
    Boolean onTime,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt,
    Instant endedAt,
    String lastDecision,
    List<Freeze> fleetFreezes) {

  /** One wave. */
  public record WaveView(
      String name,
      int maxConcurrency,
      Duration soak,
      boolean approvalBefore,
      boolean approved,
      Integer failureBudget,
      List<MemberView> members) {}

  /** One member and its upgrade. */
  public record MemberView(
      String cluster,
      String blueCluster,
      String team,
      String currentVersion,
      String targetVersion,
      MemberStatus status,
      String upgradeId,
      UpgradeState upgradeState,
      UpgradeState failedIn,
      String reason,
      Boolean planPassed,
      String planResult,
      Instant startedAt,
      Instant settledAt,
      String windows,
      Instant windowOpensAt) {}

  /** The failure budget: allowed, counted (failures not accepted by a RESUME), left. */
  public record Budget(int allowed, int counted, int left) {}

  /** The view of a campaign at {@code now}, with no fleet freeze standing. */
  public static CampaignView of(Campaign c, Instant now, Duration typicalUpgrade) {
    return of(c, now, typicalUpgrade, List.of());
  }

  /**
   * The view of a campaign at {@code now}; {@code typicalUpgrade} until one has been seen. The
   * fleet's standing freezes hold every member's disruptive work as its own windows do, so they are
   * part of each member's windows and of when they next open.
   */
  public static CampaignView of(
      Campaign c, Instant now, Duration typicalUpgrade, List<Freeze> fleetFreezes) {
    Map<String, MaintenanceWindows> memberWindows = new HashMap<>();
    for (CampaignMember m : c.spec().members()) {
      if (m.plan() != null) {
        memberWindows.put(m.cluster(), m.plan().windows());
      }
    }
    Function<String, MaintenanceWindows> windowsOf =
        cluster ->
            memberWindows.containsKey(cluster)
                ? memberWindows.get(cluster)
                : c.spec().plan() == null ? null : c.spec().plan().windows();
    List<WaveView> waves = new ArrayList<>();
    for (int i = 0; i < c.waves().size(); i++) {
      CampaignWave w = c.waves().get(i);
      int index = i;
      List<MemberView> members =
          c.members().stream()
              .filter(m -> m.wave() == index)
              .map(
                  m ->
                      member(
                          m, Windows.withFreezes(windowsOf.apply(m.cluster()), fleetFreezes), now))
              .toList();
      waves.add(
          new WaveView(
              w.name(),
              w.maxConcurrency(),
              w.soak(),
              w.approvalBefore(),
              c.approvedWaves().contains(i),
              w.failureBudget(),
              members));
    }
    int counted = c.failuresCounted();
    Instant end = c.status().isTerminal() ? c.endedAt() : estimate(c, now, typicalUpgrade);
    Instant deadline = c.spec().deadline();
    return new CampaignView(
        c.id(),
        c.spec().name(),
        c.status(),
        c.spec().dryRun(),
        c.spec().selector(),
        c.waves().get(c.wave()).name(),
        waves,
        c.counts(),
        new Budget(
            c.spec().failureBudget(), counted, Math.max(0, c.spec().failureBudget() - counted)),
        c.pauseReason(),
        c.soakUntil(),
        c.spec().notBefore(),
        deadline,
        end,
        end == null || deadline == null ? null : !end.isAfter(deadline),
        c.spec().requestedBy(),
        c.createdAt(),
        c.updatedAt(),
        c.endedAt(),
        c.lastReason(),
        c.status().isTerminal() ? List.of() : List.copyOf(fleetFreezes));
  }

  private static MemberView member(Member m, MaintenanceWindows windows, Instant now) {
    Instant opens = null;
    if (windows != null && !Windows.open(windows, now)) {
      opens = Windows.nextOpening(windows, now).orElse(null);
    }
    return member(m, describe(windows), opens);
  }

  /**
   * The windows a member's disruptive work may start in, for people: each schedule and each freeze
   * that has not ended; null when it may start any time.
   */
  static String describe(MaintenanceWindows w) {
    if (w == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (WindowSchedule s : w.schedules()) {
      parts.add(
          "'"
              + s.cron()
              + "' "
              + (s.timeZone() == null ? "UTC" : s.timeZone())
              + " for "
              + s.duration());
    }
    for (Freeze f : w.freezes()) {
      parts.add(
          "frozen "
              + f.from()
              + " to "
              + f.to()
              + (f.reason() == null || f.reason().isBlank() ? "" : " (" + f.reason() + ")"));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static MemberView member(Member m, String windows, Instant windowOpensAt) {
    return new MemberView(
        m.cluster(),
        m.blueCluster(),
        m.team(),
        m.currentVersion(),
        m.targetVersion(),
        m.status(),
        m.upgradeId(),
        m.upgradeState(),
        m.failedIn(),
        m.reason(),
        m.planPassed(),
        m.planResult(),
        m.startedAt(),
        m.settledAt(),
        windows,
        windowOpensAt);
  }

  /**
   * When the campaign would reach its last wave's end: the waves left, each in batches of its
   * concurrency, at the average time members took to reach green so far (or {@code typical}), plus
   * the soaks. An estimate for people, not a promise.
   */
  static Instant estimate(Campaign c, Instant now, Duration typical) {
    List<Duration> seen = new ArrayList<>();
    for (Member m : c.members()) {
      if (m.startedAt() != null
          && m.settledAt() != null
          && !m.settledAt().isBefore(m.startedAt())) {
        seen.add(Duration.between(m.startedAt(), m.settledAt()));
      }
    }
    Duration per =
        seen.isEmpty()
            ? typical
            : seen.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(seen.size());
    Instant start =
        c.spec().notBefore() != null && c.spec().notBefore().isAfter(now)
            ? c.spec().notBefore()
            : now;
    Duration total = Duration.ZERO;
    boolean planning =
        c.status() == CampaignStatus.PLANNING || c.status() == CampaignStatus.PLANNED;
    for (int i = planning ? 0 : c.wave(); i < c.waves().size(); i++) {
      CampaignWave w = c.waves().get(i);
      int index = i;
      long left =
          c.members().stream()
              .filter(m -> m.wave() == index)
              .filter(m -> planning ? m.status() != MemberStatus.SKIPPED : !m.status().isSettled())
              .count();
      int atOnce = Math.max(1, Math.min(w.maxConcurrency(), c.spec().maxConcurrency()));
      long batches = (left + atOnce - 1) / atOnce;
      total = total.plus(per.multipliedBy(batches));
      if (w.soak() != null && left > 0) {
        total = total.plus(w.soak());
      }
    }
    return start.plus(total);
  }
}
