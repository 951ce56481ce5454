package dev.bluegreen.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.campaign.core.CampaignDecider;
import dev.bluegreen.campaign.core.CampaignDecision;
import dev.bluegreen.campaign.core.CampaignInput;
import dev.bluegreen.campaign.core.Member;
import dev.bluegreen.campaign.recording.CampaignInputs;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.contracts.events.MemberCommand;
import dev.bluegreen.contracts.events.MemberStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code bin/replay --campaign ID}: feeds the inputs recorded in a campaign's audit entries through
 * the orchestrator's own {@link CampaignDecider#decide} (restored with {@link
 * CampaignInputs#restore}), starting from no campaign and carrying the state as the orchestrator
 * stores it, and checks that every recorded decision comes out again. Then it draws the campaign's
 * timeline: every decision, and each wave with its members as the replay left them. Pure: no Kafka,
 * no clock.
 *
 * <p>Inputs the orchestrator does not audit cannot matter: {@code decide} leaves the campaign as it
 * was when it has nothing to record (a quiet tick, a redelivery, a late entry of an older attempt).
 */
public final class CampaignReplayer {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * A campaign decision in the terms replay compares: everything the entry says except when and
   * which input caused it (the input is what replay feeds).
   */
  public record Outcome(
      boolean rejected,
      CampaignStatus from,
      CampaignStatus to,
      int wave,
      String member,
      MemberStatus memberStatus,
      List<MemberCommand> commands,
      String reason) {

    /** The outcome an entry records; null for null. */
    public static Outcome of(CampaignTransitioned t) {
      return t == null
          ? null
          : new Outcome(
              t.rejected(),
              t.from(),
              t.to(),
              t.wave(),
              t.member(),
              t.memberStatus(),
              t.commands() == null ? List.of() : t.commands(),
              t.reason());
    }

    @Override
    public String toString() {
      return (rejected ? "REFUSED in " + to : (from == null ? "·" : from) + " → " + to)
          + " wave "
          + (wave + 1)
          + (member == null ? "" : " " + member + " " + memberStatus)
          + (commands.isEmpty()
              ? ""
              : " "
                  + commands.stream()
                      .map(c -> c.action() + " " + c.member() + " " + c.upgradeId())
                      .toList())
          + ": "
          + reason;
    }
  }

  /**
   * The first entry that did not come out as recorded.
   *
   * @param index position in the campaign's log (0-based)
   * @param at when it was decided
   * @param recorded what the entry records
   * @param replayed what decide produced now; null when it produced no audit entry
   */
  public record Divergence(int index, Instant at, Outcome recorded, Outcome replayed) {}

  /**
   * What replaying a campaign showed.
   *
   * @param campaignId the campaign
   * @param entries entries read
   * @param reproduced entries that came out as recorded
   * @param notReplayable the first entry that could not be replayed and why (replay stops there),
   *     or null
   * @param skipped entries after the first divergence or the entry not replayable
   * @param divergence the first divergence, or null
   * @param state the campaign as the replay left it (null when nothing was replayed)
   */
  public record Report(
      String campaignId,
      int entries,
      int reproduced,
      String notReplayable,
      int skipped,
      Divergence divergence,
      Campaign state) {

    /** The overall verdict, as for upgrades. */
    public Replayer.Verdict verdict() {
      if (divergence != null) {
        return Replayer.Verdict.DIVERGED;
      }
      return notReplayable == null && skipped == 0 && entries > 0
          ? Replayer.Verdict.REPRODUCED
          : Replayer.Verdict.INCOMPLETE;
    }

    /** The verdict for people. */
    public String render() {
      StringBuilder out = new StringBuilder();
      out.append(verdict())
          .append(": ")
          .append(reproduced)
          .append(" of ")
          .append(entries)
          .append(" campaign audit entries of ")
          .append(campaignId)
          .append(" reproduced by decide");
      if (skipped > 0) {
        out.append(", ").append(skipped).append(" not replayed");
      }
      out.append('\n');
      if (entries == 0) {
        out.append("no audit entry found for campaign ").append(campaignId).append('\n');
      }
      if (notReplayable != null) {
        out.append("not replayable: ").append(notReplayable).append('\n');
      }
      if (divergence != null) {
        out.append("first divergence: entry #")
            .append(divergence.index())
            .append(" at ")
            .append(divergence.at())
            .append("\n  recorded: ")
            .append(divergence.recorded())
            .append("\n  replayed: ")
            .append(divergence.replayed() == null ? "no audit entry" : divergence.replayed())
            .append('\n');
      }
      return out.toString();
    }
  }

  private final CampaignDecider decider = new CampaignDecider();
  private final ObjectMapper json = CloudEventCodec.newObjectMapper();

  /** Replays one campaign's entries, in log order; stops at the first divergence. */
  public Report replay(String campaignId, List<CampaignTransitioned> log) {
    Campaign state = null;
    int reproduced = 0;
    for (int i = 0; i < log.size(); i++) {
      CampaignTransitioned recorded = log.get(i);
      CampaignInput input;
      try {
        if (recorded.input() == null) {
          throw new IllegalArgumentException(
              "no recorded input (written before inputs were recorded)");
        }
        input = CampaignInputs.restore(recorded.input(), json);
      } catch (IllegalArgumentException e) {
        return new Report(
            campaignId,
            log.size(),
            reproduced,
            "entry #" + i + " at " + recorded.at() + ": " + e.getMessage(),
            log.size() - i - 1,
            null,
            state);
      }
      CampaignDecision decision = decider.decide(state, input);
      Outcome expected = Outcome.of(recorded);
      Outcome actual = Outcome.of(decision.auditEntry());
      if (!Objects.equals(expected, actual)) {
        return new Report(
            campaignId,
            log.size(),
            reproduced,
            null,
            log.size() - i - 1,
            new Divergence(i, recorded.at(), expected, actual),
            state);
      }
      reproduced++;
      if (decision.next() != null) {
        state = decision.next();
      }
    }
    return new Report(campaignId, log.size(), reproduced, null, 0, null, state);
  }

  /**
   * The campaign's story: one line per decision, then each wave with its members as the replay left
   * them (status, upgrade, when started and settled, why), then the verdict.
   */
  public static String timeline(List<CampaignTransitioned> log, Report report) {
    StringBuilder out = new StringBuilder();
    Campaign c = report.state();
    out.append("campaign ").append(report.campaignId());
    if (c != null) {
      out.append("  ")
          .append(c.spec().name())
          .append("  ")
          .append(c.status())
          .append(
              !c.spec().dryRun()
                  ? ""
                  : c.status() == CampaignStatus.PLANNING || c.status() == CampaignStatus.PLANNED
                      ? " (plan)"
                      : " (from a plan)")
          .append(", ")
          .append(c.members().size())
          .append(" members in ")
          .append(c.waves().size())
          .append(" waves");
    }
    out.append('\n');
    out.append("\ndecisions\n");
    for (CampaignTransitioned t : log) {
      Outcome o = Outcome.of(t);
      out.append("  ")
          .append(CLOCK.format(t.at()))
          .append("  ")
          .append(
              String.format(
                  "%-36s",
                  o.rejected()
                      ? "REFUSED in " + o.to()
                      : o.from() == null || o.from() == o.to()
                          ? String.valueOf(o.to())
                          : o.from() + " → " + o.to()))
          .append(" wave ")
          .append(waveName(c, t.wave()))
          .append(t.member() == null ? "" : "  " + t.member() + " " + t.memberStatus())
          .append("  [")
          .append(t.actor())
          .append("] ")
          .append(t.reason())
          .append('\n');
    }
    if (c != null) {
      out.append("\nwaves (as replayed)\n");
      for (int w = 0; w < c.waves().size(); w++) {
        out.append("  wave ")
            .append(w + 1)
            .append(' ')
            .append(c.waves().get(w).name())
            .append(w == c.wave() && !c.status().isTerminal() ? "  <- current" : "")
            .append('\n');
        for (Member m : c.members()) {
          if (m.wave() != w) {
            continue;
          }
          out.append(String.format("    %-20s %-12s", m.cluster(), m.status()))
              .append(m.upgradeState() == null ? "" : " upgrade " + m.upgradeState())
              .append(m.startedAt() == null ? "" : "  " + CLOCK.format(m.startedAt()))
              .append(m.settledAt() == null ? "" : " → " + CLOCK.format(m.settledAt()))
              .append(
                  m.planPassed() == null
                      ? ""
                      : m.planPassed() ? "  plan: passed" : "  plan: FAILED")
              .append(m.reason() == null ? "" : "  " + m.reason())
              .append('\n');
        }
      }
    }
    out.append('\n').append(report.render());
    return out.toString();
  }

  private static String waveName(Campaign c, int index) {
    if (c != null && index >= 0 && index < c.waves().size()) {
      return (index + 1) + " " + c.waves().get(index).name();
    }
    return String.valueOf(index + 1);
  }

  /** For tests: the replayed states of members, by cluster. */
  static List<String> memberStatuses(Campaign c) {
    List<String> out = new ArrayList<>();
    for (Member m : c.members()) {
      out.add(m.cluster() + "=" + m.status());
    }
    return out;
  }
}
