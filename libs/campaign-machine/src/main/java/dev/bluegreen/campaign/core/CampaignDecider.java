package dev.bluegreen.campaign.core;

import dev.bluegreen.campaign.core.CampaignInput.Control;
import dev.bluegreen.campaign.core.CampaignInput.MemberUpdate;
import dev.bluegreen.campaign.core.CampaignInput.Requested;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignMember;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.CampaignWave;
import dev.bluegreen.contracts.events.Cause;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.MemberCommand;
import dev.bluegreen.contracts.events.MemberStatus;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The campaign state machine: {@code decide(campaign, input)} → next campaign, orders for members'
 * upgrades, audit entry. Pure: no I/O, no clock (an input's time is now), so it is tested input by
 * input and replayed from the campaign audit log.
 *
 * <p>A campaign starts the members of its current wave in order, at most the wave's and the
 * campaign's {@code maxConcurrency} upgrading at once (a member on green no longer counts); when
 * every member of the wave is on green or ended and the wave's soak has passed, the next wave
 * starts (after its approval gate, if it has one). Failed members past the failure budget pause the
 * campaign with the reason (stop the line). It completes when every member has ended.
 */
public final class CampaignDecider {

  /**
   * Version of these rules, recorded in every campaign and audit entry.
   *
   * <ul>
   *   <li>1: the first rules.
   * </ul>
   */
  public static final int DECISION_VERSION = 1;

  /** How many recent input ids a campaign remembers to ignore redeliveries. */
  static final int SEEN_KEPT = 500;

  /** What a campaign writes as the requester of its members' upgrades and controls. */
  public static String actorOf(String campaignId) {
    return "campaign/" + campaignId;
  }

  /**
   * The id of a member's n-th upgrade in a campaign: derived, so a decision taken twice (a crash
   * between deciding and committing) names the same upgrade, which the upgrade machine then refuses
   * as a duplicate.
   */
  public static String upgradeIdFor(String campaignId, String member, int attempt) {
    return UUID.nameUUIDFromBytes(
            (campaignId + "/" + member + "/" + attempt).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The decision about one input. {@code state} is null before the campaign exists. */
  public CampaignDecision decide(Campaign state, CampaignInput input) {
    if (state != null && state.seenInputs().contains(input.eventId())) {
      return CampaignDecision.nothing(state);
    }
    if (input instanceof Requested r) {
      return onRequested(state, r);
    }
    if (state == null) {
      // Controls of an unknown campaign are refused by the API; stray updates have no campaign.
      return CampaignDecision.nothing(null);
    }
    if (input instanceof Control c) {
      return onControl(state, c);
    }
    if (input instanceof MemberUpdate u) {
      return onMemberUpdate(state, u);
    }
    if (state.status().isTerminal()) {
      return CampaignDecision.nothing(state);
    }
    Work w = new Work(state, input);
    w.pump();
    return w.done();
  }

  // ------------------------------------------------------------------------------ requested

  private CampaignDecision onRequested(Campaign state, Requested r) {
    CampaignRequested spec = r.request();
    if (state != null) {
      Work w = new Work(state, r);
      return w.reject("campaign " + spec.campaignId() + " already exists");
    }
    Map<String, Integer> waveOf = new HashMap<>();
    for (int i = 0; i < spec.waves().size(); i++) {
      for (String m : spec.waves().get(i).members()) {
        waveOf.putIfAbsent(m, i);
      }
    }
    List<Member> members = new ArrayList<>();
    for (CampaignMember m : spec.members()) {
      members.add(
          new Member(
              m.cluster(),
              m.blueCluster(),
              m.currentVersion(),
              m.targetVersion(),
              m.team(),
              waveOf.getOrDefault(m.cluster(), spec.waves().size() - 1),
              MemberStatus.PENDING,
              null,
              0,
              null,
              false,
              null,
              null,
              false,
              false,
              null,
              null,
              null,
              null));
    }
    CampaignStatus first = spec.dryRun() ? CampaignStatus.PLANNING : CampaignStatus.SCHEDULED;
    Campaign created =
        new Campaign(
            DECISION_VERSION,
            spec,
            first,
            0,
            members,
            List.of(),
            null,
            null,
            null,
            false,
            List.of(),
            r.at(),
            r.at(),
            null,
            null);
    Work w = new Work(created, r);
    w.from = null;
    w.changed = true;
    w.say(
        (spec.dryRun() ? "plan requested: " : "campaign requested: ")
            + members.size()
            + " members in "
            + spec.waves().size()
            + " waves");
    w.pump();
    return w.done();
  }

  // -------------------------------------------------------------------------------- controls

  private CampaignDecision onControl(Campaign state, Control input) {
    CampaignControlRequested c = input.control();
    Work w = new Work(state, input);
    String by = " by " + c.actor() + (c.reason() == null ? "" : " (" + c.reason() + ")");
    CampaignStatus now = state.status();
    switch (c.action()) {
      case PAUSE -> {
        if (now != CampaignStatus.SCHEDULED
            && now != CampaignStatus.RUNNING
            && now != CampaignStatus.AWAITING_APPROVAL) {
          return w.reject("PAUSE: cannot pause a campaign that is " + now);
        }
        w.pause(now, "paused" + by, false);
        return w.done();
      }
      case RESUME -> {
        if (now != CampaignStatus.PAUSED) {
          return w.reject("RESUME: only a PAUSED campaign resumes; this one is " + now);
        }
        int accepted = 0;
        for (int i = 0; i < w.members.size(); i++) {
          if (w.members.get(i).countsAsFailure()) {
            w.members.set(i, w.members.get(i).acknowledge());
            accepted++;
          }
        }
        w.resume(
            "resumed"
                + by
                + (accepted == 0 ? "" : "; " + accepted + " failed members accepted as they are"));
        w.pump();
        return w.done();
      }
      case CANCEL -> {
        if (now.isTerminal() || now == CampaignStatus.CANCELLING) {
          return w.reject("CANCEL: the campaign is already " + now);
        }
        int skipped = w.skipPending(null, "campaign cancelled");
        w.status = CampaignStatus.CANCELLING;
        w.say(
            "cancelled"
                + by
                + "; "
                + skipped
                + " members will not start; members in flight finish as their own state allows");
        w.pump();
        return w.done();
      }
      case APPROVE -> {
        if (now != CampaignStatus.AWAITING_APPROVAL) {
          return w.reject("APPROVE: no gate waits; the campaign is " + now);
        }
        w.approved.add(w.wave);
        w.status = CampaignStatus.RUNNING;
        w.say("wave " + w.waveName() + " approved" + by);
        w.pump();
        return w.done();
      }
      case START -> {
        if (now != CampaignStatus.PLANNED) {
          return w.reject(
              "START: only a PLANNED campaign (a finished dry run) starts; this one is " + now);
        }
        for (int i = 0; i < w.members.size(); i++) {
          Member m = w.members.get(i);
          if (m.status() != MemberStatus.SKIPPED) {
            w.members.set(i, m.pendingAfterPlan());
          }
        }
        w.status = CampaignStatus.SCHEDULED;
        w.wave = 0;
        w.say("plan approved and started" + by);
        w.pump();
        return w.done();
      }
      case SKIP -> {
        int i = w.indexOf(c.member());
        if (i < 0) {
          return w.reject("SKIP: " + c.member() + " is not a member of this campaign");
        }
        Member m = w.members.get(i);
        boolean planned = now == CampaignStatus.PLANNED && m.status() != MemberStatus.SKIPPED;
        if (!planned && (m.status() != MemberStatus.PENDING || now.isTerminal())) {
          return w.reject("SKIP: " + m.cluster() + " is " + m.status() + ", not waiting to start");
        }
        w.members.set(i, m.with(MemberStatus.SKIPPED, "skipped" + by));
        w.member(m.cluster(), MemberStatus.SKIPPED);
        w.say(m.cluster() + " skipped" + by);
        w.pump();
        return w.done();
      }
      case RETRY -> {
        int i = w.indexOf(c.member());
        if (i < 0) {
          return w.reject("RETRY: " + c.member() + " is not a member of this campaign");
        }
        Member m = w.members.get(i);
        if (m.status() != MemberStatus.FAILED || now.isTerminal()) {
          return w.reject(
              "RETRY: only a FAILED member of a campaign that has not ended is retried; "
                  + m.cluster()
                  + " is "
                  + m.status());
        }
        if (m.upgradeState() == UpgradeState.FAILED) {
          w.orders.add(
              new MemberOrder.Control(
                  m.cluster(), m.blueCluster(), m.upgradeId(), ControlAction.RETRY, "retry" + by));
          w.members.set(i, m.retried());
          w.say(m.cluster() + ": its upgrade resumes where it failed" + by);
        } else {
          w.start(i, false);
          w.say(m.cluster() + ": a new upgrade with the same plan" + by);
        }
        w.member(m.cluster(), MemberStatus.UPGRADING);
        w.pump();
        return w.done();
      }
      case ROLLBACK -> {
        return rollback(w, c, by);
      }
    }
    return w.reject("unknown action " + c.action());
  }

  private CampaignDecision rollback(Work w, CampaignControlRequested c, String by) {
    CampaignStatus now = w.status;
    if (now.isTerminal() || now == CampaignStatus.PLANNING || now == CampaignStatus.PLANNED) {
      return w.reject("ROLLBACK: nothing to roll back in a campaign that is " + now);
    }
    Integer wave = null;
    if (c.wave() != null) {
      for (int i = 0; i < w.before.waves().size(); i++) {
        if (w.before.waves().get(i).name().equals(c.wave())) {
          wave = i;
        }
      }
      if (wave == null) {
        return w.reject("ROLLBACK: this campaign has no wave " + c.wave());
      }
    }
    List<String> back = new ArrayList<>();
    List<String> cannot = new ArrayList<>();
    for (int i = 0; i < w.members.size(); i++) {
      Member m = w.members.get(i);
      if (wave != null && m.wave() != wave) {
        continue;
      }
      if (!m.inFlight()) {
        continue;
      }
      if (m.upgradeState() == UpgradeState.DECOMMISSIONING || m.rollbackOrdered()) {
        cannot.add(m.cluster());
        continue;
      }
      ControlAction action = m.trafficMoved() ? ControlAction.ROLLBACK : ControlAction.CANCEL;
      w.orders.add(
          new MemberOrder.Control(
              m.cluster(), m.blueCluster(), m.upgradeId(), action, "campaign rollback" + by));
      w.members.set(i, m.orderedBack());
      back.add(m.cluster());
    }
    int skipped = w.skipPending(wave, "campaign rolled back");
    String scope = wave == null ? "campaign" : "wave " + c.wave();
    String what =
        scope
            + " rolled back"
            + by
            + ": "
            + back.size()
            + " members go back to blue"
            + (back.isEmpty() ? "" : " " + back)
            + (skipped == 0 ? "" : ", " + skipped + " will not start")
            + (cannot.isEmpty()
                ? ""
                : "; cannot go back (blue retiring or already ordered): " + cannot);
    if (wave == null) {
      w.status = CampaignStatus.ROLLING_BACK;
      w.say(what);
      w.pump();
    } else {
      w.pause(now == CampaignStatus.PAUSED ? w.pausedFrom : now, what, false);
    }
    return w.done();
  }

  // --------------------------------------------------------------------------- member updates

  private CampaignDecision onMemberUpdate(Campaign state, MemberUpdate u) {
    Work w = new Work(state, u);
    int i = w.indexOfUpgrade(u.upgradeId());
    if (i < 0) {
      // Not the current upgrade of a member (an older attempt's late entry): nothing to learn.
      return CampaignDecision.nothing(state);
    }
    Member m = w.members.get(i);
    if (u.rejected()) {
      if (u.duplicate()) {
        return CampaignDecision.nothing(state);
      }
      if (u.startRefused() && m.upgradeState() == UpgradeState.REQUESTED) {
        Member failed =
            m.upgradeMoved(
                UpgradeState.REQUESTED,
                MemberStatus.FAILED,
                null,
                "could not start: " + u.reason(),
                u.at());
        w.members.set(i, failed);
        w.member(m.cluster(), MemberStatus.FAILED);
        w.say(m.cluster() + " could not start: " + u.reason());
        w.noteIfPlanning(i);
      } else {
        w.member(m.cluster(), m.status());
        w.say(m.cluster() + ": its upgrade refused a request: " + u.reason());
      }
      w.pump();
      return w.done();
    }
    UpgradeState to = u.to();
    MemberStatus status = statusOf(to, m);
    UpgradeState failedIn =
        status == MemberStatus.FAILED
            ? (u.from() == null
                ? to
                : u.from() == UpgradeState.PAUSED ? m.upgradeState() : u.from())
            : null;
    String why = status == MemberStatus.FAILED ? u.reason() : null;
    w.members.set(i, m.upgradeMoved(to, status, failedIn, why, u.at()));
    w.member(m.cluster(), status);
    w.say(
        m.cluster()
            + ": "
            + (u.from() == null ? "" : u.from() + " → ")
            + to
            + (status != m.status() ? " (" + status + ")" : "")
            + (status == MemberStatus.FAILED && u.reason() != null ? ": " + u.reason() : ""));
    w.noteIfPlanning(i);
    w.pump();
    return w.done();
  }

  /** What an upgrade state means for the member. */
  static MemberStatus statusOf(UpgradeState s, Member m) {
    return switch (s) {
      case SOAKING, AWAITING_DECOMMISSION_APPROVAL, DECOMMISSIONING -> MemberStatus.ON_GREEN;
      case COMPLETED -> MemberStatus.COMPLETED;
      case FAILED -> MemberStatus.FAILED;
      // Waiting for a window to retire blue is on green; to shift first, still upgrading.
      case AWAITING_WINDOW -> m.trafficMoved() ? MemberStatus.ON_GREEN : MemberStatus.UPGRADING;
      case ROLLED_BACK -> m.rollbackOrdered() ? MemberStatus.ROLLED_BACK : MemberStatus.FAILED;
      case CANCELLED -> m.rollbackOrdered() ? MemberStatus.ROLLED_BACK : MemberStatus.FAILED;
      default -> MemberStatus.UPGRADING;
    };
  }

  // ------------------------------------------------------------------------------- the work

  /** The next state under construction, plus what the decision sends and says. */
  private static final class Work {
    final Campaign before;
    final CampaignInput input;
    CampaignStatus from;
    CampaignStatus status;
    int wave;
    final List<Member> members;
    final List<Integer> approved;
    Instant soakUntil;
    CampaignStatus pausedFrom;
    String pauseReason;
    boolean pausedByBudget;
    boolean changed;
    boolean rejected;
    String member;
    MemberStatus memberStatus;
    final List<MemberOrder> orders = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    Work(Campaign c, CampaignInput input) {
      this.before = c;
      this.input = input;
      this.from = c.status();
      this.status = c.status();
      this.wave = c.wave();
      this.members = new ArrayList<>(c.members());
      this.approved = new ArrayList<>(c.approvedWaves());
      this.soakUntil = c.soakUntil();
      this.pausedFrom = c.pausedFrom();
      this.pauseReason = c.pauseReason();
      this.pausedByBudget = c.pausedByBudget();
    }

    Instant now() {
      return input.at();
    }

    void say(String reason) {
      reasons.add(reason);
      changed = true;
    }

    void member(String cluster, MemberStatus s) {
      member = cluster;
      memberStatus = s;
    }

    String waveName() {
      return before.waves().get(wave).name();
    }

    int indexOf(String cluster) {
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).cluster().equals(cluster)) {
          return i;
        }
      }
      return -1;
    }

    int indexOfUpgrade(String upgradeId) {
      for (int i = 0; i < members.size(); i++) {
        if (upgradeId != null && upgradeId.equals(members.get(i).upgradeId())) {
          return i;
        }
      }
      return -1;
    }

    /** In a plan, a member's ended dry run is its pre-flight result. */
    void noteIfPlanning(int i) {
      if (status != CampaignStatus.PLANNING) {
        return;
      }
      Member m = members.get(i);
      if (m.status() == MemberStatus.COMPLETED) {
        members.set(i, m.planned(true, "pre-flight passed"));
      } else if (m.status() == MemberStatus.FAILED) {
        members.set(i, m.planned(false, m.reason()));
      }
    }

    void start(int i, boolean dryRun) {
      Member m = members.get(i);
      String upgradeId = upgradeIdFor(before.id(), m.cluster(), m.attempt() + 1);
      CampaignMember spec = before.specOf(m.cluster());
      UpgradePlan plan = spec.plan() != null ? spec.plan() : before.spec().plan();
      orders.add(
          new MemberOrder.Start(
              m.cluster(),
              m.blueCluster(),
              m.currentVersion(),
              m.targetVersion(),
              upgradeId,
              plan,
              dryRun));
      members.set(i, m.started(upgradeId, now()));
      changed = true;
    }

    int skipPending(Integer onlyWave, String why) {
      int n = 0;
      for (int i = 0; i < members.size(); i++) {
        Member m = members.get(i);
        if (m.status() == MemberStatus.PENDING && (onlyWave == null || m.wave() == onlyWave)) {
          members.set(i, m.with(MemberStatus.SKIPPED, why));
          n++;
        }
      }
      return n;
    }

    void pause(CampaignStatus interrupted, String why, boolean byBudget) {
      pausedFrom = interrupted;
      pauseReason = why;
      pausedByBudget = byBudget;
      status = CampaignStatus.PAUSED;
      say(why);
    }

    void resume(String why) {
      status =
          pausedFrom == CampaignStatus.SCHEDULED
              ? CampaignStatus.SCHEDULED
              : CampaignStatus.RUNNING;
      pausedFrom = null;
      pauseReason = null;
      pausedByBudget = false;
      say(why);
    }

    boolean anyInFlight() {
      return members.stream().anyMatch(Member::inFlight);
    }

    /** Why the failures stop the line, or null while they are within the budget. */
    String budgetExceeded() {
      CampaignRequested spec = before.spec();
      int failed = 0;
      Map<Integer, Integer> byWave = new HashMap<>();
      Map<String, List<String>> bySignature = new HashMap<>();
      for (Member m : members) {
        if (!m.countsAsFailure()) {
          continue;
        }
        failed++;
        byWave.merge(m.wave(), 1, Integer::sum);
        bySignature.computeIfAbsent(signature(m), k -> new ArrayList<>()).add(m.cluster());
      }
      for (Map.Entry<Integer, Integer> e : byWave.entrySet()) {
        CampaignWave wv = spec.waves().get(e.getKey());
        if (wv.failureBudget() != null && e.getValue() > wv.failureBudget()) {
          return "wave "
              + wv.name()
              + ": "
              + e.getValue()
              + " failed members, its budget is "
              + wv.failureBudget();
        }
      }
      if (failed > spec.failureBudget()) {
        return failed + " failed members, the campaign's budget is " + spec.failureBudget();
      }
      if (spec.sameFailureLimit() != null) {
        for (Map.Entry<String, List<String>> e : bySignature.entrySet()) {
          if (e.getValue().size() >= spec.sameFailureLimit()) {
            return "the same failure on "
                + e.getValue().size()
                + " members "
                + e.getValue()
                + ": "
                + e.getKey();
          }
        }
      }
      return null;
    }

    /** Phase and reason of a failure, with the member's own names taken out. */
    static String signature(Member m) {
      String reason = m.reason() == null ? "" : m.reason();
      reason = reason.replace(m.cluster(), "{cluster}");
      if (m.blueCluster() != null) {
        reason = reason.replace(m.blueCluster(), "{cluster}");
      }
      return "in " + m.failedIn() + ": " + reason;
    }

    /** Moves the campaign as far as the members and the clock allow. */
    void pump() {
      for (int guard = 0; guard < 2 * before.waves().size() + 8; guard++) {
        if (!step()) {
          return;
        }
      }
    }

    /** One move; true when another may follow. */
    boolean step() {
      List<CampaignWave> waves = before.waves();
      switch (status) {
        case PLANNING -> {
          for (int i = 0; i < members.size(); i++) {
            if (members.get(i).status() == MemberStatus.PENDING) {
              start(i, true);
            }
          }
          if (members.stream().allMatch(m -> m.status().isSettled())) {
            long passed = members.stream().filter(m -> Boolean.TRUE.equals(m.planPassed())).count();
            status = CampaignStatus.PLANNED;
            say(
                "plan ready: "
                    + passed
                    + " of "
                    + members.size()
                    + " members pass pre-flight; START runs it, SKIP leaves a member out");
          }
          return false;
        }
        case PAUSED -> {
          if (pausedByBudget && budgetExceeded() == null) {
            resume("failures are back within the budget; going on");
            return true;
          }
          return false;
        }
        case SCHEDULED -> {
          Instant notBefore = before.spec().notBefore();
          if (notBefore != null && now().isBefore(notBefore)) {
            return false;
          }
          status = CampaignStatus.RUNNING;
          say("started: wave " + waveName());
          return true;
        }
        case RUNNING -> {
          String exceeded = budgetExceeded();
          if (exceeded != null) {
            pause(CampaignStatus.RUNNING, "stopped the line: " + exceeded, true);
            return false;
          }
          CampaignWave current = waves.get(wave);
          boolean waveStarted =
              members.stream()
                  .anyMatch(m -> m.wave() == wave && m.attempt() > 0 && m.upgradeId() != null);
          if (current.approvalBefore() && !approved.contains(wave) && !waveStarted) {
            status = CampaignStatus.AWAITING_APPROVAL;
            say("wave " + current.name() + " waits for approval");
            return false;
          }
          long inFlight =
              members.stream().filter(m -> m.status() == MemberStatus.UPGRADING).count();
          long waveInFlight =
              members.stream()
                  .filter(m -> m.wave() == wave && m.status() == MemberStatus.UPGRADING)
                  .count();
          List<String> started = new ArrayList<>();
          for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.wave() != wave || m.status() != MemberStatus.PENDING) {
              continue;
            }
            if (inFlight >= before.spec().maxConcurrency()
                || waveInFlight >= current.maxConcurrency()) {
              break;
            }
            start(i, false);
            started.add(m.cluster());
            inFlight++;
            waveInFlight++;
          }
          if (!started.isEmpty()) {
            say("wave " + current.name() + ": started " + started);
          }
          boolean settled =
              members.stream().filter(m -> m.wave() == wave).allMatch(m -> m.status().isSettled());
          if (!settled) {
            return false;
          }
          Duration soak = current.soak();
          if (soak != null && !soak.isZero()) {
            if (soakUntil == null) {
              soakUntil = now().plus(soak);
              say("wave " + current.name() + " is on green; soaking until " + soakUntil);
              return false;
            }
            if (now().isBefore(soakUntil)) {
              return false;
            }
          }
          if (wave + 1 < waves.size()) {
            wave++;
            soakUntil = null;
            say("wave " + waves.get(wave - 1).name() + " done; wave " + waveName() + " starts");
            return true;
          }
          if (members.stream().allMatch(m -> m.status().isTerminal())) {
            status = CampaignStatus.COMPLETED;
            say("completed: " + before.counts().size() + " kinds of outcome; " + summary());
          }
          return false;
        }
        case CANCELLING, ROLLING_BACK -> {
          if (!anyInFlight()) {
            status =
                status == CampaignStatus.CANCELLING
                    ? CampaignStatus.CANCELLED
                    : CampaignStatus.ROLLED_BACK;
            say("every member in flight has ended: " + status + "; " + summary());
          }
          return false;
        }
        default -> {
          return false;
        }
      }
    }

    String summary() {
      Map<MemberStatus, Integer> counts = new java.util.TreeMap<>();
      for (Member m : members) {
        counts.merge(m.status(), 1, Integer::sum);
      }
      return counts.toString();
    }

    CampaignDecision reject(String why) {
      rejected = true;
      reasons.add(why);
      CampaignTransitioned entry = entry();
      Campaign next = before.withSeen(input, before.lastReason());
      return new CampaignDecision(next, List.of(), entry);
    }

    CampaignTransitioned entry() {
      List<MemberCommand> commands = new ArrayList<>();
      for (MemberOrder o : orders) {
        String action =
            o instanceof MemberOrder.Control c
                ? c.action().name()
                : ((MemberOrder.Start) o).dryRun() ? "START_DRY_RUN" : "START";
        commands.add(new MemberCommand(o.member(), o.upgradeId(), action));
      }
      return new CampaignTransitioned(
          before.id(),
          from,
          rejected ? before.status() : status,
          rejected ? before.wave() : wave,
          member,
          memberStatus,
          new Cause(input.eventId(), input.type()),
          input.actor(),
          String.join("; ", reasons),
          rejected,
          now(),
          DECISION_VERSION,
          commands,
          null);
    }

    CampaignDecision done() {
      if (!changed && orders.isEmpty() && status == before.status()) {
        return CampaignDecision.nothing(before);
      }
      String reason = String.join("; ", reasons);
      Campaign next =
          new Campaign(
              before.decisionVersion(),
              before.spec(),
              status,
              wave,
              members,
              approved,
              soakUntil,
              status == CampaignStatus.PAUSED ? pausedFrom : null,
              status == CampaignStatus.PAUSED ? pauseReason : null,
              status == CampaignStatus.PAUSED && pausedByBudget,
              Campaign.remember(before.seenInputs(), input),
              before.createdAt(),
              now(),
              status.isTerminal() && !before.status().isTerminal() ? now() : before.endedAt(),
              reason);
      return new CampaignDecision(next, orders, entry());
    }
  }
}
